package io.tokenomics.ingest.opencode;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
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
 * {@code opencode-<channel>.db} for its other release channels. Kilo, a fork of OpenCode, keeps its messages in a
 * database of the same shape, {@code kilo.db}: the same source with Kilo's name and folders reads it. Its
 * write-ahead and shared-memory files ({@code -wal}, {@code -shm}) are part of it, not logs. Counting rules:
 * docs/formats.md, "OpenCode" and "Kilo".
 */
public final class OpenCodeDatabaseSource implements Source {
    /** The agent's name, which is also its database's name ({@code <agent>.db}, {@code <agent>-<channel>.db}). */
    private final String agent;
    /** The variable that names the agent's data folders in place of the default. */
    private final String dataVariable;
    /** How the agent is called in messages. */
    private final String title;

    private OpenCodeDatabaseSource(String agent, String dataVariable, String title) {
        this.agent = agent;
        this.dataVariable = dataVariable;
        this.title = title;
    }

    /** OpenCode's {@code opencode.db}. */
    public static OpenCodeDatabaseSource openCode() {
        return new OpenCodeDatabaseSource("opencode", "OPENCODE_DATA_DIR", "OpenCode");
    }

    /** Kilo's {@code kilo.db} ({@code KILO_DATA_DIR}, else {@code ~/.local/share/kilo}). */
    public static OpenCodeDatabaseSource kilo() {
        return new OpenCodeDatabaseSource("kilo", "KILO_DATA_DIR", "Kilo");
    }

    @Override
    public String agent() {
        return agent;
    }

    /**
     * The databases in each of the agent's data folders ({@link OpenCodeSource#dataFolders}): those files, not the
     * folders, whose other contents (the older storage, file snapshots, logs) can be many thousands of files.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        List<Path> roots = new ArrayList<>();
        for (Path folder : OpenCodeSource.dataFolders(environment, home, dataVariable, agent)) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (DirectoryStream<Path> databases = Files.newDirectoryStream(folder, agent + "*.db")) {
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

    /** {@code <agent>.db}, or {@code <agent>-<channel>.db}, a channel of letters, digits, {@code -} and {@code _}. */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        if (name.equals(agent + ".db")) {
            return NameMatch.MINE;
        }
        String prefix = agent + "-";
        boolean channel = name.startsWith(prefix) && name.endsWith(".db")
                && name.length() > prefix.length() + ".db".length() && name.substring(prefix.length(),
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
        OpenCodeDatabase.writeLines(database, lines, title);
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new OpenCodeReader(rows, agent, true);
    }
}
