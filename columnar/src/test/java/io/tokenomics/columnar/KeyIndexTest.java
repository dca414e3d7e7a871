package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyIndexTest {
    @TempDir
    Path temp;

    @Test
    void shouldReadBackWhatItWroteBesideTheTableFile() throws Exception {
        Path table = temp.resolve("20261207T000000000Z-abcd-1.parquet");
        long[] keys = {Long.MIN_VALUE, -7, 0, 3, Long.MAX_VALUE};
        KeyIndex.write(table, keys);
        assertEquals("20261207T000000000Z-abcd-1.keys", KeyIndex.of(table).getFileName().toString());
        assertEquals(table.getFileName().toString(), KeyIndex.tableFileName("20261207T000000000Z-abcd-1.keys"));
        assertArrayEquals(keys, KeyIndex.read(table));
    }

    /** An index that is missing, cut short, grown or not ours says nothing: the file is read as if it had none. */
    @Test
    void shouldGiveNoKeysForAnIndexThatIsMissingOrNotWhole() throws Exception {
        Path table = temp.resolve("t.parquet");
        assertNull(KeyIndex.read(table));
        KeyIndex.write(table, new long[] {1, 2, 3});
        byte[] whole = Files.readAllBytes(KeyIndex.of(table));
        Files.write(KeyIndex.of(table), Arrays.copyOf(whole, whole.length - 8));
        assertNull(KeyIndex.read(table), "cut short");
        Files.write(KeyIndex.of(table), Arrays.copyOf(whole, whole.length + 8));
        assertNull(KeyIndex.read(table), "grown");
        byte[] other = whole.clone();
        other[0] = 'X';
        Files.write(KeyIndex.of(table), other);
        assertNull(KeyIndex.read(table), "another format");
    }

    /** Union and intersection against a set model, for both the walk and the search of the longer array. */
    @Test
    void shouldUniteAndIntersectAsSetsDo() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 2_000; round++) {
            long[] a = randomSorted(random, random.nextInt(50), 200);
            long[] b = randomSorted(random, random.nextInt(2) == 0 ? random.nextInt(5) : random.nextInt(2_000), 200);
            long[] union = KeyIndex.union(List.of(a, b));
            long[] expected = java.util.stream.LongStream.concat(Arrays.stream(a), Arrays.stream(b)).distinct()
                    .sorted().toArray();
            assertArrayEquals(expected, union, "round " + round);
            boolean shared = Arrays.stream(a).anyMatch(x -> Arrays.binarySearch(b, x) >= 0);
            assertEquals(shared, KeyIndex.intersects(a, b), "round " + round);
            assertEquals(shared, KeyIndex.intersects(b, a), "round " + round);
        }
        assertFalse(KeyIndex.intersects(new long[0], new long[] {1}));
        assertTrue(KeyIndex.intersects(new long[] {Long.MIN_VALUE}, new long[] {Long.MIN_VALUE, 0}));
    }

    private static long[] randomSorted(SplittableRandom random, int size, int range) {
        long[] values = new long[size];
        for (int i = 0; i < size; i++) {
            values[i] = random.nextInt(range) - range / 2;
        }
        return KeyIndex.sortedDistinct(values, size);
    }
}
