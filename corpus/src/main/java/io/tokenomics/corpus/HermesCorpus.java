package io.tokenomics.corpus;

import static io.tokenomics.corpus.RandomValues.lognormal;
import static io.tokenomics.corpus.RandomValues.uuid;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * Writes a Hermes Agent state database, {@code HOME/.hermes/state.db}, whose {@code sessions} table holds one row per
 * session with its token totals, with what a correct reader counts under docs/formats.md ("Hermes"): one turn per
 * session that spent tokens, dated at its start.
 *
 * <p>With the defects of the table: sessions that spent nothing (no turn), sessions without a model (counted,
 * unpriced), start times in seconds with a fraction or in milliseconds, costs actual, estimated or missing, a
 * counter below zero and one stored as text (rejects), reasoning apart from output.
 */
public final class HermesCorpus {
    private static final String[] MODELS = {"claude-sonnet-4-5", "anthropic/claude-opus-4.6", "gpt-5", "gemini-2.5-pro",
        "", null};
    private static final String[] SOURCES = {"cli", "telegram", "discord"};
    private static final long START_MS = CorpusGenerator.START_MS;
    private static final long RANGE_MS = CorpusGenerator.RANGE_DAYS * CorpusGenerator.DAY_MS;

    private HermesCorpus() {
    }

    /** Writes {@code sessions} sessions into a new {@code home/.hermes/state.db}; same seed, same rows. */
    public static AgentTotalsAndCost write(Path home, int sessions, long seed) throws IOException {
        Path database = home.resolve(".hermes").resolve("state.db");
        Files.createDirectories(database.getParent());
        AgentTotals totals = new AgentTotals();
        totals.file();
        long costMicros = 0;
        SplittableRandom r = new SplittableRandom(seed);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE TABLE sessions (id TEXT PRIMARY KEY, source TEXT NOT NULL, user_id TEXT,"
                        + " model TEXT, model_config TEXT, system_prompt TEXT, parent_session_id TEXT,"
                        + " started_at REAL NOT NULL, ended_at REAL, end_reason TEXT, message_count INTEGER DEFAULT 0,"
                        + " tool_call_count INTEGER DEFAULT 0, input_tokens INTEGER DEFAULT 0,"
                        + " output_tokens INTEGER DEFAULT 0, cache_read_tokens INTEGER DEFAULT 0,"
                        + " cache_write_tokens INTEGER DEFAULT 0, reasoning_tokens INTEGER DEFAULT 0,"
                        + " billing_provider TEXT, estimated_cost_usd REAL, actual_cost_usd REAL, title TEXT)");
            }
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO sessions (id, source, model, started_at,"
                    + " ended_at, message_count, input_tokens, output_tokens, cache_read_tokens, cache_write_tokens,"
                    + " reasoning_tokens, estimated_cost_usd, actual_cost_usd) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " ?, ?, ?)")) {
                for (int i = 0; i < sessions; i++) {
                    long ms = START_MS + r.nextLong(RANGE_MS);
                    String model = MODELS[r.nextInt(MODELS.length)];
                    boolean spent = i % 8 != 3;
                    long input = spent ? 1 + lognormal(r, 30_000, 1.0) : 0;
                    long output = spent ? 1 + lognormal(r, 4_000, 1.0) : 0;
                    long cacheRead = spent && r.nextInt(4) != 0 ? lognormal(r, 300_000, 1.0) : 0;
                    long cacheWrite = spent && model != null && model.contains("claude") ? lognormal(r, 20_000, 1.0)
                            : 0;
                    long reasoning = spent && r.nextInt(3) == 0 ? lognormal(r, 2_000, 1.0) : 0;
                    long estimated = spent ? r.nextInt(5_000_000) : 0;
                    long actual = r.nextInt(3) == 0 ? r.nextInt(5_000_000) : -1;
                    insert.setString(1, uuid(r));
                    insert.setString(2, SOURCES[i % SOURCES.length]);
                    insert.setString(3, model);
                    if (i % 5 == 1) {
                        insert.setLong(4, ms);
                    } else {
                        insert.setDouble(4, ms / 1_000.0);
                    }
                    insert.setDouble(5, ms / 1_000.0 + 3_600);
                    insert.setLong(6, 2 + r.nextInt(80));
                    insert.setLong(7, input);
                    insert.setLong(8, output);
                    insert.setLong(9, cacheRead);
                    insert.setLong(10, cacheWrite);
                    insert.setLong(11, reasoning);
                    insert.setDouble(12, estimated / 1e6);
                    if (actual >= 0) {
                        insert.setDouble(13, actual / 1e6);
                    } else {
                        insert.setNull(13, java.sql.Types.REAL);
                    }
                    if (i % 13 == 6) {
                        insert.setLong(8, -1 - output);
                        totals.reject();
                    } else if (i % 17 == 9) {
                        insert.setString(7, "many");
                        totals.reject();
                    } else if (spent) {
                        totals.turn(ms, input, output + reasoning, cacheWrite, cacheRead, reasoning);
                        costMicros += actual >= 0 ? actual : estimated;
                    }
                    insert.executeUpdate();
                }
            }
            db.commit();
        } catch (SQLException e) {
            throw new IOException("writing " + database + ": " + e.getMessage(), e);
        }
        return new AgentTotalsAndCost(totals, costMicros);
    }
}
