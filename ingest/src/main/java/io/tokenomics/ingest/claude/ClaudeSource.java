package io.tokenomics.ingest.claude;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Claude Code's session transcripts: {@code <config dir>/projects/<project>/<session>.jsonl} and sub-agent files. */
public final class ClaudeSource implements Source {
    @Override
    public String agent() {
        return "claude";
    }

    /** Each entry of {@code CLAUDE_CONFIG_DIR} (comma-separated), else {@code ~/.config/claude} and {@code ~/.claude}.
     * */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        List<Path> roots = new ArrayList<>();
        String configured = environment.get("CLAUDE_CONFIG_DIR");
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()));
                }
            }
        } else {
            roots.add(home.resolve(".config").resolve("claude"));
            roots.add(home.resolve(".claude"));
        }
        return roots;
    }

    /** Any {@code .jsonl} file may be a transcript; one named as Claude Code names them is one. */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        if (!name.endsWith(".jsonl")) {
            return NameMatch.NOT_MINE;
        }
        String stem = name.substring(0, name.length() - ".jsonl".length());
        return stem.startsWith("agent-") || isUuid(stem) ? NameMatch.MINE : NameMatch.MAYBE;
    }

    /** The lenient reader of last resort: any JSON Lines file is read as a transcript, unknown lines skipped. */
    @Override
    public boolean headMatches(long address, int length) {
        return true;
    }

    @Override
    public boolean linesStandAlone() {
        return true;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new ClaudeReader(rows);
    }

    /** Session files are named by the session's UUID. */
    private static boolean isUuid(String stem) {
        if (stem.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = stem.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
