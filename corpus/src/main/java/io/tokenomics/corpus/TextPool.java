package io.tokenomics.corpus;


import java.util.Arrays;
import java.util.SplittableRandom;

// Vocabulary pools

/**
 * Pre-escaped JSON string content (no quotes) made of lines that each end in an escaped newline. Slices start
 * and end at line boundaries, so a slice never splits an escape or a multi-byte character.
 */
final class TextPool {
    final byte[] text;
    final int[] starts; // start offset of each line; text.length closes the last one

    private TextPool(byte[] text, int[] starts) {
        this.text = text;
        this.starts = starts;
    }

    static TextPool build(SplittableRandom r, int size, boolean prose) {
        JsonBuffer b = new JsonBuffer(size + 4096);
        int[] starts = new int[size / 8];
        int lines = 0;
        StringBuilder sb = new StringBuilder(256);
        while (b.size < size) {
            if (lines == starts.length) {
                starts = Arrays.copyOf(starts, lines * 2);
            }
            starts[lines++] = b.size;
            sb.setLength(0);
            if (prose) {
                Vocabulary.proseLine(r, sb);
            } else {
                Vocabulary.codeLine(r, sb);
            }
            // a few lines as Python would write them (\u00e9, surrogate-pair escapes for emoji)
            b.escaped(sb.toString(), r.nextDouble() < 0.03).ascii("\\n");
        }
        return new TextPool(b.toArray(), Arrays.copyOf(starts, lines));
    }

    /** About {@code len} bytes (at least one line), packed as start << 32 | end. */
    long slice(SplittableRandom r, int len) {
        len = Math.max(1, Math.min(len, text.length - 1));
        int lastStart = floorLine(text.length - len);
        int line = r.nextInt(lastStart + 1);
        int start = starts[line];
        int end = ceilBoundary(start + len);
        return ((long) start << 32) | end;
    }

    void append(JsonBuffer b, SplittableRandom r, int len) {
        write(b, slice(r, len));
    }

    void write(JsonBuffer b, long slice) {
        int start = (int) (slice >>> 32);
        b.bytes(text, start, (int) slice - start);
    }

    private int floorLine(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    private int ceilBoundary(int offset) {
        int i = Arrays.binarySearch(starts, offset);
        if (i >= 0) {
            return offset;
        }
        int next = -i - 1;
        return next < starts.length ? starts[next] : text.length;
    }

    static int sliceLength(long slice) {
        return (int) slice - (int) (slice >>> 32);
    }
}
