package io.tokenomics.ingest.opencode;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.Source;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenCode's SQLite database, where its newer versions keep their messages: {@code <data>/opencode.db}, and
 * {@code opencode-<channel>.db} for its other release channels. Its write-ahead and shared-memory files
 * ({@code -wal}, {@code -shm}) are part of it, not logs. Counting rules: docs/formats.md, "OpenCode".
 */
public final class OpenCodeDatabaseSource implements Source {
    @Override
    public String agent() {
        return "opencode";
    }

    /**
     * The databases in each of OpenCode's data folders ({@link OpenCodeSource#dataFolders}): those files, not the
     * folders, whose other contents (the older storage, file snapshots, logs) can be many thousands of files.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        List<Path> roots = new ArrayList<>();
        for (Path folder : OpenCodeSource.dataFolders(environment, home)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> databases = Files.newDirectoryStream(folder, "opencode*.db")) {
                for (Path database : databases) {
                    if (nameMatch(database) == NameMatch.MINE) {
                        roots.add(database);
                    }
                }
            } catch (IOException e) {
                // Not listable: the folder itself is a root, and discovery reports what it cannot read.
                roots.add(folder);
            }
        }
        roots.sort(null);
        return roots;
    }

    /** {@code opencode.db}, or {@code opencode-<channel>.db}, a channel of letters, digits, {@code -} and {@code _}. */
    @Override
    public NameMatch nameMatch(Path file) {
        String name = file.getFileName().toString();
        if (name.equals("opencode.db")) {
            return NameMatch.MINE;
        }
        boolean channel = name.startsWith("opencode-") && name.endsWith(".db")
                && name.length() > "opencode-.db".length() && name.substring("opencode-".length(),
                name.length() - ".db".length()).chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c)
                        || c == '-' || c == '_'));
        return channel ? NameMatch.MINE : NameMatch.NOT_MINE;
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
        OpenCodeDatabase.writeLines(database, lines);
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new OpenCodeReader(rows, true);
    }
}
