package io.tokenomics.columnar;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The hashes of the dedup keys ({@link Table#dedupKey()}) of the rows one scan worker staged, and over all workers
 * the hashes that occur more than once. A commit that merges no committed file sends only the rows of those keys
 * through its windows: a key staged once needs no dedup, and most keys are (the scan already folds the streamed
 * copies of a response within a file). Two keys with one hash both count as repeated, which costs the windows a row,
 * never an answer: the windows partition by the key itself.
 *
 * <p>One thread adds to an instance; hashing a batch happens as the worker hands it off, while its strings are still
 * in cache.
 */
public final class KeyHashes {
    private static final int TABLES = Table.values().length;

    private final long[][] hashes = new long[TABLES][];
    private final int[] sizes = new int[TABLES];

    /** Adds the hashes of the batch's non-null keys; nothing for a table without dedup. */
    public void add(Table table, VectorSchemaRoot batch) {
        Column key = table.dedupKey();
        if (key == null) {
            return;
        }
        VarCharVector keys = (VarCharVector) batch.getVector(key.ordinal());
        int rows = batch.getRowCount();
        int t = table.ordinal();
        long[] mine = hashes[t];
        int size = sizes[t];
        if (mine == null || mine.length - size < rows) {
            mine = Arrays.copyOf(mine == null ? new long[0] : mine, Math.max(size + rows, 2 * size));
            hashes[t] = mine;
        }
        for (int row = 0; row < rows; row++) {
            if (!keys.isNull(row)) {
                mine[size++] = hash(keys, row);
            }
        }
        sizes[t] = size;
    }

    /** The hashes that the workers' rows of {@code table} hold more than once. */
    public static Repeated repeated(Table table, List<KeyHashes> workers) {
        int t = table.ordinal();
        int total = 0;
        for (KeyHashes worker : workers) {
            total += worker.sizes[t];
        }
        long[] all = new long[total];
        int at = 0;
        for (KeyHashes worker : workers) {
            if (worker.sizes[t] > 0) {
                System.arraycopy(worker.hashes[t], 0, all, at, worker.sizes[t]);
                at += worker.sizes[t];
            }
        }
        Arrays.sort(all);
        long[] repeated = new long[all.length / 2];
        int count = 0;
        for (int i = 1; i < all.length; i++) {
            if (all[i] == all[i - 1] && (count == 0 || repeated[count - 1] != all[i])) {
                repeated[count++] = all[i];
            }
        }
        return new Repeated(Arrays.copyOf(repeated, count));
    }

    /** The hash of the UTF-8 bytes of one non-null value: 8 bytes at a time, then murmur3's 64-bit finalizer. */
    static long hash(VarCharVector keys, int row) {
        long offsets = keys.getOffsetBufferAddress();
        int start = MemoryUtil.getInt(offsets + (long) row * Integer.BYTES);
        int length = MemoryUtil.getInt(offsets + (long) (row + 1) * Integer.BYTES) - start;
        long address = keys.getDataBufferAddress() + start;
        long h = length * 0x9E3779B97F4A7C15L;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = Long.rotateLeft(h ^ MemoryUtil.getLong(address + i) * 0xC2B2AE3D27D4EB4FL, 31) * 0x9E3779B97F4A7C15L;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += Byte.SIZE) {
            tail |= (MemoryUtil.getByte(address + i) & 0xFFL) << shift;
        }
        h ^= tail * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB93FE53A87B7L;
        return h ^ (h >>> 33);
    }

    /**
     * A set of hashes, asked once per staged row whether it holds the row's: a bit per value of the top 16 bits of a
     * hash answers most rows (few keys repeat) from 8 KB, the sorted hashes the rest.
     */
    public static final class Repeated {
        private static final int FILTER_BITS = 16;

        private final long[] sorted;
        private final long[] filter = new long[(1 << FILTER_BITS) / Long.SIZE];

        Repeated(long[] sorted) {
            this.sorted = sorted;
            for (long hash : sorted) {
                int bit = (int) (hash >>> (Long.SIZE - FILTER_BITS));
                filter[bit >>> 6] |= 1L << bit;
            }
        }

        boolean contains(long hash) {
            int bit = (int) (hash >>> (Long.SIZE - FILTER_BITS));
            return (filter[bit >>> 6] & 1L << bit) != 0 && Arrays.binarySearch(sorted, hash) >= 0;
        }

        int size() {
            return sorted.length;
        }
    }
}
