package io.tokenomics.ingest.opencode;

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
 * Writes the messages of an OpenCode database ({@code opencode.db}, or Kilo's {@code kilo.db}; table
 * {@code message(id, session_id, data)}) as lines {@code {"id":...,"sessionID":...,"data":<data>}}, for
 * {@link OpenCodeReader}. The database is opened read-only through SQLite's own library, while the agent may be
 * writing it: SQLite reads the committed state, write-ahead log included, and waits a while for a writer's lock.
 */
final class OpenCodeDatabase {
    /** How long a read waits for a writer that holds the database: past it, the run reports the file. */
    private static final int BUSY_TIMEOUT_MILLIS = 2_000;
    private static final byte[] ID = "{\"id\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SESSION = ",\"sessionID\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = ",\"data\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

    private OpenCodeDatabase() {
    }

    /**
     * Writes every row of the {@code message} table, in the table's order. A database that cannot be opened or read
     * (locked past the timeout, damaged, not a database, without that table) throws, naming the agent
     * ({@code title}), and its file is not read.
     */
    static void writeLines(Path database, OutputStream out, String title) throws IOException {
        SQLiteConfig config = new SQLiteConfig();
        config.setOpenMode(SQLiteOpenMode.READONLY);
        config.setReadOnly(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        BufferedOutputStream lines = new BufferedOutputStream(out, 1 << 16);
        try (Connection connection = config.createConnection("jdbc:sqlite:" + database.toAbsolutePath());
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, session_id, data FROM message")) {
            while (rows.next()) {
                lines.write(ID);
                string(lines, rows.getString(1));
                lines.write(SESSION);
                string(lines, rows.getString(2));
                lines.write(DATA);
                byte[] data = rows.getBytes(3);
                if (data == null) {
                    lines.write(NULL);
                } else {
                    oneLine(data);
                    lines.write(data);
                }
                lines.write('}');
                lines.write('\n');
            }
        } catch (SQLException e) {
            throw new IOException("cannot be read as " + title + "'s database: " + e.getMessage(), e);
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

    /**
     * A line break in valid JSON can only be whitespace between its values (inside a string it must be escaped), so
     * it becomes a space: the row stays one line and means the same.
     */
    private static void oneLine(byte[] data) {
        for (int i = 0; i < data.length; i++) {
            if (data[i] == '\n' || data[i] == '\r') {
                data[i] = ' ';
            }
        }
    }
}
