package io.tokenomics.ingest.hermes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.AgentTotalsAndCost;
import io.tokenomics.corpus.HermesCorpus;
import io.tokenomics.ingest.AgentCorpusCheck;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import io.tokenomics.ingest.source.Source.NameMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hermes Agent's state database (docs/formats.md, "Hermes"): a generated one meets its totals per day; hand-made ones
 * show a session that grew between two runs replacing its row, a session in two homes counted once, the rejects, and
 * where the database is found. No real Hermes database is among the fixtures.
 */
class HermesStateTest {
    private static final String TURNS = "SELECT message_id, model, strftime(ts, '%Y-%m-%d %H:%M:%S'), input_tokens,"
            + " output_tokens, reasoning_tokens, cache_write_5m_tokens, cache_read_tokens, agent_cost FROM turns"
            + " ORDER BY message_id";

    @TempDir
    Path temp;

    @Test
    void shouldCountEverySessionOfAGeneratedDatabaseOnce() throws Exception {
        AgentTotalsAndCost expected = HermesCorpus.write(temp.resolve("home"), 120, 2026_12_07L);
        assertTrue(expected.counts().all()[0] > 80 && expected.counts().rejects() > 5, expected.toString());
        List<Path> roots = new HermesSource().defaultRoots(Map.of(), temp.resolve("home"));
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, roots, 2);
        assertEquals(List.of(), summary.problems());
        AgentCorpusCheck.assertCounted(expected.counts(), summary, data, "hermes");
        assertEquals(List.of(List.of(expected.agentCostMicros())), Fixtures.rows(data,
                "SELECT round(sum(agent_cost) * 1e6)::BIGINT FROM turns"));
    }

    /**
     * Hermes adds each call to its session's row: the row read by a later run replaces the earlier one. The same
     * session in a second home (a copy of the database) is one turn. Reasoning is billed as output besides it; the
     * actual cost is the agent's figure where there is one, else the estimate.
     */
    @Test
    void shouldReplaceASessionThatGrewAndCountACopiedOneOnce() throws Exception {
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        Path data = temp.resolve("data");
        Map<String, String> homes = Map.of("HERMES_HOME", first + "," + second);
        try (Connection db = database(first.resolve("state.db"))) {
            insert(db, "s1", "claude-sonnet-4-5", 1767322800.25, 100, 20, 300, 40, 5, 0.5, null);
            Fixtures.ingest(data, new HermesSource().defaultRoots(homes, temp), 1);
            assertEquals(List.of(row("s1", "claude-sonnet-4-5", "2026-01-02 03:00:00", 100, 25, 5, 40, 300, 0.5)),
                    Fixtures.rows(data, TURNS));
            try (Statement statement = db.createStatement()) {
                statement.execute("UPDATE sessions SET input_tokens = 150, output_tokens = 30, actual_cost_usd = 0.75");
            }
        }
        try (Connection db = database(second.resolve("state.db"))) {
            insert(db, "s1", "claude-sonnet-4-5", 1767322800.25, 100, 20, 300, 40, 5, 0.5, null);
        }
        IngestSummary summary = Fixtures.ingest(data, new HermesSource().defaultRoots(homes, temp), 1);
        assertEquals(List.of(), summary.problems());
        assertEquals(List.of(row("s1", "claude-sonnet-4-5", "2026-01-02 03:00:00", 150, 35, 5, 40, 300, 0.75)),
                Fixtures.rows(data, TURNS));
    }

    /**
     * A session that spent nothing is no turn; one without a model is counted, unpriced; a start in milliseconds is
     * read as such; a counter below zero or that is text (SQLite keeps what it cannot make a number), and a start
     * that is no time, reject their session.
     */
    @Test
    void shouldRejectABadSessionByItsRow() throws Exception {
        Path hermes = temp.resolve(".hermes");
        try (Connection db = database(hermes.resolve("state.db"))) {
            insert(db, "a", "gpt-5", 1767322800.0, 0, 0, 0, 0, 0, 0.0, null);
            insert(db, "b", null, 1767322800000L, 7, 3, 0, 0, 0, 0.0, null);
            insert(db, "c", "gpt-5", 1767322800.0, -1, 3, 0, 0, 0, 0.0, null);
            insert(db, "d", "gpt-5", 1767322800.0, "many", 3, 0, 0, 0, 0.0, null);
            insert(db, "e", "gpt-5", "yesterday", 7, 3, 0, 0, 0, 0.0, null);
        }
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(hermes), 1);
        assertEquals(List.of(row("b", null, "2026-01-02 03:00:00", 7, 3, 0, 0, 0, 0.0)), Fixtures.rows(data, TURNS));
        assertEquals(Map.of("bad_usage", 2L, "bad_timestamp", 1L), summary.rejects());
        assertEquals(List.of(List.of(3L), List.of(4L), List.of(5L)),
                Fixtures.rows(data, "SELECT line_no FROM rejects ORDER BY line_no"));
    }

    @Test
    void shouldFindTheDatabaseWhereHermesKeepsIt() {
        Path home = Path.of("/home/me");
        HermesSource source = new HermesSource();
        assertEquals(List.of(home.resolve(".hermes/state.db")), source.defaultRoots(Map.of(), home));
        assertEquals(List.of(Path.of("/h/state.db"), Path.of("/i/state.db")),
                source.defaultRoots(Map.of("HERMES_HOME", "/h, /i"), home));
        assertEquals(NameMatch.MINE, source.nameMatch(home.resolve(".hermes/state.db")));
        assertEquals(NameMatch.MAYBE, source.nameMatch(Path.of("/h/state.db")));
        assertEquals(NameMatch.NOT_MINE, source.nameMatch(home.resolve(".hermes/state.db-wal")));
    }

    private static List<Object> row(String id, String model, String time, long input, long output, long reasoning,
            long cacheWrite, long cacheRead, Double cost) {
        return Arrays.asList("hermes:" + id, model, time, input, output, reasoning, cacheWrite, cacheRead, cost);
    }

    /** The columns of Hermes's {@code sessions} table that matter here, with its types. */
    private static Connection database(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, source TEXT NOT NULL DEFAULT 'cli',"
                    + " model TEXT, started_at REAL NOT NULL, input_tokens INTEGER DEFAULT 0,"
                    + " output_tokens INTEGER DEFAULT 0, cache_read_tokens INTEGER DEFAULT 0,"
                    + " cache_write_tokens INTEGER DEFAULT 0, reasoning_tokens INTEGER DEFAULT 0,"
                    + " estimated_cost_usd REAL, actual_cost_usd REAL)");
        }
        return db;
    }

    private static void insert(Connection db, String id, String model, Object started, Object input, long output,
            long cacheRead, long cacheWrite, long reasoning, double estimated, Double actual) throws Exception {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO sessions (id, model, started_at, input_tokens,"
                + " output_tokens, cache_read_tokens, cache_write_tokens, reasoning_tokens, estimated_cost_usd,"
                + " actual_cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            Object[] values = {id, model, started, input, output, cacheRead, cacheWrite, reasoning, estimated, actual};
            for (int i = 0; i < values.length; i++) {
                insert.setObject(i + 1, values[i]);
            }
            insert.executeUpdate();
        }
    }
}
