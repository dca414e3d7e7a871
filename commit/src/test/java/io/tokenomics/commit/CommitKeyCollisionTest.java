package io.tokenomics.commit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.KeyHashes;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.TurnColumn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit of a first ingest on hand-made staged turns. It trusts the scan's key hashes only to pick the rows that
 * go through the dedup's windows: a hash shared by two keys (a collision) sends rows there that need not go, and
 * must not change a row. With every key counted twice (every hash "repeated"), it writes the same turns as with the
 * true hashes. Written in two parts (two workers' staging files), it writes the same turns as in one.
 */
class CommitKeyCollisionTest {
    @TempDir
    Path temp;

    @Test
    void shouldWriteTheSameTurnsWhenEveryKeyLooksRepeated() throws Exception {
        Path staging = Files.createDirectories(temp.resolve("staging"));
        try (BufferAllocator allocator = new RootAllocator()) {
            // A response in two files (a resumed session's copy, one of them a side chain), one split over two lines
            // of a file (its content measures are summed), one once, two without an id (never merged).
            KeyHashes hashes = stage(staging, 0, allocator, batch -> {
                turn(batch, "a.jsonl", 10, "msg_copy", false, 50, 3);
                turn(batch, "b.jsonl", 20, "msg_copy", true, 80, 4);
                turn(batch, "a.jsonl", 30, "msg_split", false, 10, 1);
                turn(batch, "a.jsonl", 40, "msg_split", false, 25, 2);
                turn(batch, "a.jsonl", 50, "msg_once", false, 7, 0);
                turn(batch, "a.jsonl", 60, null, false, 1, 0);
                turn(batch, "b.jsonl", 60, null, false, 2, 0);
            });
            try (DuckDBConnection connection = DuckDb.openInMemory(1)) {
                String truth = literal(commit(connection, allocator, staging, List.of(hashes), "truth"));
                String collided = literal(commit(connection, allocator, staging, List.of(hashes, hashes), "collided"));
                try (Statement statement = connection.createStatement()) {
                    assertEquals(5, count(statement, "SELECT count(*) FROM read_parquet(" + truth + ")"));
                    assertSameRows(statement, truth, collided);
                    // The main-chain copy wins; the split response keeps the later line's tokens and sums its tools.
                    assertEquals(3, count(statement, "SELECT tool_uses FROM read_parquet(" + truth
                            + ") WHERE message_id = 'msg_copy'"));
                    assertEquals(3, count(statement, "SELECT tool_uses FROM read_parquet(" + truth
                            + ") WHERE message_id = 'msg_split'"));
                }
            }
        }
    }

    @Test
    void shouldWriteTheSameTurnsInTwoPartsAsInOne() throws Exception {
        Path staging = Files.createDirectories(temp.resolve("staging"));
        try (BufferAllocator allocator = new RootAllocator()) {
            List<KeyHashes> hashes = new ArrayList<>();
            // Worker 0 staged both copies of one response, worker 1 both lines of another; a third response has a
            // copy in each, a fourth is once in each worker's file.
            hashes.add(stage(staging, 0, allocator, batch -> {
                turn(batch, "a.jsonl", 10, "msg_both_in_w0", false, 50, 3);
                turn(batch, "b.jsonl", 20, "msg_both_in_w0", true, 80, 4);
                turn(batch, "a.jsonl", 30, "msg_across", true, 10, 1);
                turn(batch, "a.jsonl", 40, "msg_once_w0", false, 7, 0);
                turn(batch, "a.jsonl", 50, null, false, 1, 0);
            }));
            hashes.add(stage(staging, 1, allocator, batch -> {
                turn(batch, "c.jsonl", 10, "msg_split_in_w1", false, 10, 1);
                turn(batch, "c.jsonl", 20, "msg_split_in_w1", false, 25, 2);
                turn(batch, "d.jsonl", 30, "msg_across", false, 5, 0);
                turn(batch, "d.jsonl", 40, "msg_once_w1", false, 9, 0);
            }));
            assertTrue(Committer.splits(Table.TURNS, List.of(), staging));
            try (DuckDBConnection connection = DuckDb.openInMemory(1)) {
                String whole = literal(commit(connection, allocator, staging, hashes, "whole"));
                Path root = temp.resolve("parts");
                Committer committer = new Committer(connection, allocator, root, "parts",
                        new Committer.RepeatedKeys(hashes));
                String parts = "[" + literal(root.resolve(committer.writePart(Table.TURNS, staging, 0))) + ", "
                        + literal(root.resolve(committer.writePart(Table.TURNS, staging, 1))) + "]";
                try (Statement statement = connection.createStatement()) {
                    assertEquals(6, count(statement, "SELECT count(*) FROM read_parquet(" + parts + ")"));
                    assertSameRows(statement, whole, parts);
                }
            }
        }
    }

    private static KeyHashes stage(Path staging, int worker, BufferAllocator allocator,
            java.util.function.Consumer<RowBatch> rows) throws Exception {
        try (WorkerStaging stage = new WorkerStaging(staging, worker, allocator);
             RowBatch batch = new RowBatch(Table.TURNS, allocator, 64)) {
            rows.accept(batch);
            stage.append(batch);
            return stage.keyHashes();
        }
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

    /** Runs the commit of a first ingest of the staged turns into a dataset of its own; returns its one file. */
    private Path commit(DuckDBConnection connection, BufferAllocator allocator, Path staging,
            List<KeyHashes> hashes, String run) throws Exception {
        Path root = temp.resolve(run);
        List<String> files = new Committer(connection, allocator, root, run, new Committer.RepeatedKeys(hashes))
                .merge(Table.TURNS, List.of(), staging, Set.of());
        return root.resolve(files.get(0));
    }

    private static void turn(RowBatch batch, String file, long offset, String messageId, boolean sidechain,
            long output, long toolUses) {
        batch.setString(TurnColumn.FILE, file);
        batch.setLong(TurnColumn.LINE_OFFSET, offset);
        if (messageId != null) {
            batch.setString(TurnColumn.MESSAGE_ID, messageId);
        }
        batch.setBool(TurnColumn.IS_SIDECHAIN, sidechain);
        batch.setLong(TurnColumn.INPUT_TOKENS, 1);
        batch.setLong(TurnColumn.OUTPUT_TOKENS, output);
        batch.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, 0);
        batch.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        batch.setLong(TurnColumn.CACHE_READ_TOKENS, 0);
        batch.setLong(TurnColumn.TOOL_USES, toolUses);
        batch.setLong(TurnColumn.TEXT_CHARS, 0);
        batch.setLong(TurnColumn.THINKING_CHARS, 0);
        batch.endRow();
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
