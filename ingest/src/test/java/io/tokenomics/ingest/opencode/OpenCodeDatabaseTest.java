package io.tokenomics.ingest.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenCode's database and message files: one turn per message id whichever holds it, the reasoning rule, a database
 * read while OpenCode writes it, and one that cannot be read (docs/formats.md, "OpenCode").
 */
class OpenCodeDatabaseTest {
    private static final String TURNS = "SELECT message_id, input_tokens, output_tokens, reasoning_tokens,"
            + " cache_write_5m_tokens, cache_read_tokens, agent_cost, project, cwd, session_id FROM turns"
            + " ORDER BY message_id";

    @TempDir
    Path temp;

    @Test
    void shouldCountAMessageHeldInTheDatabaseAndInAFileOnceFromTheDatabase() throws Exception {
        Path opencode = temp.resolve("opencode");
        String message = assistant(100, 20, 0, 50, 10, null, "0.5");
        try (Connection db = database(opencode.resolve("opencode.db"), "DELETE")) {
            insert(db, "msg_1", "ses_a", message);
        }
        Path file = Files.createDirectories(opencode.resolve("storage/message/ses_a")).resolve("msg_1.json");
        Files.writeString(file, "{\"id\":\"msg_1\",\"sessionID\":\"ses_a\"," + message.substring(1));
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(opencode), 2);
        assertEquals(List.of(List.of("opencode:msg_1", 1L)), Fixtures.rows(data,
                "SELECT message_id, count(*) FROM turns GROUP BY ALL"));
        assertTrue(((String) Fixtures.rows(data, "SELECT file FROM turns").get(0).get(0)).endsWith("opencode.db"));
    }

    /**
     * Reasoning is inside output where total is input + output + cache, outside elsewhere; a total alone is output;
     * a message with no count above zero, or no tokens, is no turn; a counter that is no count rejects its row.
     */
    @Test
    void shouldPlaceReasoningByTheTotalAndRejectABadCounterByItsRow() throws Exception {
        Path opencode = temp.resolve("opencode");
        try (Connection db = database(opencode.resolve("opencode.db"), "DELETE")) {
            insert(db, "msg_inside", "ses_a", assistant(100, 50, 30, 40, 0, 190L, "0"));
            insert(db, "msg_outside", "ses_a", assistant(100, 50, 30, 40, 0, 220L, null));
            insert(db, "msg_no_total", "ses_a", assistant(100, 50, 30, 40, 0, null, "0.25"));
            insert(db, "msg_total_only", "ses_a", "{\"time\":{\"created\":1767312000000},\"modelID\":\"gpt-5\","
                    + "\"tokens\":{\"total\":77}}");
            insert(db, "msg_zero", "ses_a", assistant(0, 0, 0, 0, 0, 0L, "0"));
            insert(db, "msg_user", "ses_a", "{\"role\":\"user\",\"time\":{\"created\":1767312000000}}");
            insert(db, "msg_bad", "ses_a", "{\"time\":{\"created\":1767312000000},\"tokens\":{\"input\":\"7\"}}");
        }
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(opencode), 1);
        assertEquals(List.of(
                row("opencode:msg_inside", 100L, 50L, 30L, 0L, 40L, 0.0),
                row("opencode:msg_no_total", 100L, 80L, 30L, 0L, 40L, 0.25),
                row("opencode:msg_outside", 100L, 80L, 30L, 0L, 40L, null),
                Arrays.asList("opencode:msg_total_only", 0L, 77L, 0L, 0L, 0L, null, "", null, "ses_a")),
                Fixtures.rows(data, TURNS));
        assertEquals(Map.of("bad_usage", 1L), summary.rejects());
        assertEquals(List.of(List.of("bad_usage", 7L)), Fixtures.rows(data, "SELECT reason, line_no FROM rejects"));
    }

    /**
     * A database OpenCode is writing: what it committed to the write-ahead log is read, a later commit that only
     * grew the log is read by the next run, and a transaction still open is neither read nor in the way.
     */
    @Test
    void shouldReadWhatOpenCodeCommittedWhileItWritesTheDatabase() throws Exception {
        Path opencode = temp.resolve("opencode");
        Path file = opencode.resolve("opencode.db");
        Path data = temp.resolve("data");
        try (Connection db = database(file, "WAL")) {
            try (Statement statement = db.createStatement()) {
                statement.execute("PRAGMA wal_autocheckpoint = 0");
            }
            insert(db, "msg_1", "ses_a", assistant(10, 1, 0, 0, 0, null, null));
            long size = Files.size(file);
            Fixtures.ingest(data, List.of(opencode), 1);
            assertEquals(1.0, count(data));
            insert(db, "msg_2", "ses_a", assistant(20, 2, 0, 0, 0, null, null));
            assertEquals(size, Files.size(file), "the second message is in the write-ahead log only");
            db.setAutoCommit(false);
            insert(db, "msg_3", "ses_a", assistant(30, 3, 0, 0, 0, null, null));
            IngestSummary summary = Fixtures.ingest(data, List.of(opencode), 1);
            assertEquals(List.of(), summary.problems());
            assertEquals(2.0, count(data));
            db.commit();
        }
        Fixtures.ingest(data, List.of(opencode), 1);
        assertEquals(3.0, count(data));
    }

    /** A damaged database, and one a writer keeps locked, are problems of the run; the other files still commit. */
    @Test
    void shouldReportADatabaseItCannotReadAndCommitTheOtherFiles() throws Exception {
        Path damaged = Files.createDirectories(temp.resolve("damaged"));
        Files.write(damaged.resolve("opencode.db"), "SQLite format 3\0 but no pages after it".getBytes());
        Path locked = temp.resolve("locked");
        Path messages = Files.createDirectories(temp.resolve("files/storage/message/ses_a"));
        Files.writeString(messages.resolve("msg_1.json"), "{\"id\":\"msg_1\",\"sessionID\":\"ses_a\","
                + assistant(10, 1, 0, 0, 0, null, null).substring(1));
        Path data = temp.resolve("data");
        try (Connection db = database(locked.resolve("opencode-beta.db"), "DELETE")) {
            insert(db, "msg_2", "ses_b", assistant(20, 2, 0, 0, 0, null, null));
            try (Statement statement = db.createStatement()) {
                statement.execute("BEGIN EXCLUSIVE");
                statement.execute("DELETE FROM message");
            }
            IngestSummary summary = Fixtures.ingest(data, List.of(damaged, locked, temp.resolve("files")), 2);
            assertEquals(2, summary.problems().size(), summary.problems().toString());
            assertTrue(summary.problems().stream().allMatch(p -> p.contains("cannot be read")),
                    summary.problems().toString());
        }
        assertEquals(List.of(List.of("opencode:msg_1")), Fixtures.rows(data, "SELECT message_id FROM turns"));
    }

    @Test
    void shouldFindTheDatabasesAndMessageFilesWhereOpenCodeKeepsThem() throws Exception {
        Path home = temp.resolve("home");
        Path share = Files.createDirectories(home.resolve(".local/share/opencode"));
        for (String name : List.of("opencode.db", "opencode-beta.db", "opencode.db-wal", "opencode.db-shm",
                "opencode-x.y.db", "other.db")) {
            Files.createFile(share.resolve(name));
        }
        assertEquals(List.of(share.resolve("opencode-beta.db"), share.resolve("opencode.db")),
                OpenCodeDatabaseSource.openCode().defaultRoots(Map.of(), home));
        assertEquals(List.of(share.resolve("storage/message")), new OpenCodeSource().defaultRoots(Map.of(), home));
        assertEquals(List.of(Path.of("/x/opencode/storage/message")),
                new OpenCodeSource().defaultRoots(Map.of("XDG_DATA_HOME", "/x"), home));
        assertEquals(List.of(Path.of("/a/storage/message"), Path.of("/b/storage/message")), new OpenCodeSource()
                .defaultRoots(Map.of("OPENCODE_DATA_DIR", "/a, /b", "XDG_DATA_HOME", "/x"), home));
    }

    private static List<Object> row(String id, long input, long output, long reasoning, long cacheWrite,
            long cacheRead, Double agentCost) {
        return Arrays.asList(id, input, output, reasoning, cacheWrite, cacheRead, agentCost, "proj", "/w/proj/sub",
                "ses_a");
    }

    /** An assistant message's data, as OpenCode writes it into the database (no id, no session). */
    private static String assistant(long input, long output, long reasoning, long cacheRead, long cacheWrite,
            Long total, String cost) {
        return "{\"role\":\"assistant\",\"time\":{\"created\":1767312000000},\"modelID\":\"gpt-5\","
                + "\"providerID\":\"openai\",\"path\":{\"cwd\":\"/w/proj/sub\",\"root\":\"/w/proj\"},"
                + (cost != null ? "\"cost\":" + cost + "," : "")
                + "\"tokens\":{" + (total != null ? "\"total\":" + total + "," : "") + "\"input\":" + input
                + ",\"output\":" + output + ",\"reasoning\":" + reasoning + ",\"cache\":{\"read\":" + cacheRead
                + ",\"write\":" + cacheWrite + "}}}";
    }

    private static Connection database(Path file, String journalMode) throws Exception {
        Files.createDirectories(file.getParent());
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = db.createStatement()) {
            statement.execute("PRAGMA journal_mode = " + journalMode);
            statement.execute("CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL,"
                    + " time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)");
        }
        return db;
    }

    private static void insert(Connection db, String id, String session, String data) throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO message VALUES (?, ?, 0, 0, ?)")) {
            insert.setString(1, id);
            insert.setString(2, session);
            insert.setString(3, data);
            insert.executeUpdate();
        }
    }

    private static double count(Path data) throws Exception {
        return ((Number) Fixtures.rows(data, "SELECT count(*) FROM turns").get(0).get(0)).doubleValue();
    }
}
