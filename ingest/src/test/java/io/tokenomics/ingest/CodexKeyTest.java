package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The dedup key of a Codex turn is built into a byte array without allocating: its counters written as
 * {@link Long#toString(long)} writes them, whatever their value (counters in a damaged rollout may be anything).
 */
class CodexKeyTest {
    @Test
    void shouldWriteLongsAsLongToStringDoes() {
        SplittableRandom random = new SplittableRandom(3);
        byte[] out = new byte[40];
        long[] edges = {0, 1, -1, 9, 10, 99, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1,
            1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L};
        for (long value : edges) {
            assertWritten(out, value);
        }
        for (int i = 0; i < 100_000; i++) {
            long value = random.nextLong() >> random.nextInt(64);
            assertWritten(out, value);
        }
    }

    private static void assertWritten(byte[] out, long value) {
        int at = (int) Math.floorMod(value, 7L);
        int end = RowWriter.putDecimal(out, at, value);
        assertEquals(Long.toString(value), new String(out, at, end - at, StandardCharsets.US_ASCII));
    }
}
