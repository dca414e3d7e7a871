package io.tokenomics.corpus;

import static io.tokenomics.corpus.JsonBuffer.HEX;
import static io.tokenomics.corpus.RandomValues.base62;

import java.util.SplittableRandom;

/**
 * Random draws of the generators, all from a {@link SplittableRandom} handed in. StrictMath, so that a seed gives the
 * same corpus on every JVM.
 */
final class RandomValues {
    private static final char[] BASE62 =
        "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private RandomValues() {
    }

    private static double gaussian(SplittableRandom r) {
        double u1 = 1.0 - r.nextDouble();
        double u2 = r.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u1)) * StrictMath.cos(2 * StrictMath.PI * u2);
    }

    static long lognormal(SplittableRandom r, double median, double sigma) {
        return Math.round(median * StrictMath.exp(sigma * gaussian(r)));
    }

    static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }

    static <T> T pick(SplittableRandom r, T[] values, double[] weights) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        double u = r.nextDouble() * sum;
        for (int i = 0; i < values.length; i++) {
            u -= weights[i];
            if (u < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    static void shuffle(SplittableRandom r, Object[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            Object t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    static String uuid(SplittableRandom r) {
        long hi = (r.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L;
        long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        char[] c = new char[36];
        int p = 0;
        for (int i = 0; i < 32; i++) {
            if (i == 8 || i == 12 || i == 16 || i == 20) {
                c[p++] = '-';
            }
            long word = i < 16 ? hi : lo;
            c[p++] = HEX[(int) (word >>> (60 - 4 * (i % 16))) & 0xF];
        }
        return new String(c);
    }

    static String base62(SplittableRandom r, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = BASE62[r.nextInt(62)];
        }
        return new String(c);
    }

    static String hex(SplittableRandom r, int len) {
        char[] c = new char[len];
        for (int i = 0; i < len; i++) {
            c[i] = HEX[r.nextInt(16)];
        }
        return new String(c);
    }

    static String messageId(SplittableRandom r) {
        return "msg_01" + base62(r, 22);
    }

    static String requestId(SplittableRandom r) {
        return "req_011C" + base62(r, 20);
    }

    static byte[] base64Pool(SplittableRandom r, int size) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        byte[] out = new byte[size];
        for (int i = 0; i < size; i++) {
            out[i] = (byte) alphabet.charAt(r.nextInt(64));
        }
        return out;
    }

    /** A UUID v7: 48 bits of Unix milliseconds, then random bits (time-ordered, as current Codex writes them). */
    static String uuidV7(SplittableRandom r, long ms) {
        long hi = (ms << 16) | 0x7000L | (r.nextLong() & 0x0FFFL);
        long lo = (r.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        String h = String.format(java.util.Locale.ROOT, "%016x%016x", hi, lo);
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20)
            + "-" + h.substring(20);
    }
}
