package io.tokenomics.ingest.opencode;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * OpenCode's message files, as its versions before the database kept them (they may stay beside it, copied into it):
 * {@code <data>/storage/message/<session>/<message>.json}, one message per file. The database is
 * {@link OpenCodeDatabaseSource}. Counting rules: docs/formats.md, "OpenCode".
 */
public final class OpenCodeSource implements Source {
    @Override
    public String agent() {
        return "opencode";
    }

    /** {@code storage/message} of each of OpenCode's data folders ({@link #dataFolders}). */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        List<Path> roots = new ArrayList<>();
        for (Path folder : dataFolders(environment, home)) {
            roots.add(folder.resolve("storage").resolve("message"));
        }
        return roots;
    }

    /**
     * Each entry of {@code OPENCODE_DATA_DIR} (comma-separated; it replaces the default), else
     * {@code $XDG_DATA_HOME/opencode}, else {@code ~/.local/share/opencode}.
     */
    static List<Path> dataFolders(Map<String, String> environment, Path home) {
        return dataFolders(environment, home, "OPENCODE_DATA_DIR", "opencode");
    }

    /**
     * Each entry of the variable {@code variable} (comma-separated; it replaces the default), else
     * {@code $XDG_DATA_HOME/<folder>}, else {@code ~/.local/share/<folder>}: where OpenCode, and Kilo (a fork of it),
     * keep their data.
     */
    static List<Path> dataFolders(Map<String, String> environment, Path home, String variable, String folder) {
        String configured = environment.get(variable);
        List<Path> folders = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    folders.add(Path.of(part.trim()));
                }
            }
            return folders;
        }
        String xdg = environment.get("XDG_DATA_HOME");
        Path data = xdg != null && !xdg.isBlank() ? Path.of(xdg.trim()) : home.resolve(".local").resolve("share");
        return List.of(data.resolve(folder));
    }

    /** A message file is a {@code .json} file below a {@code storage/message} folder. */
    @Override
    public NameMatch nameMatch(LogName file) {
        if (!file.name().endsWith(".json")) {
            return NameMatch.NOT_MINE;
        }
        return file.hasFolderIn("message", "storage") ? NameMatch.MINE : NameMatch.NOT_MINE;
    }

    @Override
    public boolean headMatches(long address, int length) {
        return false;
    }

    /** A message file is one JSON document, read whole. */
    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new OpenCodeReader(rows, "opencode", false);
    }
}
