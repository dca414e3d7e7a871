package io.tokenomics.ingest.goose;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Goose's SQLite database of sessions, {@code <data>/sessions/sessions.db}, one row per session holding its token
 * totals. Its write-ahead and shared-memory files ({@code -wal}, {@code -shm}) are part of it, not logs. Counting
 * rules: docs/formats.md, "Goose".
 */
public final class GooseSource implements Source {
    private static final String DATABASE = "sessions.db";

    @Override
    public String agent() {
        return "goose";
    }

    /**
     * {@code $GOOSE_PATH_ROOT/data/sessions/sessions.db} where that variable is set (it replaces the defaults), else
     * the database in each folder Goose uses on Linux and macOS.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String root = environment.get("GOOSE_PATH_ROOT");
        if (root != null && !root.isBlank()) {
            return List.of(Path.of(root.trim()).resolve("data").resolve("sessions").resolve(DATABASE));
        }
        return List.of(home.resolve(".local/share/goose/sessions").resolve(DATABASE),
                home.resolve("Library/Application Support/goose/sessions").resolve(DATABASE),
                home.resolve(".local/share/Block/goose/sessions").resolve(DATABASE));
    }

    /** {@code sessions.db} in a folder named {@code sessions}: the name alone is too common to be Goose's. */
    @Override
    public NameMatch nameMatch(LogName file) {
        boolean mine = file.name().equals(DATABASE) && file.folderIs(0, "sessions");
        return mine ? NameMatch.MINE : NameMatch.NOT_MINE;
    }

    @Override
    public boolean headMatches(long address, int length) {
        return false;
    }

    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public boolean logsAreDatabases() {
        return true;
    }

    @Override
    public void writeLines(Path database, OutputStream lines) throws IOException {
        GooseDatabase.writeLines(database, lines);
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new GooseReader(rows);
    }
}
