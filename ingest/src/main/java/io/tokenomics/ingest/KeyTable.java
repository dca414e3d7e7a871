package io.tokenomics.ingest;

import java.nio.charset.StandardCharsets;

/**
 * The keys we keep in one kind of JSON object, matched against a raw key in place. The keys of the raw key's length
 * are compared eight bytes at a time; keys of one table mostly differ in length, so a lookup is an array read and
 * at most a compare or two (a line has a few dozen keys, most of which we do not keep).
 */
final class KeyTable {
    static final int UNKNOWN = -1;

    private final byte[][] keys;
    private final int[] lengths;
    private final long[][] words;
    /** The indexes of the keys of each length, up to the longest key. */
    private final int[][] byLength;

    KeyTable(String... names) {
        keys = new byte[names.length][];
        lengths = new int[names.length];
        words = new long[names.length][];
        for (int i = 0; i < names.length; i++) {
            byte[] key = names[i].getBytes(StandardCharsets.US_ASCII);
            keys[i] = key;
            lengths[i] = key.length;
            long[] w = new long[(key.length + 7) / 8];
            for (int b = 0; b < key.length; b++) {
                w[b >>> 3] |= (key[b] & 0xFFL) << ((b & 7) << 3);
            }
            words[i] = w;
        }
        int longest = 0;
        for (int length : lengths) {
            longest = Math.max(longest, length);
        }
        byLength = new int[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int count = 0;
            for (int l : lengths) {
                count += l == length ? 1 : 0;
            }
            byLength[length] = new int[count];
            for (int i = 0, at = 0; i < lengths.length; i++) {
                if (lengths[i] == length) {
                    byLength[length][at++] = i;
                }
            }
        }
    }

    /**
     * The index of the key whose raw bytes are at {@code address}, or {@link #UNKNOWN}. {@code limit} is the first
     * address that may not be read: a word read never crosses it.
     */
    int lookup(long address, int length, long limit) {
        if (length >= byLength.length) {
            return UNKNOWN;
        }
        int[] candidates = byLength[length];
        for (int c = 0; c < candidates.length; c++) {
            if (matches(words[candidates[c]], address, length, limit)) {
                return candidates[c];
            }
        }
        return UNKNOWN;
    }

    /** Lookup of a key that held escapes, after decoding it into {@code decoded}. */
    int lookupDecoded(byte[] decoded, int length) {
        for (int i = 0; i < keys.length; i++) {
            if (lengths[i] == length && java.util.Arrays.equals(keys[i], 0, length, decoded, 0, length)) {
                return i;
            }
        }
        return UNKNOWN;
    }

    private static boolean matches(long[] expected, long address, int length, long limit) {
        int full = length >>> 3;
        for (int w = 0; w < full; w++) {
            if (NativeMemory.getLongLittleEndian(address + ((long) w << 3)) != expected[w]) {
                return false;
            }
        }
        int tail = length & 7;
        if (tail == 0) {
            return true;
        }
        long tailAddress = address + ((long) full << 3);
        long word;
        if (tailAddress + 8 <= limit) {
            word = Swar.lowBytes(NativeMemory.getLongLittleEndian(tailAddress), tail);
        } else {
            word = 0;
            for (int b = 0; b < tail; b++) {
                word |= (NativeMemory.getByte(tailAddress + b) & 0xFFL) << (b << 3);
            }
        }
        return word == expected[full];
    }
}
