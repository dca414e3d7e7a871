package io.tokenomics.ingest.goose;

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
 * Writes the sessions of a Goose database ({@code sessions.db}, table {@code sessions}) as one JSON line each, for
 * {@link GooseReader}: {@code {"id","created_at","working_dir","model_config"}} as strings and the six token
 * columns as numbers (a value SQLite holds as anything but an integer is written as a string, for the reader to
 * reject). The database is opened read-only, as OpenCode's is, while Goose may be writing it.
 */
final class GooseDatabase {
    /** How long a read waits for a writer that holds the database: past it, the run reports the file. */
    private static final int BUSY_TIMEOUT_MILLIS = 2_000;
    private static final String[] STRINGS = {"id", "created_at", "working_dir", "model_config_json"};
    private static final String[] COUNTERS = {"input_tokens", "output_tokens", "total_tokens",
        "accumulated_input_tokens", "accumulated_output_tokens", "accumulated_total_tokens"};
    private static final byte[][] STRING_FIELDS = fields("{\"id\":", ",\"created_at\":", ",\"working_dir\":",
            ",\"model_config\":");
    private static final byte[][] COUNTER_FIELDS = fields(",\"input\":", ",\"output\":", ",\"total\":",
            ",\"accumulated_input\":", ",\"accumulated_output\":", ",\"accumulated_total\":");
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private GooseDatabase() {
    }

    /**
     * Writes every row of the {@code sessions} table. A database that cannot be opened or read (locked past the
     * timeout, damaged, not a database, without that table or one of its columns) throws, and its file is not read.
     */
    static void writeLines(Path database, OutputStream out) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        String query = "SELECT " + String.join(", ", STRINGS) + ", " + String.join(", ", COUNTERS)
                + " FROM sessions";
        BufferedOutputStream lines = new BufferedOutputStream(out, 1 << 16);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(query)) {
            while (rows.next()) {
                for (int i = 0; i < STRINGS.length; i++) {
                    lines.write(STRING_FIELDS[i]);
                    string(lines, rows.getString(i + 1));
                }
                for (int i = 0; i < COUNTERS.length; i++) {
                    lines.write(COUNTER_FIELDS[i]);
                    Object value = rows.getObject(STRINGS.length + i + 1);
                    if (value == null) {
                        lines.write(NULL);
                    } else if (value instanceof Integer || value instanceof Long) {
                        lines.write(value.toString().getBytes(StandardCharsets.US_ASCII));
                    } else {
                        string(lines, value.toString());
                    }
                }
                lines.write('}');
                lines.write('\n');
            }
        } catch (SQLException e) {
            throw new IOException("cannot be read as Goose's database: " + e.getMessage(), e);
        }
        lines.flush();
    }

    private static void string(OutputStream out, String value) throws IOException {
        if (value == null) {
            out.write(NULL);
            return;
        }
        out.write('"');
        out.write(JsonStringEncoder.getInstance().quoteAsUTF8(value));
        out.write('"');
    }

    private static byte[][] fields(String... names) {
        byte[][] bytes = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            bytes[i] = names[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
