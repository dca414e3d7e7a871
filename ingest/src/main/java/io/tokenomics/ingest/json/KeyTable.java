package io.tokenomics.ingest.json;

import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.bytes.Swar;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys we keep in one kind of JSON object, each with the field it fills, matched against a raw key in place. The
 * keys of the raw key's length are compared eight bytes at a time; keys of one table mostly differ in length, so a
 * lookup is an array read and at most a compare or two (a line has a few dozen keys, most of which we do not keep).
 *
 * <p>A parser names its fields with constants and pairs each with its keys ({@link Builder#key}): the field a key
 * fills does not depend on the order the keys are listed in.
 */
public final class KeyTable {
    public static final int UNKNOWN = -1;

    private final byte[][] keys;
    /** The field each key fills. */
    private final int[] fields;
    private final int[] lengths;
    private final long[][] words;
    /** The indexes of the keys of each length, up to the longest key. */
    private final int[][] byLength;

    private KeyTable(List<String> names, List<Integer> fieldOfName) {
        keys = new byte[names.size()][];
        fields = new int[names.size()];
        lengths = new int[names.size()];
        words = new long[names.size()][];
        for (int i = 0; i < names.size(); i++) {
            byte[] key = names.get(i).getBytes(StandardCharsets.US_ASCII);
            keys[i] = key;
            fields[i] = fieldOfName.get(i);
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

    /** A table to be filled with {@link Builder#key}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Pairs fields with their keys; a field may have several keys (aliases), a key one field. */
    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<Integer> fields = new ArrayList<>();

        private Builder() {
        }

        /** The keys that fill {@code field}, a non-negative constant of the parser. */
        public Builder key(int field, String... keyNames) {
            if (field < 0 || keyNames.length == 0) {
                throw new IllegalArgumentException("field " + field + " needs a number of 0 or more and a key");
            }
            for (String name : keyNames) {
                if (names.contains(name)) {
                    throw new IllegalArgumentException("key '" + name + "' is given twice");
                }
                names.add(name);
                fields.add(field);
            }
            return this;
        }

        public KeyTable build() {
            return new KeyTable(names, fields);
        }
    }

    /**
     * The field of the key whose raw bytes are at {@code address}, or {@link #UNKNOWN}. {@code limit} is the first
     * address that may not be read: a word read never crosses it.
     */
    int lookup(long address, int length, long limit) {
        if (length >= byLength.length) {
            return UNKNOWN;
        }
        int[] candidates = byLength[length];
        for (int c = 0; c < candidates.length; c++) {
            if (matches(words[candidates[c]], address, length, limit)) {
                return fields[candidates[c]];
            }
        }
        return UNKNOWN;
    }

    /** Lookup of a key that held escapes, after decoding it into {@code decoded}. */
    int lookupDecoded(byte[] decoded, int length) {
        for (int i = 0; i < keys.length; i++) {
            if (lengths[i] == length && java.util.Arrays.equals(keys[i], 0, length, decoded, 0, length)) {
                return fields[i];
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
