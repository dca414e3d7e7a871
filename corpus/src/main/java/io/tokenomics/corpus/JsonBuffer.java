package io.tokenomics.corpus;

import static io.tokenomics.corpus.CorpusGenerator.DAY_MS;
import static io.tokenomics.corpus.JsonBuffer.HEX;

import java.util.Arrays;

// Byte buffer with JSON helpers

/** A growable byte buffer that JSON text is written into by hand: ASCII, escaped strings, numbers, timestamps. */
final class JsonBuffer {
    static final char[] HEX = "0123456789abcdef".toCharArray();

    byte[] array;
    int size;

    JsonBuffer(int capacity) {
        array = new byte[capacity];
    }

    JsonBuffer reset() {
        size = 0;
        return this;
    }

    byte[] toArray() {
        return Arrays.copyOf(array, size);
    }

    private void ensure(int extra) {
        if (size + extra > array.length) {
            array = Arrays.copyOf(array, Math.max(array.length * 2, size + extra));
        }
    }

    void put(byte b) {
        ensure(1);
        array[size++] = b;
    }

    /** Vocabulary known to be ASCII and to need no escaping (constants, ids, numbers). */
    JsonBuffer ascii(String s) {
        int len = s.length();
        ensure(len);
        for (int i = 0; i < len; i++) {
            array[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    JsonBuffer bytes(byte[] src, int off, int len) {
        ensure(len);
        System.arraycopy(src, off, array, size, len);
        size += len;
        return this;
    }

    JsonBuffer number(long v) {
        return ascii(Long.toString(v));
    }

    JsonBuffer string(String s) {
        put((byte) '"');
        escaped(s, false);
        put((byte) '"');
        return this;
    }

    JsonBuffer stringOrNull(String s) {
        return s == null ? ascii("null") : string(s);
    }

    /**
     * JSON string content: quotes, backslashes and controls escaped; other text as UTF-8, or as \\uXXXX when
     * {@code asciiOnly} (what Python's json.dumps writes). A lone surrogate is kept as an escape so the output
     * stays valid UTF-8.
     */
    JsonBuffer escaped(String s, boolean asciiOnly) {
        int len = s.length();
        ensure(len * 6);
        for (int i = 0; i < len; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                escAscii(ch);
            } else if (asciiOnly) {
                unicodeEscape(ch);
            } else if (ch < 0x800) {
                array[size++] = (byte) (0xC0 | (ch >> 6));
                array[size++] = (byte) (0x80 | (ch & 0x3F));
            } else if (Character.isHighSurrogate(ch) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(ch, s.charAt(++i));
                array[size++] = (byte) (0xF0 | (cp >> 18));
                array[size++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                array[size++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                array[size++] = (byte) (0x80 | (cp & 0x3F));
            } else if (Character.isSurrogate(ch)) {
                unicodeEscape(ch);
            } else {
                array[size++] = (byte) (0xE0 | (ch >> 12));
                array[size++] = (byte) (0x80 | ((ch >> 6) & 0x3F));
                array[size++] = (byte) (0x80 | (ch & 0x3F));
            }
        }
        return this;
    }

    private void escAscii(char ch) {
        switch (ch) {
            case '"' -> {
                array[size++] = '\\';
                array[size++] = '"';
            }
            case '\\' -> {
                array[size++] = '\\';
                array[size++] = '\\';
            }
            case '\n' -> {
                array[size++] = '\\';
                array[size++] = 'n';
            }
            case '\r' -> {
                array[size++] = '\\';
                array[size++] = 'r';
            }
            case '\t' -> {
                array[size++] = '\\';
                array[size++] = 't';
            }
            default -> {
                if (ch < 0x20) {
                    unicodeEscape(ch);
                } else {
                    array[size++] = (byte) ch;
                }
            }
        }
    }

    private void unicodeEscape(char ch) {
        array[size++] = '\\';
        array[size++] = 'u';
        array[size++] = (byte) HEX[(ch >> 12) & 0xF];
        array[size++] = (byte) HEX[(ch >> 8) & 0xF];
        array[size++] = (byte) HEX[(ch >> 4) & 0xF];
        array[size++] = (byte) HEX[ch & 0xF];
    }

    /** ISO-8601 UTC with milliseconds and Z, e.g. 2026-03-02T09:00:02.000Z (no java.time per line). */
    JsonBuffer timestamp(long ms) {
        long days = Math.floorDiv(ms, DAY_MS);
        long msOfDay = Math.floorMod(ms, DAY_MS);
        long z = days + 719_468; // civil-from-days, H. Hinnant
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        ensure(24);
        digits(year, 4).put((byte) '-');
        digits(month, 2).put((byte) '-');
        digits(day, 2).put((byte) 'T');
        digits(msOfDay / 3_600_000, 2).put((byte) ':');
        digits(msOfDay / 60_000 % 60, 2).put((byte) ':');
        digits(msOfDay / 1000 % 60, 2).put((byte) '.');
        digits(msOfDay % 1000, 3).put((byte) 'Z');
        return this;
    }

    private JsonBuffer digits(long v, int width) {
        for (int i = width - 1; i >= 0; i--) {
            array[size + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        size += width;
        return this;
    }
    /** A JSON string literal (for JSON text that is itself written as a string, like tool arguments). */
    static String jsonLiteral(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
