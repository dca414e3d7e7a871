package io.tokenomics.ingest.bytes;

/**
 * SIMD within a register: tests eight bytes of a little-endian word at once.
 *
 * <pre>
 *   word   = b7 b6 b5 b4 b3 b2 b1 b0      (b0 is the byte at the lowest address)
 *   x      = word ^ broadcast(c)           (a byte of x is 0x00 where b == c)
 *   zeros  = (x - 0x0101..01) &amp; ~x &amp; 0x8080..80
 * </pre>
 *
 * The lowest set bit of {@code zeros} marks the first byte equal to {@code c} exactly; bits above it may be false
 * positives caused by the borrow, so only the lowest one is ever used. The trick is the classic "haszero" of Alan
 * Mycroft (Bit Twiddling Hacks, Sean Eron Anderson); {@code SwarTest} checks it against a byte loop.
 */
public final class Swar {
    static final long ONES = 0x0101010101010101L;
    public static final long HIGHS = 0x8080808080808080L;
    public static final long QUOTES = broadcast('"');
    public static final long BACKSLASHES = broadcast('\\');
    public static final long NEWLINES = broadcast('\n');

    private Swar() {
    }

    static long broadcast(char c) {
        return ONES * (c & 0xFF);
    }

    /** Marks bytes of {@code word} equal to the byte broadcast in {@code pattern}; only the lowest mark is exact. */
    public static long matches(long word, long pattern) {
        long x = word ^ pattern;
        return (x - ONES) & ~x & HIGHS;
    }

    /**
     * The index (0 to 7) of the byte marked by the lowest set bit of a non-zero mask of byte high bits. The lowest
     * bit, {@code 2^(8k+7)}, shifted down by 7 is {@code 2^(8k)}; multiplying by {@code 0x0001020304050607} moves
     * that constant's byte {@code 7-k}, whose value is {@code k}, into the top byte. A multiply instead of
     * {@link Long#numberOfTrailingZeros}, which the client compiler does not turn into one instruction.
     */
    public static int firstIndex(long mask) {
        long lowest = mask & -mask;
        return (int) (((lowest >>> 7) * 0x0001020304050607L) >>> 56);
    }

    /** How many bytes of {@code word} are UTF-8 continuation bytes ({@code 10xxxxxx}). */
    public static int continuationBytes(long word) {
        // A continuation byte has bit 7 set and bit 6 clear.
        // The marks are high bits of bytes: moved down to bit 0 of each byte, a multiply sums them into the top
        // byte. Long.bitCount is a call under the client compiler, which does not make it one instruction.
        return (int) ((((word & ~(word << 1) & HIGHS) >>> 7) * ONES) >>> 56);
    }

    /**
     * How many bytes of {@code word} equal the byte broadcast in {@code pattern}, exactly: each byte is tested on its
     * own ({@code (x & 0x7f) + 0x7f} carries into bit 7 for any non-zero low seven bits, with no borrow between
     * bytes), where {@link #matches} marks the first equal byte only.
     */
    static int count(long word, long pattern) {
        long x = word ^ pattern;
        long nonZero = ((x & ~HIGHS) + ~HIGHS | x) & HIGHS;
        return (int) ((((nonZero ^ HIGHS) >>> 7) * ONES) >>> 56);
    }

    /** The low {@code n} bytes of a word (n from 0 to 7). */
    public static long lowBytes(long word, int n) {
        return word & ((1L << (n << 3)) - 1);
    }
}
