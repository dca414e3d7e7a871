package io.tokenomics.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.KeyCandidates;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.ToolUseColumn;
import io.tokenomics.columnar.TurnColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit of a first ingest decides the dedup from the scan's records ({@link KeyCandidates}); the commit of a run
 * that merges committed files drops the rows the records say lose, then decides the rest with DuckDB's windows
 * (dedup-turns.sql, dedup-by-key.sql). All must write the same rows. The windows alone are the reference here: the
 * same staged rows merged with an empty committed file, with no verdict. Hand-made cases name each rule; random ones
 * cover their mixes. The two parts a split commit writes hold the same rows as one file.
 */
class ScanDecidedDedupTest {
    /** Verdicts of a run with no worker: every staged row goes to the windows. */
    private static final Committer.RunVerdicts NO_VERDICTS = new Committer.RunVerdicts(List.of(), Set.of());

    @TempDir
    Path temp;

    @Test
    void shouldApplyEachRuleOfTheTurnsDedupAsTheWindowsDo() throws Exception {
        Path staging = Files.createDirectories(temp.resolve("staging"));
        try (BufferAllocator allocator = new RootAllocator()) {
            List<KeyCandidates> records = new ArrayList<>();
            // A response in two files (a resumed session's copy, one a side chain); one split over two lines of a
            // file (its measures are summed) and copied into another file with less output; one once; two without
            // an id (never merged); one whose copies tie on everything but their place; one without output counts.
            records.add(stage(staging, 0, allocator, Table.TURNS, rows -> {
                turn(rows, "a.jsonl", 10, "msg_copy", false, 50L, 3);
                turn(rows, "b.jsonl", 20, "msg_copy", true, 80L, 4);
                turn(rows, "a.jsonl", 30, "msg_split", false, 10L, 1);
                turn(rows, "a.jsonl", 50, "msg_once", false, 7L, 0);
                turn(rows, "a.jsonl", 60, null, false, 1L, 0);
                turn(rows, "b.jsonl", 70, "msg_tie", false, 5L, 1);
            }));
            records.add(stage(staging, 1, allocator, Table.TURNS, rows -> {
                turn(rows, "a.jsonl", 40, "msg_split", false, 25L, 2);
                turn(rows, "c.jsonl", 40, "msg_split", false, 20L, 9);
                turn(rows, "b.jsonl", 60, null, false, 2L, 0);
                turn(rows, "a.jsonl", 80, "msg_tie", false, 5L, 2);
                turn(rows, "c.jsonl", 90, "msg_null_output", false, null, 1);
                turn(rows, "d.jsonl", 90, "msg_null_output", true, null, 2);
            }));
            try (DuckDBConnection connection = DuckDb.openInMemory(1)) {
                Committer.RunVerdicts verdicts = new Committer.RunVerdicts(records, Set.of());
                String decided = literal(decided(connection, allocator, staging, verdicts, Table.TURNS));
                String windows = literal(windowed(connection, allocator, staging, NO_VERDICTS, Table.TURNS));
                String merged = literal(windowed(connection, allocator, staging, verdicts, Table.TURNS));
                try (Statement statement = connection.createStatement()) {
                    assertEquals(7, count(statement, "SELECT count(*) FROM read_parquet(" + decided + ")"));
                    assertSameRows(statement, decided, windows);
                    assertSameRows(statement, merged, windows);
                    // The main-chain copy wins; the split response keeps its later line's tokens and sums its tools.
                    assertEquals(3, count(statement, "SELECT tool_uses FROM read_parquet(" + decided
                            + ") WHERE message_id = 'msg_copy'"));
                    assertEquals(3, count(statement, "SELECT tool_uses FROM read_parquet(" + decided
                            + ") WHERE message_id = 'msg_split'"));
                    assertEquals(2, count(statement, "SELECT tool_uses FROM read_parquet(" + decided
                            + ") WHERE message_id = 'msg_tie'"));
                    assertEquals(1, count(statement, "SELECT tool_uses FROM read_parquet(" + decided
                            + ") WHERE message_id = 'msg_null_output'"));
                }
                assertSplitEqualsWhole(connection, allocator, staging, verdicts, Table.TURNS, decided);
            }
        }
    }

    /**
     * A response whose first line was committed from a file that has grown since (it has the most output) and whose
     * later line in that file loses, in this run, to a copy in another file: the windows sum the grown file's two
     * lines. The run's verdict must leave the grown file's rows to them; dropping the losing line would lose its tool.
     */
    @Test
    void shouldLeaveTheRowsOfAGrownFileToTheWindows() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
             DuckDBConnection connection = DuckDb.openInMemory(1)) {
            Path first = Files.createDirectories(temp.resolve("first-run"));
            List<KeyCandidates> firstRecords = List.of(stage(first, 0, allocator, Table.TURNS,
                    rows -> turn(rows, "grown.jsonl", 10, "msg_k", false, 100L, 1)));
            Path committed = decided(connection, allocator, first,
                    new Committer.RunVerdicts(firstRecords, Set.of()), Table.TURNS);
            String grownSum = "";
            for (boolean leaveGrown : new boolean[] {true, false}) {
                Path second = Files.createDirectories(temp.resolve("second-run-" + leaveGrown));
                List<KeyCandidates> records = List.of(stage(second, 0, allocator, Table.TURNS, rows -> {
                    turn(rows, "grown.jsonl", 50, "msg_k", false, 20L, 2);
                    turn(rows, "copy.jsonl", 5, "msg_k", false, 30L, 4);
                }));
                Committer.RunVerdicts verdicts = new Committer.RunVerdicts(records,
                        leaveGrown ? Set.of("grown.jsonl") : Set.of());
                String merged = literal(mergedWith(connection, allocator, second, committed, verdicts, "merged"));
                String windows = literal(mergedWith(connection, allocator, second, committed, NO_VERDICTS,
                        "windowed"));
                try (Statement statement = connection.createStatement()) {
                    assertEquals(3, count(statement, "SELECT tool_uses FROM read_parquet(" + windows + ")"));
                    grownSum += count(statement, "SELECT tool_uses FROM read_parquet(" + merged + ")") + " ";
                    if (leaveGrown) {
                        assertSameRows(statement, merged, windows);
                    }
                }
            }
            assertEquals("3 1 ", grownSum, "left to the windows, and not");
        }
    }

    /** The staged rows of a run merged with one committed turns file, copied into the run's dataset. */
    private Path mergedWith(DuckDBConnection connection, BufferAllocator allocator, Path staging, Path committed,
            Committer.RunVerdicts verdicts, String run) throws Exception {
        Path root = temp.resolve(run + "-" + staging.getFileName());
        Files.createDirectories(root.resolve("turns"));
        Files.copy(committed, root.resolve("turns/committed.parquet"));
        List<String> files = new Committer(connection, allocator, root, run, verdicts)
                .merge(Table.TURNS, List.of("turns/committed.parquet"), staging, Set.of());
        assertEquals(List.of("turns/" + run + ".parquet"), files, "the committed file is merged into the run's");
        return root.resolve(files.get(0));
    }

    @Test
    void shouldDecideRandomTurnsAsTheWindowsDo() throws Exception {
        SplittableRandom random = new SplittableRandom(24);
        for (int round = 0; round < 5; round++) {
            Path staging = Files.createDirectories(temp.resolve("random-turns-" + round));
            try (BufferAllocator allocator = new RootAllocator()) {
                List<KeyCandidates> records = new ArrayList<>();
                for (int worker = 0; worker < 3; worker++) {
                    int w = worker;
                    records.add(stage(staging, worker, allocator, Table.TURNS, rows -> {
                        for (int row = 0; row < 400; row++) {
                            // Few keys, files and values: many repeats and many ties. A line is one row at most, so
                            // a place in a file is never twice.
                            String key = random.nextInt(10) == 0 ? null : "msg_" + random.nextInt(150);
                            Long output = random.nextInt(20) == 0 ? null : (long) random.nextInt(4);
                            long offset = random.nextInt(50) * 10_000L + w * 1000L + row;
                            turn(rows, "f" + random.nextInt(6) + ".jsonl", offset, key,
                                    random.nextInt(4) == 0, output, random.nextInt(3));
                        }
                    }));
                }
                assertSameAsWindows(allocator, staging, records, Table.TURNS);
            }
        }
    }

    @Test
    void shouldKeepTheEarliestToolCallAsTheWindowsDo() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        Path staging = Files.createDirectories(temp.resolve("tool-uses"));
        try (BufferAllocator allocator = new RootAllocator()) {
            List<KeyCandidates> records = new ArrayList<>();
            for (int worker = 0; worker < 2; worker++) {
                int w = worker;
                records.add(stage(staging, worker, allocator, Table.TOOL_USES, rows -> {
                    RowBatch batch = rows.batch();
                    for (int row = 0; row < 500; row++) {
                        String key = random.nextInt(10) == 0 ? null : "toolu_" + random.nextInt(200);
                        batch.setString(ToolUseColumn.FILE, "f" + random.nextInt(4) + ".jsonl");
                        batch.setLong(ToolUseColumn.LINE_OFFSET, random.nextInt(100) * 10_000L + w * 1000L + row);
                        if (key != null) {
                            batch.setString(ToolUseColumn.TOOL_USE_ID, key);
                        }
                        batch.setLong(ToolUseColumn.INPUT_BYTES, row);
                        rows.endRow();
                    }
                }));
            }
            assertSameAsWindows(allocator, staging, records, Table.TOOL_USES);
        }
    }

    /**
     * A run that brings a copy of a committed tool call (held: the committed row comes first) and a tool call without
     * an id: the copy is left out, and the row without an id, which no key holds, stays.
     */
    @Test
    void shouldKeepTheRowsWithoutAKeyBesideAHeldKey() throws Exception {
        try (BufferAllocator allocator = new RootAllocator();
             DuckDBConnection connection = DuckDb.openInMemory(1)) {
            Path first = Files.createDirectories(temp.resolve("tools-first-run"));
            Path committed = decided(connection, allocator, first, new Committer.RunVerdicts(List.of(
                    stage(first, 0, allocator, Table.TOOL_USES, rows -> {
                        toolUse(rows, "a.jsonl", 10, "toolu_held");
                        toolUse(rows, "a.jsonl", 20, null);
                    })), Set.of()), Table.TOOL_USES);
            Path second = Files.createDirectories(temp.resolve("tools-second-run"));
            Committer.RunVerdicts verdicts = new Committer.RunVerdicts(List.of(
                    stage(second, 0, allocator, Table.TOOL_USES, rows -> {
                        toolUse(rows, "b.jsonl", 10, "toolu_held");
                        toolUse(rows, "c.jsonl", 30, null);
                    })), Set.of());
            Path root = temp.resolve("tools-merged");
            Files.createDirectories(root.resolve("tool_uses"));
            Files.copy(committed, root.resolve("tool_uses/committed.parquet"));
            List<String> files = new Committer(connection, allocator, root, "merged", verdicts)
                    .merge(Table.TOOL_USES, List.of("tool_uses/committed.parquet"), second, Set.of());
            assertEquals(List.of("tool_uses/committed.parquet", "tool_uses/merged.parquet"), files,
                    "the committed file holds the held key's row and stays");
            try (Statement statement = connection.createStatement()) {
                assertEquals(0, count(statement, "SELECT count(*) FROM read_parquet("
                        + literal(root.resolve("tool_uses/merged.parquet")) + ") WHERE tool_use_id IS NOT NULL"));
                assertEquals(1, count(statement, "SELECT count(*) FROM read_parquet("
                        + literal(root.resolve("tool_uses/merged.parquet")) + ") WHERE file = 'c.jsonl'"));
            }
        }
    }

    private static void toolUse(Rows rows, String file, long offset, String id) {
        RowBatch batch = rows.batch();
        batch.setString(ToolUseColumn.FILE, file);
        batch.setLong(ToolUseColumn.LINE_OFFSET, offset);
        if (id != null) {
            batch.setString(ToolUseColumn.TOOL_USE_ID, id);
        }
        batch.setLong(ToolUseColumn.INPUT_BYTES, offset);
        rows.endRow();
    }

    private void assertSameAsWindows(BufferAllocator allocator, Path staging, List<KeyCandidates> records,
            Table table) throws Exception {
        try (DuckDBConnection connection = DuckDb.openInMemory(1)) {
            Committer.RunVerdicts verdicts = new Committer.RunVerdicts(records, Set.of());
            String decided = literal(decided(connection, allocator, staging, verdicts, table));
            String windows = literal(windowed(connection, allocator, staging, NO_VERDICTS, table));
            String merged = literal(windowed(connection, allocator, staging, verdicts, table));
            try (Statement statement = connection.createStatement()) {
                assertSameRows(statement, decided, windows);
                assertSameRows(statement, merged, windows);
                String key = table.dedupKey().columnName();
                assertEquals(0, count(statement, "SELECT count(*) FROM (SELECT " + key + " FROM read_parquet("
                        + decided + ") WHERE " + key + " IS NOT NULL GROUP BY 1 HAVING count(*) > 1)"));
            }
            assertSplitEqualsWhole(connection, allocator, staging, verdicts, table, decided);
        }
    }

    /** The two parts of a split commit, from the same decision, hold the rows of the whole. */
    private void assertSplitEqualsWhole(DuckDBConnection connection, BufferAllocator allocator, Path staging,
            Committer.RunVerdicts verdicts, Table table, String whole) throws Exception {
        assertTrue(Committer.splits(table, List.of(), staging));
        Path root = temp.resolve("parts-" + staging.getFileName());
        Committer committer = new Committer(connection, allocator, root, "parts", verdicts);
        String parts = "[" + literal(root.resolve(committer.writePart(table, staging, 0, null))) + ", "
                + literal(root.resolve(committer.writePart(table, staging, 1, null))) + "]";
        try (Statement statement = connection.createStatement()) {
            assertSameRows(statement, whole, parts);
        }
    }

    /**
     * Stages the rows the consumer writes as one worker does, in batches of at most 97 rows, so that the dropped rows
     * of later batches are found by their place in the worker's file.
     */
    private static KeyCandidates stage(Path staging, int worker, BufferAllocator allocator, Table table,
            Consumer<Rows> rows) throws Exception {
        try (WorkerStaging stage = new WorkerStaging(staging, worker, allocator);
             RowBatch batch = new RowBatch(table, allocator, 97)) {
            rows.accept(new Rows(batch, stage));
            stage.append(batch);
            return stage.keyCandidates();
        }
    }

    /** A worker's batch, handed to its staging when full. */
    private record Rows(RowBatch batch, WorkerStaging stage) {
        void endRow() {
            batch.endRow();
            if (batch.isFull()) {
                stage.append(batch);
            }
        }
    }

    /** The commit of a first ingest: the dedup decided from the scan's records. Returns its one file. */
    private Path decided(DuckDBConnection connection, BufferAllocator allocator, Path staging,
            Committer.RunVerdicts verdicts, Table table) throws Exception {
        Path root = temp.resolve("decided-" + staging.getFileName());
        List<String> files = new Committer(connection, allocator, root, "decided", verdicts)
                .merge(table, List.of(), staging, Set.of());
        assertEquals(1, files.size());
        return root.resolve(files.get(0));
    }

    /**
     * The same staged rows merged with an empty committed file, which sends them through DuckDB's windows, after the
     * rows the verdicts drop ({@link #NO_VERDICTS}: none) are left out.
     */
    private Path windowed(DuckDBConnection connection, BufferAllocator allocator, Path staging,
            Committer.RunVerdicts verdicts, Table table) throws Exception {
        Path root = temp.resolve((verdicts == NO_VERDICTS ? "windowed-" : "merged-") + staging.getFileName());
        String empty = table.tableName() + "/empty.parquet";
        Files.createDirectories(root.resolve(table.tableName()));
        try (Statement statement = connection.createStatement()) {
            statement.execute(Committer.copy(table.emptySelect(), root.resolve(empty)));
        }
        List<String> files = new Committer(connection, allocator, root, "windowed", verdicts)
                .merge(table, List.of(empty), staging, Set.of());
        // The empty file holds no key of the run, so it stays beside the one the windows wrote.
        assertEquals(List.of(empty, table.tableName() + "/windowed.parquet"), files);
        return root.resolve(files.get(1));
    }

    private static String literal(Path file) {
        return DuckDb.literal(file.toString());
    }

    /** The same rows, as many times each, in the Parquet files {@code a} and {@code b} (read_parquet arguments). */
    private static void assertSameRows(Statement statement, String a, String b) throws Exception {
        assertEquals(0, count(statement, "SELECT count(*) FROM (SELECT * FROM read_parquet(" + a
                + ") EXCEPT ALL SELECT * FROM read_parquet(" + b + "))"));
        assertEquals(0, count(statement, "SELECT count(*) FROM (SELECT * FROM read_parquet(" + b
                + ") EXCEPT ALL SELECT * FROM read_parquet(" + a + "))"));
    }

    private static void turn(Rows rows, String file, long offset, String messageId, boolean sidechain,
            Long output, long toolUses) {
        RowBatch batch = rows.batch();
        batch.setString(TurnColumn.FILE, file);
        batch.setLong(TurnColumn.LINE_OFFSET, offset);
        if (messageId != null) {
            batch.setString(TurnColumn.MESSAGE_ID, messageId);
        }
        batch.setBool(TurnColumn.IS_SIDECHAIN, sidechain);
        batch.setLong(TurnColumn.INPUT_TOKENS, 1);
        if (output != null) {
            batch.setLong(TurnColumn.OUTPUT_TOKENS, output);
        }
        batch.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, 0);
        batch.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, offset % 3);
        batch.setLong(TurnColumn.CACHE_READ_TOKENS, 0);
        batch.setLong(TurnColumn.TOOL_USES, toolUses);
        batch.setLong(TurnColumn.TEXT_CHARS, offset % 7);
        rows.endRow();
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
