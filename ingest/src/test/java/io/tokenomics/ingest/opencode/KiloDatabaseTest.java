package io.tokenomics.ingest.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.OpenCodeCorpus;
import io.tokenomics.corpus.TotalsWithAgentCost;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import io.tokenomics.ingest.source.Source.NameMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kilo's {@code kilo.db}, read by OpenCode's database source under Kilo's name (docs/formats.md, "Kilo"): a generated
 * database meets its totals, a bad row is a counted reject, a message in two data folders counts once, a message
 * rewritten with more tokens replaces its row, and where the database is found. No real Kilo database is among the
 * fixtures.
 */
class KiloDatabaseTest {
    @TempDir
    Path temp;

    @Test
    void shouldMeetTheTotalsOfAGeneratedKiloDatabase() throws Exception {
        TotalsWithAgentCost expected = OpenCodeCorpus.writeKilo(temp.resolve("corpus"), 40, 20261208L);
        assertTrue(expected.turns() > 80 && expected.reasoning() > 0, expected.toString());
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve("corpus/kilo")), 2);
        assertEquals(0, summary.totalRejects(), summary.rejects().toString());
        assertEquals(List.of(), summary.problems());
        assertEquals(OpenCodeCorpusTest.totals(expected), OpenCodeCorpusTest.totals(data));
        assertEquals(List.of(List.of("kilo", expected.turns())), Fixtures.rows(data,
                "SELECT agent, count(*) FROM turns WHERE starts_with(message_id, 'kilo:msg_') GROUP BY ALL"));
    }

    /**
     * Kilo's messages under its own name and key; a counter that is no count and a row that is no JSON are rejects
     * at their rows; the same message in a second data folder (a copy of the database) is one turn.
     */
    @Test
    void shouldRejectBadRowsAndCountACopiedMessageOnce() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        try (Connection db = database(first.resolve("kilo.db"))) {
            insert(db, "msg_1", "ses_a", assistant(100, 20));
            insert(db, "msg_bad", "ses_a", "{\"time\":{\"created\":1767312000000},\"tokens\":{\"input\":-3}}");
            insert(db, "msg_cut", "ses_a", "{\"time\":{\"created\":17673");
        }
        try (Connection db = database(second.resolve("kilo.db"))) {
            insert(db, "msg_1", "ses_a", assistant(100, 20));
            insert(db, "msg_2", "ses_a", assistant(7, 3));
        }
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(first, second), 2);
        assertEquals(Map.of("bad_usage", 1L, "malformed", 1L), summary.rejects());
        assertEquals(List.of(List.of("bad_usage", 2L), List.of("malformed", 3L)),
                Fixtures.rows(data, "SELECT reason, line_no FROM rejects ORDER BY line_no"));
        assertEquals(List.of(List.of("kilo", "kilo:msg_1", "ses_a", 100L, 20L), List.of("kilo", "kilo:msg_2",
                "ses_a", 7L, 3L)), Fixtures.rows(data, "SELECT agent, message_id, session_id, input_tokens,"
                        + " output_tokens FROM turns ORDER BY message_id"));
    }

    /** Kilo updates a message as its call goes on: the next run reads the database again and keeps the larger row. */
    @Test
    void shouldReplaceAMessageRewrittenWithMoreTokens() throws Exception {
        Path kilo = temp.resolve("kilo");
        Path data = temp.resolve("data");
        try (Connection db = database(kilo.resolve("kilo.db"))) {
            insert(db, "msg_1", "ses_a", assistant(100, 1));
            Fixtures.ingest(data, List.of(kilo), 1);
            try (PreparedStatement update = db.prepareStatement("UPDATE message SET data = ? WHERE id = 'msg_1'")) {
                update.setString(1, assistant(100, 250));
                update.executeUpdate();
            }
        }
        Fixtures.ingest(data, List.of(kilo), 1);
        assertEquals(List.of(List.of("kilo:msg_1", 250L)), Fixtures.rows(data,
                "SELECT message_id, output_tokens FROM turns"));
    }

    @Test
    void shouldFindTheDatabaseWhereKiloKeepsIt() throws Exception {
        Path home = temp.resolve("home");
        Path share = Files.createDirectories(home.resolve(".local/share/kilo"));
        for (String name : List.of("kilo.db", "kilo.db-wal", "opencode.db")) {
            Files.createFile(share.resolve(name));
        }
        OpenCodeDatabaseSource kilo = OpenCodeDatabaseSource.kilo();
        assertEquals("kilo", kilo.agent());
        assertEquals(List.of(share.resolve("kilo.db")), kilo.defaultRoots(Map.of(), home));
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.createFile(elsewhere.resolve("kilo.db"));
        assertEquals(List.of(elsewhere.resolve("kilo.db")), kilo.defaultRoots(Map.of("KILO_DATA_DIR",
                elsewhere + ", " + temp.resolve("missing"), "OPENCODE_DATA_DIR", share.toString()), home));
        assertEquals(NameMatch.MINE, kilo.nameMatch(share.resolve("kilo.db")));
        assertEquals(NameMatch.NOT_MINE, kilo.nameMatch(share.resolve("kilo.db-wal")));
        assertEquals(NameMatch.NOT_MINE, kilo.nameMatch(share.resolve("opencode.db")));
        assertEquals(NameMatch.NOT_MINE, OpenCodeDatabaseSource.openCode().nameMatch(share.resolve("kilo.db")));
    }

    private static String assistant(long input, long output) {
        return "{\"role\":\"assistant\",\"time\":{\"created\":1767312000000},\"modelID\":\"claude-sonnet-4-5\","
                + "\"providerID\":\"kilo\",\"cost\":0.01,\"tokens\":{\"input\":" + input + ",\"output\":" + output
                + ",\"reasoning\":0,\"cache\":{\"read\":0,\"write\":0}}}";
    }

    /** The columns of the {@code message} table Kilo shares with OpenCode. */
    private static Connection database(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = db.createStatement()) {
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
}
