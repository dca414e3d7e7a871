package io.tokenomics.bench.columnar;

import io.tokenomics.columnar.CostKernel;
import io.tokenomics.columnar.ModelPrice;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.TurnColumn;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VarCharVector;
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
 * Pricing a batch of turns: the kernel (price row looked up once per model by the producer, then a loop over
 * primitive columns) against a per-row scalar baseline (model name to price by hash lookup for every row) and
 * against the same sum computed by DuckDB SQL over the batch's rows in a table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class CostKernelBenchmark {
    @Param("16384")
    int rows;

    BufferAllocator allocator;
    PriceTable prices;
    SampleTurns turns;
    Map<String, ModelPrice> byName;
    Connection duckdb;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        allocator = new RootAllocator();
        prices = PriceTable.embedded();
        turns = new SampleTurns(allocator, prices, rows);
        byName = new HashMap<>();
        for (String model : SampleTurns.MODELS) {
            int index = prices.indexOf(model);
            if (index >= 0) {
                byName.put(model, prices.price(index));
            }
        }
        duckdb = io.tokenomics.columnar.DuckDb.openInMemory(1);
        try (Statement statement = duckdb.createStatement()) {
            statement.execute("CREATE TABLE prices (model VARCHAR, input DOUBLE, output DOUBLE, w5 DOUBLE,"
                    + " w1 DOUBLE, rd DOUBLE, has_long BOOLEAN, input_l DOUBLE, output_l DOUBLE, w5_l DOUBLE,"
                    + " w1_l DOUBLE, rd_l DOUBLE)");
            for (Map.Entry<String, ModelPrice> e : byName.entrySet()) {
                ModelPrice p = e.getValue();
                statement.execute(String.format(java.util.Locale.ROOT,
                        "INSERT INTO prices VALUES ('%s', %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)", e.getKey(),
                        p.input(), p.output(), p.cacheWrite5m(), p.cacheWrite1h(), p.cacheRead(), p.longContext(),
                        p.inputLong(), p.outputLong(), p.cacheWrite5mLong(), p.cacheWrite1hLong(),
                        p.cacheReadLong()));
            }
            statement.execute("CREATE TABLE turns (model VARCHAR, i BIGINT, o BIGINT, w5 BIGINT, w1 BIGINT,"
                    + " r BIGINT)");
            BigIntVector[] v = vectors();
            StringBuilder insert = new StringBuilder("INSERT INTO turns VALUES ");
            for (int i = 0; i < rows; i++) {
                insert.append(i == 0 ? "" : ",").append("('").append(turns.modelOfRow[i]).append("',")
                        .append(v[0].get(i)).append(',').append(v[1].get(i)).append(',').append(v[2].get(i))
                        .append(',').append(v[3].get(i)).append(',').append(v[4].get(i)).append(')');
            }
            statement.execute(insert.toString());
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        duckdb.close();
        turns.batch.close();
        allocator.close();
    }

    /** Returns the sum of the batch's costs. */
    @Benchmark
    public double kernel() {
        CostKernel.apply(turns.batch, turns.priceIndex, turns.fast, prices);
        Float8Vector cost = (Float8Vector) turns.batch.root().getVector(TurnColumn.COST_USD.ordinal());
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            sum += cost.isNull(i) ? 0 : cost.get(i);
        }
        return sum;
    }

    /** Baseline: every row reads its model name and looks its price up. */
    @Benchmark
    public double scalarPerRow() {
        BigIntVector[] v = vectors();
        VarCharVector model = (VarCharVector) turns.batch.root().getVector(TurnColumn.MODEL.ordinal());
        double sum = 0;
        for (int i = 0; i < rows; i++) {
            ModelPrice p = byName.get(new String(model.get(i), java.nio.charset.StandardCharsets.UTF_8));
            if (p == null) {
                continue;
            }
            long in = v[0].get(i);
            long out = v[1].get(i);
            long w5 = v[2].get(i);
            long w1 = v[3].get(i);
            long rd = v[4].get(i);
            double multiplier = turns.fast[i] ? p.fastMultiplier() : 1;
            boolean isLong = p.longContext() && in + w5 + w1 + rd > p.longContextThreshold();
            sum += multiplier * (in * (isLong ? p.inputLong() : p.input()) + out * (isLong ? p.outputLong()
                    : p.output()) + w5 * (isLong ? p.cacheWrite5mLong() : p.cacheWrite5m())
                    + w1 * (isLong ? p.cacheWrite1hLong() : p.cacheWrite1h())
                    + rd * (isLong ? p.cacheReadLong() : p.cacheRead()));
        }
        return sum;
    }

    /** Baseline: the same computation as one SQL query in DuckDB (fast mode left out). */
    @Benchmark
    public double duckdbSql() throws Exception {
        try (Statement statement = duckdb.createStatement();
             ResultSet rs = statement.executeQuery("SELECT sum(CASE WHEN p.has_long AND t.i + t.w5 + t.w1 + t.r"
                     + " > 200000 THEN t.i * p.input_l + t.o * p.output_l + t.w5 * p.w5_l + t.w1 * p.w1_l"
                     + " + t.r * p.rd_l ELSE t.i * p.input + t.o * p.output + t.w5 * p.w5 + t.w1 * p.w1"
                     + " + t.r * p.rd END) FROM turns t JOIN prices p USING (model)")) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    private BigIntVector[] vectors() {
        var root = turns.batch.root();
        return new BigIntVector[] {(BigIntVector) root.getVector(TurnColumn.INPUT_TOKENS.ordinal()),
            (BigIntVector) root.getVector(TurnColumn.OUTPUT_TOKENS.ordinal()),
            (BigIntVector) root.getVector(TurnColumn.CACHE_WRITE_5M_TOKENS.ordinal()),
            (BigIntVector) root.getVector(TurnColumn.CACHE_WRITE_1H_TOKENS.ordinal()),
            (BigIntVector) root.getVector(TurnColumn.CACHE_READ_TOKENS.ordinal())};
    }
}
