package io.tokenomics.bench.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs each kernel benchmark once and checks it agrees with its baselines. */
class ColumnarBenchmarksSmokeTest {
    @Test
    void shouldPriceTheBatchAsTheScalarLoopAndDuckDbDo() throws Exception {
        CostKernelBenchmark benchmark = new CostKernelBenchmark();
        benchmark.rows = 2000;
        benchmark.setUp();
        try {
            double kernel = benchmark.kernel();
            assertTrue(kernel > 0);
            assertEquals(benchmark.scalarPerRow(), kernel, kernel * 1e-9);
            // DuckDB leaves fast mode out; the sample has a few fast rows, so compare without them by bounds.
            double sql = benchmark.duckdbSql();
            assertTrue(sql > 0 && sql <= kernel * (1 + 1e-9), sql + " vs " + kernel);
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void shouldCountSixCellsPerRowLikeTheMapBaseline() {
        TokenHistogramBenchmark benchmark = new TokenHistogramBenchmark();
        benchmark.rows = 2000;
        benchmark.setUp();
        try {
            assertEquals(6L * 2000, benchmark.kernel());
            assertEquals(benchmark.mapPerRow(), benchmark.kernel());
        } finally {
            benchmark.tearDown();
        }
    }

    @Test
    void shouldBuildTheSameBatchAsArrowsSetSafe() {
        RowBatchBenchmark benchmark = new RowBatchBenchmark();
        benchmark.rows = 3000;
        benchmark.setUp();
        try (org.apache.arrow.vector.VectorSchemaRoot expected = org.apache.arrow.vector.VectorSchemaRoot.create(
                io.tokenomics.columnar.Table.TURNS.schema(), benchmark.allocator)) {
            long checksum = benchmark.rowBatch();
            assertEquals(checksum, benchmark.rowBatch(), "a reused batch builds the same rows again");
            assertEquals(benchmark.arrowSetSafe(), checksum);
            benchmark.fillWithSetSafe(expected);
            assertTrue(expected.equals(benchmark.batch.root()), "every value of every column");
            assertTrue(expected.getVector("message_id").getNullCount() > 0, "missing values are in the sample");
        } finally {
            benchmark.tearDown();
        }
    }
}
