package io.tokenomics.bench.columnar;

import io.tokenomics.columnar.ColumnType;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.TurnColumn;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Building a batch of turns, every column set as the scan sets it: {@link RowBatch} (vectors sized once for the
 * batch and reused from batch to batch, a column addressed by its enum) against Arrow's own idiom, a new
 * {@link VectorSchemaRoot} per batch filled with {@code setSafe}, its buffers growing as the rows come.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class RowBatchBenchmark {
    private static final TurnColumn[] COLUMNS = TurnColumn.values();

    @Param("16384")
    int rows;

    BufferAllocator allocator;
    RowBatch batch;
    /** Per row and string column, the UTF-8 value (null for a missing one); a few distinct values each. */
    byte[][][] strings;
    /** Per row and numeric column, the value. */
    long[][] numbers;

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new RootAllocator();
        batch = new RowBatch(Table.TURNS, allocator, rows);
        SplittableRandom random = new SplittableRandom(5);
        strings = new byte[rows][COLUMNS.length][];
        numbers = new long[rows][COLUMNS.length];
        for (int r = 0; r < rows; r++) {
            for (TurnColumn column : COLUMNS) {
                int c = column.ordinal();
                switch (column.type()) {
                    case STRING -> strings[r][c] = random.nextInt(20) == 0 ? null
                            : (column.columnName() + "-" + random.nextInt(column == TurnColumn.MESSAGE_ID ? rows : 8)
                                + "-/home/user/projects/some-project").getBytes(StandardCharsets.UTF_8);
                    case BOOL -> numbers[r][c] = random.nextInt(2);
                    case TIMESTAMP -> numbers[r][c] = 1_780_000_000_000_000L + r * 1_000_000L;
                    default -> numbers[r][c] = random.nextLong(200_000);
                }
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        batch.close();
        allocator.close();
    }

    /** Fills the reused batch; returns a value that depends on every row (the rows and string bytes). */
    @Benchmark
    public long rowBatch() {
        batch.reset();
        for (int r = 0; r < rows; r++) {
            for (TurnColumn column : COLUMNS) {
                int c = column.ordinal();
                switch (column.type()) {
                    case STRING -> {
                        byte[] value = strings[r][c];
                        if (value != null) {
                            batch.setString(column, value, 0, value.length);
                        }
                    }
                    case INT64 -> batch.setLong(column, numbers[r][c]);
                    case FLOAT64 -> batch.setDouble(column, numbers[r][c] / 1e6);
                    case BOOL -> batch.setBool(column, numbers[r][c] != 0);
                    case TIMESTAMP -> batch.setTimestamp(column, numbers[r][c]);
                    default -> throw new IllegalStateException(column.type().toString());
                }
            }
            batch.endRow();
        }
        return checksum(batch.seal());
    }

    /** Baseline: a new root per batch, every value through the vector's {@code setSafe}. */
    @Benchmark
    public long arrowSetSafe() {
        try (VectorSchemaRoot root = VectorSchemaRoot.create(Table.TURNS.schema(), allocator)) {
            fillWithSetSafe(root);
            return checksum(root);
        }
    }

    void fillWithSetSafe(VectorSchemaRoot root) {
        root.allocateNew();
        for (int r = 0; r < rows; r++) {
            for (TurnColumn column : COLUMNS) {
                int c = column.ordinal();
                switch (column.type()) {
                    case STRING -> {
                        byte[] value = strings[r][c];
                        if (value != null) {
                            ((VarCharVector) root.getVector(c)).setSafe(r, value, 0, value.length);
                        }
                    }
                    case INT64 -> ((BigIntVector) root.getVector(c)).setSafe(r, numbers[r][c]);
                    case FLOAT64 -> ((Float8Vector) root.getVector(c)).setSafe(r, numbers[r][c] / 1e6);
                    case BOOL -> ((BitVector) root.getVector(c)).setSafe(r, numbers[r][c] != 0 ? 1 : 0);
                    case TIMESTAMP -> ((TimeStampMicroTZVector) root.getVector(c)).setSafe(r, numbers[r][c]);
                    default -> throw new IllegalStateException(column.type().toString());
                }
            }
        }
        root.setRowCount(rows);
    }

    private static long checksum(VectorSchemaRoot root) {
        long sum = root.getRowCount();
        for (TurnColumn column : COLUMNS) {
            if (column.type() == ColumnType.STRING) {
                VarCharVector vector = (VarCharVector) root.getVector(column.ordinal());
                sum = sum * 31 + vector.getOffsetBuffer().getInt((long) root.getRowCount() * 4) + vector.getNullCount();
            }
        }
        return sum;
    }
}
