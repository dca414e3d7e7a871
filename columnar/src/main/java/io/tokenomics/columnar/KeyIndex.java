package io.tokenomics.columnar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * The keys of one committed table file, kept beside it as {@code <name>.keys}: the sorted distinct hashes (the first
 * of {@link KeyCandidates}' two) of every key its rows hold, and maybe of a few more. A run that brings keys again
 * reads these instead of the committed files' key column, to find the few files that may hold one of them; a file
 * whose index is missing or does not read whole is read as before. Never fewer keys than the file holds: a key left
 * out would let a copy of a committed row in beside it.
 *
 * <p>Format: eight bytes {@code TKKEYS01}, the count as a little-endian long, then the hashes as little-endian longs.
 */
public final class KeyIndex {
    private static final byte[] MAGIC = "TKKEYS01".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + Long.BYTES;
    private static final String SUFFIX = ".keys";

    private KeyIndex() {
    }

    /** The index file of the table file {@code tableFile} ({@code <name>.parquet}). */
    public static Path of(Path tableFile) {
        String name = tableFile.getFileName().toString();
        return tableFile.resolveSibling(name.substring(0, name.length() - ".parquet".length()) + SUFFIX);
    }

    /** Whether {@code name} is the name of an index file. */
    public static boolean isIndex(String name) {
        return name.endsWith(SUFFIX);
    }

    /** The table file's name for the index file named {@code name}. */
    public static String tableFileName(String name) {
        return name.substring(0, name.length() - SUFFIX.length()) + ".parquet";
    }

    /** Writes the index of {@code tableFile}; {@code sortedKeys} sorted and distinct. */
    public static void write(Path tableFile, long[] sortedKeys) throws IOException {
        ByteBuffer bytes = ByteBuffer.allocate(HEADER + sortedKeys.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.put(MAGIC).putLong(sortedKeys.length);
        bytes.asLongBuffer().put(sortedKeys);
        bytes.rewind(); // the view wrote the keys without moving the buffer's position: the whole buffer is written
        try (FileChannel channel = FileChannel.open(of(tableFile), StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE)) {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }
    }

    /** The keys of {@code tableFile}, or null when it has no index or its index does not read whole. */
    public static long[] read(Path tableFile) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(of(tableFile));
        } catch (NoSuchFileException e) {
            return null;
        }
        if (content.length < HEADER || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return null;
        }
        ByteBuffer bytes = ByteBuffer.wrap(content).order(ByteOrder.LITTLE_ENDIAN);
        long count = bytes.getLong(MAGIC.length);
        int body = content.length - HEADER;
        if (count != body / Long.BYTES || body % Long.BYTES != 0) {
            return null; // cut short or grown: not the index that was written
        }
        long[] keys = new long[(int) count];
        bytes.position(HEADER);
        bytes.asLongBuffer().get(keys);
        return keys;
    }

    /** The sorted distinct keys of all {@code indexes} (each sorted and distinct). */
    public static long[] union(List<long[]> indexes) {
        int total = 0;
        for (long[] index : indexes) {
            total += index.length;
        }
        long[] all = new long[total];
        int at = 0;
        for (long[] index : indexes) {
            System.arraycopy(index, 0, all, at, index.length);
            at += index.length;
        }
        return sortedDistinct(all, total);
    }

    /** The first {@code length} values of {@code values}, sorted, each once (sorts {@code values} in place). */
    static long[] sortedDistinct(long[] values, int length) {
        Arrays.sort(values, 0, length);
        int distinct = 0;
        for (int i = 0; i < length; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                values[distinct++] = values[i];
            }
        }
        return distinct == values.length ? values : Arrays.copyOf(values, distinct);
    }

    /** Whether two sorted arrays share a value: a walk along both, or a search of the longer for each of the other. */
    public static boolean intersects(long[] a, long[] b) {
        long[] small = a.length <= b.length ? a : b;
        long[] large = small == a ? b : a;
        if ((long) small.length * 16 < large.length) {
            for (long key : small) {
                if (Arrays.binarySearch(large, key) >= 0) {
                    return true;
                }
            }
            return false;
        }
        int i = 0;
        int j = 0;
        while (i < small.length && j < large.length) {
            if (small[i] == large[j]) {
                return true;
            }
            if (small[i] < large[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }
}
