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
}
