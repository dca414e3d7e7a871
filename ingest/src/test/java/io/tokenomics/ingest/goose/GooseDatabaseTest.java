package io.tokenomics.ingest.goose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Goose's session database, on hand-made databases with the columns of Goose's {@code sessions} table (no sample of
 * it is among the shared fixtures): one turn per session with its totals, the rejects, a session that grew between
 * two runs, and where the database is found (docs/formats.md, "Goose").
 */
class GooseDatabaseTest {
    private static final String TURNS = "SELECT message_id, session_id, strftime(ts, '%Y-%m-%d %H:%M:%S'), model,"
            + " input_tokens, output_tokens, reasoning_tokens, cache_read_tokens, project, cwd FROM turns"
            + " ORDER BY message_id";
    private static final String SONNET = "{\"provider\":\"anthropic\",\"model_name\":\"claude-sonnet-4-5\"}";

    @TempDir
    Path temp;

    /**
     * The accumulated counters win over the last exchange's; the total beyond input and output is output and
     * reasoning; a session without counts is no turn; a counter that is no count, and a time that is none, reject
     * their session; a session without a model is counted unpriced.
     */
    @Test
    void shouldCountEachSessionAsOneTurnWithItsTotals() throws Exception {
        Path goose = temp.resolve("goose/sessions");
        try (Connection db = database(goose.resolve("sessions.db"))) {
            insert(db, "20260102_1", "2026-01-02 03:04:05", SONNET, 100, 20, 120, 1000, 200, 1500);
            insert(db, "20260103_1", "2026-01-03T10:00:00.5+00:00", SONNET, 50, 10, null, null, null, null);
            insert(db, "20260103_2", "2026-01-03 11:00:00", SONNET, null, null, null, 0, 0, 0);
            insert(db, "20260103_3", "2026-01-03 12:00:00", SONNET, "many", 1, 1, null, null, null);
            insert(db, "20260103_4", "yesterday", SONNET, 5, 1, 6, null, null, null);
            insert(db, "20260104_1", "1767484800", null, 7, 3, 10, null, null, null);
        }
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve("goose")), 1);
        assertEquals(List.of(
                row("20260102_1", "2026-01-02 03:04:05", "claude-sonnet-4-5", 1000, 500, 300),
                row("20260103_1", "2026-01-03 10:00:00", "claude-sonnet-4-5", 50, 10, 0),
                row("20260104_1", "2026-01-04 00:00:00", null, 7, 3, 0)),
                Fixtures.rows(data, TURNS));
        assertEquals(Map.of("bad_usage", 1L, "bad_timestamp", 1L), summary.rejects());
        assertEquals(List.of(List.of(0.0105)), Fixtures.rows(data,
                "SELECT round(cost_usd, 6) FROM turns WHERE message_id = 'goose:20260102_1'"));
    }

    /** Goose rewrites a session's totals as it goes on: the next run's larger totals replace the earlier row. */
    @Test
    void shouldReplaceASessionThatGrewBetweenTwoRuns() throws Exception {
        Path goose = temp.resolve("goose/sessions");
        Path data = temp.resolve("data");
        try (Connection db = database(goose.resolve("sessions.db"))) {
            insert(db, "20260102_1", "2026-01-02 03:04:05", SONNET, 100, 20, 120, 100, 20, 120);
            Fixtures.ingest(data, List.of(temp.resolve("goose")), 1);
            try (Statement statement = db.createStatement()) {
                statement.execute("UPDATE sessions SET accumulated_input_tokens = 300,"
                        + " accumulated_output_tokens = 50, accumulated_total_tokens = 350");
            }
        }
        Fixtures.ingest(data, List.of(temp.resolve("goose")), 1);
        assertEquals(List.of(row("20260102_1", "2026-01-02 03:04:05", "claude-sonnet-4-5", 300, 50, 0)),
                Fixtures.rows(data, TURNS));
    }

    /** A database without Goose's token columns (not Goose's, or damaged) is a problem of the run, not a crash. */
    @Test
    void shouldReportADatabaseWithoutGoosesColumns() throws Exception {
        Path sessions = Files.createDirectories(temp.resolve("other/sessions"));
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + sessions.resolve("sessions.db"));
                Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY)");
            statement.execute("INSERT INTO sessions VALUES ('a')");
        }
        IngestSummary summary = Fixtures.ingest(temp.resolve("data"), List.of(temp.resolve("other")), 1);
        assertEquals(1, summary.problems().size(), summary.problems().toString());
        assertTrue(summary.problems().get(0).contains("cannot be read as Goose's database"),
                summary.problems().toString());
    }

    @Test
    void shouldFindTheDatabaseWhereGooseKeepsIt() {
        Path home = Path.of("/home/me");
        GooseSource source = new GooseSource();
        assertEquals(List.of(home.resolve(".local/share/goose/sessions/sessions.db"),
                home.resolve("Library/Application Support/goose/sessions/sessions.db"),
                home.resolve(".local/share/Block/goose/sessions/sessions.db")), source.defaultRoots(Map.of(), home));
        assertEquals(List.of(Path.of("/g/data/sessions/sessions.db")),
                source.defaultRoots(Map.of("GOOSE_PATH_ROOT", "/g"), home));
        assertEquals(NameMatch.MINE, source.nameMatch(Path.of("/g/data/sessions/sessions.db")));
        assertEquals(NameMatch.NOT_MINE, source.nameMatch(Path.of("/g/data/sessions.db")));
        assertEquals(NameMatch.NOT_MINE, source.nameMatch(Path.of("/g/data/sessions/sessions.db-wal")));
    }

    private static List<Object> row(String session, String time, String model, long input, long output,
            long reasoning) {
        return Arrays.asList("goose:" + session, session, time, model, input, output, reasoning, 0L, "proj",
                "/w/proj");
    }

    /** The columns of Goose's {@code sessions} table that matter here, with its types. */
    private static Connection database(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file);
        try (Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, name TEXT NOT NULL DEFAULT '',"
                    + " working_dir TEXT NOT NULL, created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                    + " total_tokens INTEGER, input_tokens INTEGER, output_tokens INTEGER,"
                    + " accumulated_total_tokens INTEGER, accumulated_input_tokens INTEGER,"
                    + " accumulated_output_tokens INTEGER, provider_name TEXT, model_config_json TEXT)");
        }
        return db;
    }

    private static void insert(Connection db, String id, String created, String modelConfig, Object input,
            Object output, Object total, Object accumulatedInput, Object accumulatedOutput, Object accumulatedTotal)
            throws SQLException {
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO sessions (id, working_dir, created_at,"
                + " model_config_json, input_tokens, output_tokens, total_tokens, accumulated_input_tokens,"
                + " accumulated_output_tokens, accumulated_total_tokens)"
                + " VALUES (?, '/w/proj', ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, id);
            insert.setString(2, created);
            insert.setString(3, modelConfig);
            Object[] counters = {input, output, total, accumulatedInput, accumulatedOutput, accumulatedTotal};
            for (int i = 0; i < counters.length; i++) {
                insert.setObject(4 + i, counters[i]);
            }
            insert.executeUpdate();
        }
    }
}
