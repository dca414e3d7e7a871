package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The string scan skips eight bytes at a time, whole words of escapes included. Against a byte-by-byte reading of
 * the JSON rules, on strings dense in quotes, backslashes, backslash runs and newlines, starting at every offset
 * of a word, so that every escape falls on every position of a word and across word ends.
 */
class JsonCursorStringTest {
    private static final byte[] ALPHABET = {'"', '\\', '\\', '\\', 'n', 'a', 'b', '\n', 'u', ' '};

    /** A cursor for the string primitives alone. */
    private static final class StringCursor extends JsonCursor {
        @Override
        boolean parseObject() {
            return false;
        }
    }

    @Test
    void shouldFindTheClosingQuoteAndTheEscapesAsAByteLoopDoes() {
        SplittableRandom random = new SplittableRandom(42);
        StringCursor cursor = new StringCursor();
        int capacity = 96;
        long address = NativeMemory.allocate(capacity);
        try {
            byte[] bytes = new byte[capacity];
            for (int round = 0; round < 200_000; round++) {
                int length = 1 + random.nextInt(capacity);
                int sparse = random.nextInt(4);
                for (int i = 0; i < length; i++) {
                    // Mostly plain text with escapes, sometimes dense in every special byte.
                    bytes[i] = sparse > 0 && random.nextInt(8) != 0 ? (byte) ('a' + random.nextInt(26))
                            : ALPHABET[random.nextInt(ALPHABET.length)];
                }
                NativeMemory.copy(bytes, 0, address, length);
                int from = random.nextInt(Math.min(length, 9));
                cursor.end = address + length;
                long close = cursor.scanString(address + from);
                long expected = closingQuote(bytes, from, length);
                String where = "round " + round + " from " + from + ": " + new String(bytes, 0, length,
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                assertEquals(expected, close < 0 ? -1 : close - address, where);
                if (expected >= 0) {
                    assertEquals(hasEscape(bytes, from, (int) expected), cursor.lastEscaped, where);
                }
            }
        } finally {
            NativeMemory.free(address);
        }
    }

    /** JSON's rule, a byte at a time: a backslash takes the next byte with it; a raw newline ends the line. */
    private static long closingQuote(byte[] bytes, int from, int limit) {
        int i = from;
        while (i < limit) {
            byte b = bytes[i];
            if (b == '"') {
                return i;
            }
            if (b == '\n') {
                return -1;
            }
            if (b == '\\') {
                if (i + 1 >= limit || bytes[i + 1] == '\n') {
                    return -1;
                }
                i += 2;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static boolean hasEscape(byte[] bytes, int from, int close) {
        for (int i = from; i < close; i++) {
            if (bytes[i] == '\\') {
                return true;
            }
        }
        return false;
    }
}
