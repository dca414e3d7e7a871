package io.tokenomics.ingest.qwen;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Qwen Code's chats: {@code ~/.qwen/projects/<project>/chats/<session>.jsonl}, one record per line. Counting rules:
 * docs/formats.md, "Qwen Code chats".
 */
public final class QwenSource implements Source {
    @Override
    public String agent() {
        return "qwen";
    }

    /**
     * The {@code projects} folder of each entry of {@code QWEN_DATA_DIR} (comma-separated; it replaces the default),
     * else of {@code QWEN_RUNTIME_DIR}, where Qwen Code itself writes when it is set, else of {@code ~/.qwen}.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("QWEN_DATA_DIR");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()).resolve("projects"));
                }
            }
            return roots;
        }
        String runtime = environment.get("QWEN_RUNTIME_DIR");
        Path base = runtime == null || runtime.isBlank() ? home.resolve(".qwen")
                : runtime.equals("~") ? home
                : runtime.startsWith("~/") ? home.resolve(runtime.substring(2)) : Path.of(runtime);
        return List.of(base.resolve("projects"));
    }

    /** A chat is a {@code .jsonl} file in (or below) a {@code chats} folder of a project under {@code projects/}. */
    @Override
    public NameMatch nameMatch(LogName file) {
        if (!file.name().endsWith(".jsonl")) {
            return NameMatch.NOT_MINE;
        }
        for (int up = 0; up + 2 < file.folderCount(); up++) {
            if (file.folderIs(up, "chats") && file.folderIs(up + 2, "projects")) {
                return NameMatch.MINE;
            }
        }
        return NameMatch.NOT_MINE;
    }

    @Override
    public boolean headMatches(long address, int length) {
        return false;
    }

    @Override
    public boolean linesStandAlone() {
        return true;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new QwenReader(rows);
    }
}
