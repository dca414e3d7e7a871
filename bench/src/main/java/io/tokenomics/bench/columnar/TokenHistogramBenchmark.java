package io.tokenomics.bench.columnar;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.TokenHistogram;
import io.tokenomics.columnar.TurnColumn;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
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
 * Token-mix histograms of a batch: the kernel against a per-row baseline that keys a map by (day, model, class,
 * bucket) strings.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--add-opens=java.base/java.nio=ALL-UNNAMED"})
public class TokenHistogramBenchmark {
    @Param("16384")
    int rows;

    BufferAllocator allocator;
    SampleTurns turns;
    VectorSchemaRoot batch;

    @Setup(Level.Trial)
    public void setUp() {
        allocator = new RootAllocator();
        turns = new SampleTurns(allocator, PriceTable.embedded(), rows);
        batch = turns.batch.root();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        turns.batch.close();
        allocator.close();
    }

    /** Returns the total of the request counts, six per row. */
    @Benchmark
    public long kernel() {
        TokenHistogram histogram = new TokenHistogram();
        histogram.add(batch);
        long[] total = new long[1];
        histogram.forEachCell((day, model, tokenClass, bucket, requests, tokens) -> total[0] += requests);
        return total[0];
    }

    /** Baseline: a string key per row and class, counted in a hash map. */
    @Benchmark
    public long mapPerRow() {
        Map<String, long[]> counts = new HashMap<>();
        VarCharVector model = (VarCharVector) batch.getVector(TurnColumn.MODEL.ordinal());
        var ts = (org.apache.arrow.vector.TimeStampVector) batch.getVector(TurnColumn.TS.ordinal());
        BigIntVector[] classes = {(BigIntVector) batch.getVector(TurnColumn.INPUT_TOKENS.ordinal()),
            (BigIntVector) batch.getVector(TurnColumn.OUTPUT_TOKENS.ordinal()),
            (BigIntVector) batch.getVector(TurnColumn.CACHE_WRITE_5M_TOKENS.ordinal()),
            (BigIntVector) batch.getVector(TurnColumn.CACHE_WRITE_1H_TOKENS.ordinal()),
            (BigIntVector) batch.getVector(TurnColumn.CACHE_READ_TOKENS.ordinal())};
        for (int i = 0; i < rows; i++) {
            String prefix = Math.floorDiv(ts.get(i), 86_400_000_000L) + "|" + new String(model.get(i),
                    java.nio.charset.StandardCharsets.UTF_8);
            long context = 0;
            for (int c = 0; c < classes.length; c++) {
                long v = classes[c].get(i);
                context += c == 1 ? 0 : v;
                counts.computeIfAbsent(prefix + "|" + c + "|" + TokenHistogram.bucket(v), k -> new long[2])[0]++;
            }
            counts.computeIfAbsent(prefix + "|ctx|" + TokenHistogram.bucket(context), k -> new long[2])[0]++;
        }
        long total = 0;
        for (long[] c : counts.values()) {
            total += c[0];
        }
        return total;
    }
}
