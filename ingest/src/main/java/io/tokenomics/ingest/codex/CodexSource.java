package io.tokenomics.ingest.codex;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Codex CLI's rollouts: {@code ${CODEX_HOME:-~/.codex}/sessions/YYYY/MM/DD/rollout-<time>-<uuid>.jsonl} (also
 * zstd-compressed, {@code .jsonl.zst}) and {@code archived_sessions/}.
 */
public final class CodexSource implements Source {
    private static final byte[] SESSION_META = CodexLineParser.ascii("session_meta");
    private static final List<String> HOME_FOLDERS = List.of("sessions", "archived_sessions");

    @Override
    public String agent() {
        return "codex";
    }

    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("CODEX_HOME");
        Path codexHome = configured != null && !configured.isBlank() ? Path.of(configured) : home.resolve(".codex");
        return HOME_FOLDERS.stream().map(codexHome::resolve).toList();
    }

    @Override
    public List<String> nestedHomeFolders() {
        return HOME_FOLDERS;
    }

    /**
     * Rollouts are named {@code rollout-*.jsonl}, or {@code .jsonl.zst} when compressed (a plain sibling wins); other
     * {@code .jsonl} files (exports, test data) are told by their first line.
     */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        if (name.startsWith("rollout-") && name.endsWith(".jsonl")) {
            return NameMatch.MINE;
        }
        if (name.startsWith("rollout-") && name.endsWith(".jsonl.zst")) {
            boolean plainSibling = Files.exists(file.path().resolveSibling(name.substring(0, name.length() - 4)));
            return plainSibling ? NameMatch.NOT_MINE : NameMatch.MINE;
        }
        return name.endsWith(".jsonl") ? NameMatch.MAYBE : NameMatch.NOT_MINE;
    }

    /**
     * The first line's top-level keys decide, read by the rollout parser itself: a rollout line has a
     * {@code payload} envelope, while a Claude line that merely nests a {@code payload} somewhere is not one. A
     * bare-era rollout (no envelope) is left to the transcript reader: that era recorded no usage.
     */
    @Override
    public boolean headMatches(long address, int length) {
        CodexLine line = new CodexLine();
        new CodexLineParser().parse(address, address + length, line);
        return line.payloadType.present || line.type.equalsAscii(SESSION_META);
    }

    /** Counters are cumulative from a rollout's first line. */
    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new CodexReader(rows);
    }
}
