package io.tokenomics.bench.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Runs each benchmark once and checks that it and its baseline compute the same answer. */
class IngestBenchmarksSmokeTest {
    @Test
    void shouldCountTheSameLinesAsTheByteLoop() throws Exception {
        LineScannerBenchmark benchmark = new LineScannerBenchmark();
        benchmark.toolResultBytes = 200;
        benchmark.lines = 3000;
        benchmark.setUp();
        assertEquals(3000, benchmark.byteLoopNewlines());
        assertEquals(benchmark.byteLoopNewlines(), benchmark.swarNewlines());
    }

    @Test
    void shouldSumTheSameTokensAsJackson() throws Exception {
        FieldExtractorBenchmark benchmark = new FieldExtractorBenchmark();
        benchmark.toolResultBytes = 20_000;
        benchmark.lines = 3000;
        benchmark.setUp();
        long tokens = benchmark.extractor();
        assertTrue(tokens > 0);
        assertEquals(benchmark.jacksonStreaming(), tokens);
    }
}
