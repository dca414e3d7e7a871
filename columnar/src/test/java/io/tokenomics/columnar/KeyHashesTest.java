package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit's fast path trusts two things: the workers' key hashes find every key staged more than once (within a
 * worker, across workers, whatever the key's length), and the staged streams flag exactly the rows of those keys.
 */
class KeyHashesTest {
    @TempDir
    Path temp;

    @Test
    void shouldFindTheKeysStagedMoreThanOnceWithinAndAcrossWorkers() {
        try (BufferAllocator allocator = new RootAllocator()) {
            KeyHashes first = new KeyHashes();
            KeyHashes second = new KeyHashes();
            // 0..2999 once each in the first worker's batches, but every 7th again in the second worker's, and
            // "within" twice in the first. Keys from 1 to 40 bytes, so that the 8-byte steps and the tail both count.
            List<String> firstKeys = new ArrayList<>();
            for (int i = 0; i < 3000; i++) {
                firstKeys.add(key(i));
            }
            firstKeys.add("within");
            firstKeys.add("within");
            List<String> secondKeys = new ArrayList<>();
            for (int i = 0; i < 3000; i += 7) {
                secondKeys.add(key(i));
            }
            addInBatches(first, allocator, firstKeys, 1000);
            addInBatches(second, allocator, secondKeys, 64);

            KeyHashes.Repeated repeated = KeyHashes.repeated(Table.PROMPTS, List.of(first, second));
            assertEquals(3000 / 7 + 1 + 1, repeated.size());
            try (RowBatch batch = batch(allocator, List.of(key(7), key(8), "within", "elsewhere"))) {
                VarCharVector keys = (VarCharVector) batch.root().getVector(PromptColumn.UUID.ordinal());
                assertTrue(repeated.contains(KeyHashes.hash(keys, 0)));
                assertFalse(repeated.contains(KeyHashes.hash(keys, 1)));
                assertTrue(repeated.contains(KeyHashes.hash(keys, 2)));
                assertFalse(repeated.contains(KeyHashes.hash(keys, 3)));
            }
            assertEquals(0, KeyHashes.repeated(Table.TURNS, List.of(first, second)).size());
        }
    }

    @Test
    void shouldHashTheBytesOfTheValueWhereverTheyLie() {
        try (BufferAllocator allocator = new RootAllocator();
             RowBatch batch = batch(allocator, List.of("msg_01ABCDEFGHIJ", "x", "msg_01ABCDEFGHIJ", "msg_01ABCDEFGHIK",
                     "", "msg_01ABCDEFGHIJ "))) {
            VarCharVector keys = (VarCharVector) batch.root().getVector(PromptColumn.UUID.ordinal());
            assertEquals(KeyHashes.hash(keys, 0), KeyHashes.hash(keys, 2));
            assertNotEquals(KeyHashes.hash(keys, 0), KeyHashes.hash(keys, 3));
            assertNotEquals(KeyHashes.hash(keys, 0), KeyHashes.hash(keys, 5));
            assertNotEquals(KeyHashes.hash(keys, 1), KeyHashes.hash(keys, 4));
        }
    }

    @Test
    void shouldIgnoreRowsWithoutAKey() {
        try (BufferAllocator allocator = new RootAllocator()) {
            KeyHashes hashes = new KeyHashes();
            List<String> keys = new ArrayList<>();
            keys.add(null);
            keys.add(null);
            keys.add("once");
            addInBatches(hashes, allocator, keys, 10);
            assertEquals(0, KeyHashes.repeated(Table.PROMPTS, List.of(hashes)).size());
        }
    }

    @Test
    void shouldFlagTheRowsOfRepeatedKeysAndStreamOnlyThoseOnRequest() throws Exception {
        List<String> keys = List.of("a", "b", "a", "c", "d", "e", "f", "g", "b");
        List<Path> files = List.of(temp.resolve("w0.arrow"), temp.resolve("w1.arrow"));
        try (BufferAllocator allocator = new RootAllocator()) {
            KeyHashes hashes = new KeyHashes();
            // Three batches: [a b a] [c d e] in one file, [f g b] and a null key in the other; the middle batch has
            // no repeated key.
            try (StagingFile w0 = new StagingFile(files.get(0), Table.PROMPTS, allocator);
                 StagingFile w1 = new StagingFile(files.get(1), Table.PROMPTS, allocator)) {
                for (int b = 0; b < 3; b++) {
                    List<String> part = new ArrayList<>(keys.subList(3 * b, 3 * b + 3));
                    if (b == 2) {
                        part.add(null);
                    }
                    try (RowBatch batch = batch(allocator, part, 3 * b)) {
                        hashes.add(Table.PROMPTS, batch.seal());
                        (b < 2 ? w0 : w1).append(batch);
                    }
                }
            }
            KeyHashes.Repeated repeated = KeyHashes.repeated(Table.PROMPTS, List.of(hashes));
            assertEquals(2, repeated.size());

            List<String> flagged = new ArrayList<>();
            try (StagedBatches all = StagedBatches.flagged(allocator, Table.PROMPTS, files, repeated)) {
                while (all.loadNextBatch()) {
                    VectorSchemaRoot root = all.getVectorSchemaRoot();
                    BitVector flags = (BitVector) root.getVector(StagedBatches.REPEATED);
                    VarCharVector uuid = (VarCharVector) root.getVector(PromptColumn.UUID.columnName());
                    for (int row = 0; row < root.getRowCount(); row++) {
                        flagged.add((uuid.isNull(row) ? "null" : new String(uuid.get(row))) + "=" + flags.get(row));
                    }
                }
            }
            assertEquals(List.of("a=1", "b=1", "a=1", "c=0", "d=0", "e=0", "f=0", "g=0", "b=1", "null=0"), flagged);

            List<String> only = new ArrayList<>();
            int batches = 0;
            try (StagedBatches repeatedRows = StagedBatches.repeatedOnly(allocator, Table.PROMPTS, files, repeated)) {
                while (repeatedRows.loadNextBatch()) {
                    batches++;
                    VectorSchemaRoot root = repeatedRows.getVectorSchemaRoot();
                    assertEquals(null, root.getVector(StagedBatches.REPEATED), "no flag: every row is repeated");
                    VarCharVector uuid = (VarCharVector) root.getVector(PromptColumn.UUID.columnName());
                    BigIntVector offsets = (BigIntVector) root.getVector(PromptColumn.LINE_OFFSET.columnName());
                    VarCharVector file = (VarCharVector) root.getVector(PromptColumn.FILE.columnName());
                    for (int row = 0; row < root.getRowCount(); row++) {
                        only.add(new String(uuid.get(row)) + "@" + offsets.get(row) + " " + new String(file.get(row)));
                    }
                }
            }
            assertEquals(2, batches, "the batch without a repeated key is left out");
            assertEquals(List.of("a@0 f0", "a@2 f2", "b@1 f1", "b@8 f8"), sorted(only));
        }
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }

    private static String key(int i) {
        return "k" + i + "-".repeat(i % 40);
    }

    private static void addInBatches(KeyHashes hashes, BufferAllocator allocator, List<String> keys, int size) {
        for (int from = 0; from < keys.size(); from += size) {
            try (RowBatch batch = batch(allocator, keys.subList(from, Math.min(keys.size(), from + size)))) {
                hashes.add(Table.PROMPTS, batch.seal());
            }
        }
    }

    private static RowBatch batch(BufferAllocator allocator, List<String> keys) {
        return batch(allocator, keys, 0);
    }

    /** Prompts with the given uuids (null: none), each with its place as line offset and "f" + place as file. */
    private static RowBatch batch(BufferAllocator allocator, List<String> keys, int firstOffset) {
        RowBatch batch = new RowBatch(Table.PROMPTS, allocator, Math.max(1, keys.size()));
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i) != null) {
                batch.setString(PromptColumn.UUID, keys.get(i));
            }
            batch.setLong(PromptColumn.LINE_OFFSET, firstOffset + i);
            batch.setString(PromptColumn.FILE, "f" + (firstOffset + i));
            batch.endRow();
        }
        return batch;
    }
}
