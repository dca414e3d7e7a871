package io.tokenomics.ingest.bytes;

/** Newline search and counting over raw memory: the line structure of JSON Lines files. */
public final class Newlines {
    /** Stretches up to this long are searched eight bytes at a time, longer ones with the C library's search. */
    private static final int SHORT_SEARCH = 32;

    private Newlines() {
    }

    /**
     * The offset of the first newline in {@code [from, end)}, or -1. Segments start anywhere in a line, and a line
     * can be megabytes long (an image in base64, three times over): the C library's search where it is available.
     */
    public static long indexOf(long base, long from, long end) {
        if (NativeSearch.AVAILABLE && end - from > SHORT_SEARCH) {
            long found = NativeSearch.indexOf(base + from, '\n', end - from);
            return found == 0 ? -1 : found - base;
        }
        long p = from;
        while (p + 8 <= end) {
            long mask = Swar.matches(NativeMemory.getLongLittleEndian(base + p), Swar.NEWLINES);
            if (mask != 0) {
                return p + Swar.firstIndex(mask);
            }
            p += 8;
        }
        while (p < end) {
            if (NativeMemory.getByte(base + p) == '\n') {
                return p;
            }
            p++;
        }
        return -1;
    }

    /** The newlines in {@code [from, to)}, eight bytes at a time. */
    public static long count(long base, long from, long to) {
        long n = 0;
        long p = from;
        for (; p + 8 <= to; p += 8) {
            n += Swar.count(NativeMemory.getLongLittleEndian(base + p), Swar.NEWLINES);
        }
        for (; p < to; p++) {
            if (NativeMemory.getByte(base + p) == '\n') {
                n++;
            }
        }
        return n;
    }
}
