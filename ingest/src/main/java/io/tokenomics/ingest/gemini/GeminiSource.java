package io.tokenomics.ingest.gemini;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Gemini CLI's chat sessions: {@code ~/.gemini/tmp/<project>/chats/session-*.json} (one JSON document per session,
 * older versions) and {@code session-*.jsonl} (a record per line, newer ones). Counting rules: docs/formats.md,
 * "Gemini CLI sessions".
 */
public final class GeminiSource implements Source {
    @Override
    public String agent() {
        return "gemini";
    }

    /** Each entry of {@code GEMINI_DATA_DIR} (comma-separated; it replaces the default), else {@code ~/.gemini/tmp}. */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("GEMINI_DATA_DIR");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()));
                }
            }
            return roots;
        }
        return List.of(home.resolve(".gemini").resolve("tmp"));
    }

    /** A session file is {@code session-*.json} or {@code session-*.jsonl} in a {@code chats} folder. */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        boolean sessionName = name.startsWith("session-") && (name.endsWith(".json") || name.endsWith(".jsonl"));
        return file.folderIs(0, "chats") && sessionName ? NameMatch.MINE : NameMatch.NOT_MINE;
    }

    @Override
    public boolean headMatches(long address, int length) {
        return false;
    }

    /** A session is one JSON document, or records of which a later copy of a message replaces an earlier one. */
    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new GeminiReader(rows);
    }
}
