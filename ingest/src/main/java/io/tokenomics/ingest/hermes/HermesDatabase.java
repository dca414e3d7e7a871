package io.tokenomics.ingest.hermes;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * Writes the sessions of a Hermes state database ({@code state.db}, table {@code sessions}) as one JSON line each,
 * for {@link HermesReader}: {@code id} and {@code model} as strings, {@code started_at}, the five token columns and
 * the two cost columns as numbers (a value SQLite holds as text is written as a string, for the reader to judge).
 * The database is opened read-only, as OpenCode's is, while Hermes may be writing it.
 */
final class HermesDatabase {
    /** How long a read waits for a writer that holds the database: past it, the run reports the file. */
    private static final int BUSY_TIMEOUT_MILLIS = 2_000;
    private static final String[] COLUMNS = {"id", "model", "started_at", "input_tokens", "output_tokens",
        "cache_read_tokens", "cache_write_tokens", "reasoning_tokens", "estimated_cost_usd", "actual_cost_usd"};
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private HermesDatabase() {
    }

    /**
     * Writes every row of the {@code sessions} table, in the table's order. A database that cannot be opened or read
     * (locked past the timeout, damaged, not a database, without that table or one of its columns) throws, and its
     * file is not read.
     */
    static void writeLines(Path database, OutputStream out) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        byte[][] fields = new byte[COLUMNS.length][];
        for (int i = 0; i < COLUMNS.length; i++) {
            fields[i] = ((i == 0 ? "{\"" : ",\"") + COLUMNS[i] + "\":").getBytes(StandardCharsets.US_ASCII);
        }
        BufferedOutputStream lines = new BufferedOutputStream(out, 1 << 16);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT " + String.join(", ", COLUMNS)
                        + " FROM sessions")) {
            while (rows.next()) {
                for (int i = 0; i < COLUMNS.length; i++) {
                    lines.write(fields[i]);
                    value(lines, rows.getObject(i + 1));
                }
                lines.write('}');
                lines.write('\n');
            }
        } catch (SQLException e) {
            throw new IOException("cannot be read as Hermes's state database: " + e.getMessage(), e);
        }
        lines.flush();
    }

    /** A number as JSON writes it (a non-finite one as text); text, and anything else, as a string. */
    private static void value(OutputStream out, Object value) throws IOException {
        if (value == null) {
            out.write(NULL);
        } else if (value instanceof Integer || value instanceof Long
                || value instanceof Double number && Double.isFinite(number)) {
            out.write(value.toString().getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write('"');
            out.write(JsonStringEncoder.getInstance().quoteAsUTF8(value.toString()));
            out.write('"');
        }
    }
}
