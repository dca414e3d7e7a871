package io.tokenomics.ingest.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.bytes.NativeSearch;
import io.tokenomics.ingest.bytes.Newlines;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The string scan ({@link JsonCursor#stringEnd}) skips eight bytes at a time, whole words of escapes included.
 * Against a byte-by-byte reading of the JSON rules, on strings dense in quotes, backslashes, backslash runs and
 * newlines, starting at every offset of a word, so that every escape falls on every position of a word and across
 * word ends; and on long strings, whose rest goes to the C library's search on JDK 22 and later.
 */
class JsonCursorStringTest {
    private static final byte[] ALPHABET = {'"', '\\', '\\', '\\', 'n', 'a', 'b', '\n', 'u', ' '};

    /** A cursor for the string primitives alone. */
    private static final class StringCursor extends JsonCursor {
        @Override
        protected boolean parseObject() {
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
                // Mostly plain text with escapes, sometimes dense in every special byte.
                fillText(bytes, length, random.nextInt(4) > 0 ? 8 : 1, random);
                NativeMemory.copy(bytes, 0, address, length);
                int from = random.nextInt(Math.min(length, 9));
                cursor.end = address + length;
                cursor.lineNewline = 0; // a new line, as parseLine starts one
                long close = cursor.stringEnd(address + from);
                long expected = closingQuote(bytes, from, length);
                String where = "round " + round + " from " + from + ": " + new String(bytes, 0, length,
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                assertEquals(expected, close < 0 ? -1 : close - address, where);
                if (expected >= 0) {
                    assertEquals(hasEscape(bytes, from, (int) expected), cursor.lastEscaped(), where);
                }
            }
        } finally {
            NativeMemory.free(address);
        }
    }

    @Test
    void shouldSkipLongStringsAsAByteLoopDoes() {
        SplittableRandom random = new SplittableRandom(7);
        StringCursor cursor = new StringCursor();
        int capacity = 400;
        long address = NativeMemory.allocate(capacity);
        try {
            byte[] bytes = new byte[capacity];
            for (int round = 0; round < 100_000; round++) {
                int length = 1 + random.nextInt(capacity);
                // One special byte in 4 to one in 64: quotes escaped and not, runs of backslashes, newlines, all
                // before, inside and after the stretch searched eight bytes at a time.
                fillText(bytes, length, 4 << random.nextInt(5), random);
                NativeMemory.copy(bytes, 0, address, length);
                int from = random.nextInt(Math.min(length, 9));
                cursor.end = address + length;
                cursor.lineNewline = 0; // a new line, as parseLine starts one
                String where = "round " + round + " from " + from + ": " + new String(bytes, 0, length,
                        java.nio.charset.StandardCharsets.ISO_8859_1);
                long close = cursor.stringEnd(address + from);
                long expected = closingQuote(bytes, from, length);
                assertEquals(expected, close < 0 ? -1 : close - address, where);
                if (expected >= 0) {
                    assertEquals(hasEscape(bytes, from, (int) expected), cursor.lastEscaped(), where);
                }
                if (expected >= 0 && expected + 1 < length) {
                    // The next string of the same line: the newline found for the first one still holds.
                    long next = cursor.stringEnd(close + 1);
                    long expectedNext = closingQuote(bytes, (int) expected + 1, length);
                    assertEquals(expectedNext, next < 0 ? -1 : next - address, "second string, " + where);
                }
            }
        } finally {
            NativeMemory.free(address);
        }
    }

    /**
     * The characters of a measured string are the code points of the text it spells: random text of one-, two-,
     * three- and four-byte characters, written with every kind of escape, short and long.
     */
    @Test
    void shouldMeasureTheCodePointsOfEveryStringAsItsTextHasThem() {
        SplittableRandom random = new SplittableRandom(5);
        StringCursor cursor = new StringCursor();
        String[] pieces = {"a", "Z", " ", "é", "ж", "€", "中", "😀", "\n", "\"", "\\"};
        for (int round = 0; round < 20_000; round++) {
            StringBuilder text = new StringBuilder();
            StringBuilder json = new StringBuilder();
            int length = random.nextInt(random.nextInt(4) == 0 ? 400 : 40);
            for (int i = 0; i < length; i++) {
                String piece = pieces[random.nextInt(pieces.length)];
                text.append(piece);
                int choice = random.nextInt(8);
                if (choice == 0) {
                    piece.codePoints().forEach(c -> {
                        for (char unit : Character.toChars(c)) {
                            json.append(String.format("\\u%04x", (int) unit));
                        }
                    });
                } else {
                    json.append(piece.equals("\n") ? "\\n" : piece.equals("\"") ? "\\\"" : piece.equals("\\")
                            ? "\\\\" : piece);
                }
            }
            byte[] bytes = (json + "\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            long address = NativeMemory.allocate(bytes.length);
            try {
                NativeMemory.copy(bytes, 0, address, bytes.length);
                cursor.end = address + bytes.length;
                cursor.lineNewline = 0;
                long close = cursor.measureString(address);
                assertEquals(bytes.length - 1, close - address, json.toString());
                assertEquals(text.codePointCount(0, text.length()), cursor.lastChars, json.toString());
            } finally {
                NativeMemory.free(address);
            }
        }
    }

    @Test
    void shouldFindTheFirstNewlineAsAByteLoopDoes() {
        SplittableRandom random = new SplittableRandom(11);
        int capacity = 300;
        long address = NativeMemory.allocate(capacity);
        try {
            byte[] bytes = new byte[capacity];
            for (int round = 0; round < 50_000; round++) {
                int length = 1 + random.nextInt(capacity);
                int rarity = 2 << random.nextInt(9);
                for (int i = 0; i < length; i++) {
                    bytes[i] = random.nextInt(rarity) == 0 ? (byte) '\n' : (byte) ('a' + random.nextInt(26));
                }
                NativeMemory.copy(bytes, 0, address, length);
                int from = random.nextInt(length);
                int to = from + random.nextInt(length - from + 1);
                long expected = -1;
                for (int i = from; i < to; i++) {
                    if (bytes[i] == '\n') {
                        expected = i;
                        break;
                    }
                }
                // Offsets from a base, as the scan passes them: the base is the mapping's address.
                assertEquals(expected, Newlines.indexOf(address, from, to), "round " + round);
            }
        } finally {
            NativeMemory.free(address);
        }
    }

    @Test
    void shouldUseTheLibrarySearchFromJdk22On() {
        // Not a silent fallback: where the foreign function API is final, the search must be linked.
        if (Runtime.version().feature() >= 22) {
            assertTrue(NativeSearch.available(), "memchr not linked on JDK " + Runtime.version());
        }
    }

    /** Letters with one byte of {@link #ALPHABET} in {@code rarity} on average; every byte from it when 1. */
    private static void fillText(byte[] bytes, int length, int rarity, SplittableRandom random) {
        for (int i = 0; i < length; i++) {
            bytes[i] = rarity > 1 && random.nextInt(rarity) != 0 ? (byte) ('a' + random.nextInt(26))
                    : ALPHABET[random.nextInt(ALPHABET.length)];
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
