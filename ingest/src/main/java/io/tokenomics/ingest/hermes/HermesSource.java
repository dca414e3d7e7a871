package io.tokenomics.ingest.hermes;

import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hermes Agent's state database (github.com/NousResearch/hermes-agent), {@code ~/.hermes/state.db}: one row per
 * session in its {@code sessions} table, holding the session's token totals. Its write-ahead and shared-memory files
 * ({@code -wal}, {@code -shm}) are part of it, not logs. Counting rules: docs/formats.md, "Hermes".
 */
public final class HermesSource implements Source {
    private static final String DATABASE = "state.db";
    private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    @Override
    public String agent() {
        return "hermes";
    }

    /**
     * {@code state.db} in each entry of {@code HERMES_HOME} (comma-separated; it replaces the default), else in
     * {@code ~/.hermes}.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("HERMES_HOME");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()).resolve(DATABASE));
                }
            }
            return roots;
        }
        return List.of(home.resolve(".hermes").resolve(DATABASE));
    }

    /**
     * {@code state.db} in a folder {@code .hermes}. A {@code state.db} elsewhere (in a {@code HERMES_HOME} of another
     * name) may be one: its head decides, and a SQLite database of that name is taken for Hermes's.
     */
    @Override
    public NameMatch nameMatch(LogName file) {
        if (!file.name().equals(DATABASE)) {
            return NameMatch.NOT_MINE;
        }
        return file.folderIs(0, ".hermes") ? NameMatch.MINE : NameMatch.MAYBE;
    }

    /** A SQLite database: its file starts with SQLite's header string. */
    @Override
    public boolean headMatches(long address, int length) {
        if (length < SQLITE_HEADER.length) {
            return false;
        }
        for (int i = 0; i < SQLITE_HEADER.length; i++) {
            if (NativeMemory.getByte(address + i) != SQLITE_HEADER[i]) {
                return false;
            }
        }
        return true;
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
        HermesDatabase.writeLines(database, lines);
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new HermesReader(rows);
    }
}
