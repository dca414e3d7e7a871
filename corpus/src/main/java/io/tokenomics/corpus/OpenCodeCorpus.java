package io.tokenomics.corpus;

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
 * Writes a small OpenCode data folder, {@code OUT/opencode}: the SQLite database {@code opencode.db} (table
 * {@code message(id, session_id, time_created, time_updated, data)}) and the message files of older versions,
 * {@code storage/message/<session>/<message>.json}, with the totals a correct reader reports from it under
 * docs/formats.md ("OpenCode").
 *
 * <p>A session is kept in files only (older versions), in the database only, or in both (files left beside the
 * database after their move into it): a message in both is one turn. Assistant messages write reasoning outside
 * {@code output} with a {@code total} that counts it (OpenCode 1.4), inside with a {@code total} that does not
 * (OpenCode 1.3), or without a total; some calls were aborted (every count zero) and bill nothing; users' messages
 * have no tokens; some rows' JSON is spread over several lines; {@code cost} is a number, an object (some versions),
 * or missing. Same seed, same bytes in the files and the same rows in the database.
 *
 * <p>{@link #writeKilo} writes Kilo's data folder, {@code OUT/kilo} with its database {@code kilo.db}: OpenCode's
 * table and messages (Kilo is a fork of it), and no message files.
 */
public final class OpenCodeCorpus {
    private static final String[][] MODELS = {
        {"anthropic", "claude-sonnet-4-5"}, {"github-copilot", "claude-opus-4.6"}, {"openai", "gpt-5.3-codex"},
        {"openai", "gpt-5"},
    };
    private static final long START_MS = 1_788_220_800_000L;

    private final SplittableRandom random;
    /** The message files' folder, or null where the agent keeps its messages in its database only. */
    private final Path storage;
    private final PreparedStatement insert;
    private TotalsWithAgentCost totals = TotalsWithAgentCost.none();

    private OpenCodeCorpus(SplittableRandom random, Path storage, PreparedStatement insert) {
        this.random = random;
        this.storage = storage;
        this.insert = insert;
    }

    /** Writes {@code sessions} sessions under {@code out/opencode}, which must not exist; returns their totals. */
    public static TotalsWithAgentCost write(Path out, int sessions, long seed) throws IOException {
        return write(out, "opencode", true, sessions, seed);
    }

    /** Writes {@code sessions} sessions into {@code out/kilo/kilo.db}; {@code out/kilo} must not exist. */
    public static TotalsWithAgentCost writeKilo(Path out, int sessions, long seed) throws IOException {
        return write(out, "kilo", false, sessions, seed);
    }

    /** The data folder {@code out/<agent>} with its database {@code <agent>.db}, and message files if asked. */
    private static TotalsWithAgentCost write(Path out, String agent, boolean files, int sessions, long seed)
            throws IOException {
        Path folder = out.resolve(agent);
        Files.createDirectories(folder.getParent());
        Files.createDirectory(folder);
        Path database = folder.resolve(agent + ".db");
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + database)) {
            try (Statement statement = db.createStatement()) {
                statement.execute("CREATE TABLE message (id TEXT PRIMARY KEY, session_id TEXT NOT NULL,"
                        + " time_created INTEGER NOT NULL, time_updated INTEGER NOT NULL, data TEXT NOT NULL)");
            }
            db.setAutoCommit(false);
            try (PreparedStatement insert = db.prepareStatement("INSERT INTO message VALUES (?, ?, ?, ?, ?)")) {
                OpenCodeCorpus corpus = new OpenCodeCorpus(new SplittableRandom(seed),
                        files ? folder.resolve("storage").resolve("message") : null, insert);
                for (int i = 0; i < sessions; i++) {
                    corpus.session(i);
                }
                db.commit();
                return corpus.totals;
            }
        } catch (SQLException e) {
            throw new IOException("writing " + database + ": " + e.getMessage(), e);
        }
    }

    private void session(int index) throws IOException, SQLException {
        String session = "ses_" + hex(12) + index;
        int place = random.nextInt(3);
        boolean inFiles = storage != null && place != 1;
        boolean inDatabase = storage == null || place != 0;
        long time = START_MS + random.nextLong(60L * 86_400_000L);
        int messages = 2 + random.nextInt(10);
        for (int m = 0; m < messages; m++) {
            time += 1_000 + random.nextInt(60_000);
            String id = String.format("msg_%012x%s", time, hex(14));
            String data = random.nextInt(3) == 0 ? user(time) : assistant(time);
            if (inFiles) {
                Path file = storage.resolve(session).resolve(id + ".json");
                Files.createDirectories(file.getParent());
                Files.writeString(file, "{\n  \"id\": \"" + id + "\",\n  \"sessionID\": \"" + session + "\",\n  "
                        + data.substring(1));
            }
            if (inDatabase) {
                insert.setString(1, id);
                insert.setString(2, session);
                insert.setLong(3, time);
                insert.setLong(4, time);
                insert.setString(5, random.nextInt(4) == 0 ? data.replace(",\"", ",\n  \"") : data);
                insert.executeUpdate();
            }
        }
    }

    private static String user(long time) {
        return "{\"role\":\"user\",\"time\":{\"created\":" + time + "},\"agent\":\"build\","
                + "\"model\":{\"providerID\":\"openai\",\"modelID\":\"gpt-5\"}}";
    }

    /** An assistant message, counted into the totals as it will be read. */
    private String assistant(long time) {
        String[] model = MODELS[random.nextInt(MODELS.length)];
        boolean aborted = random.nextInt(20) == 0;
        boolean reasons = model[1].startsWith("gpt");
        long input = aborted ? 0 : random.nextInt(30_000);
        long output = aborted ? 0 : 1 + random.nextInt(3_000);
        long reasoning = aborted || !reasons ? 0 : random.nextInt(2_000);
        long cacheRead = aborted ? 0 : random.nextInt(200_000);
        long cacheWrite = aborted || reasons ? 0 : random.nextInt(20_000);
        long cache = cacheRead + cacheWrite;
        int layout = random.nextInt(3);
        String total;
        long billedOutput;
        if (layout == 0) {
            total = "\"total\":" + (input + output + reasoning + cache) + ",";
            billedOutput = output + reasoning;
        } else if (layout == 1) {
            output += reasoning;
            total = "\"total\":" + (input + output + cache) + ",";
            billedOutput = output;
        } else {
            total = "";
            billedOutput = output + reasoning;
        }
        long costMicros = random.nextInt(100_000);
        int costKind = random.nextInt(3);
        String cost = costKind == 0 ? "\"cost\":" + micros(costMicros) + ","
                : costKind == 1 ? "\"cost\":{\"input\":" + input + ",\"output\":" + output + "}," : "";
        if (!aborted) {
            totals = totals.plus(input, billedOutput, reasoning, cacheWrite, cacheRead, costKind == 0 ? costMicros : 0);
        }
        return "{\"role\":\"assistant\",\"time\":{\"created\":" + time + ",\"completed\":" + (time + 900) + "},"
                + "\"parentID\":\"msg_parent\",\"modelID\":\"" + model[1] + "\",\"providerID\":\"" + model[0] + "\","
                + "\"mode\":\"build\",\"path\":{\"cwd\":\"/work/app/src\",\"root\":\"/work/app\"}," + cost
                + "\"tokens\":{" + total + "\"input\":" + input + ",\"output\":" + output + ",\"reasoning\":"
                + reasoning + ",\"cache\":{\"write\":" + cacheWrite + ",\"read\":" + cacheRead + "}},"
                + "\"finish\":\"stop\"}";
    }

    private static String micros(long micros) {
        return micros / 1_000_000 + "." + String.format("%06d", micros % 1_000_000);
    }

    private String hex(int digits) {
        StringBuilder text = new StringBuilder(digits);
        for (int i = 0; i < digits; i++) {
            text.append(JsonBuffer.HEX[random.nextInt(16)]);
        }
        return text.toString();
    }
}
