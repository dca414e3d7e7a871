package io.tokenomics.ingest.pi;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * pi's session files (github.com/badlogic/pi-mono, its coding agent): {@code ~/.pi/agent/sessions/<project>/
 * <time>_<session>.jsonl}, one entry per line, appended. Counting rules: docs/formats.md, "pi and OpenClaw".
 */
public final class PiSource implements Source {
    @Override
    public String agent() {
        return "pi";
    }

    /**
     * Each entry of {@code PI_AGENT_DIR} (comma-separated sessions folders, ccusage's setting; it replaces the
     * default), else the {@code sessions} folder of {@code PI_CODING_AGENT_DIR} (pi's own setting), else
     * {@code ~/.pi/agent/sessions}.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("PI_AGENT_DIR");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()));
                }
            }
            return roots;
        }
        String agentDir = environment.get("PI_CODING_AGENT_DIR");
        Path base = agentDir != null && !agentDir.isBlank() ? Path.of(agentDir.trim()) : home.resolve(".pi/agent");
        return List.of(base.resolve("sessions"));
    }

    /**
     * A session file is named by its start time, with {@code :} and {@code .} made {@code -}, and its session:
     * {@code 2026-01-02T03-04-05-678Z_<session>.jsonl}.
     */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        String pattern = "dddd-dd-ddTdd-dd-dd-dddZ_";
        if (!name.endsWith(".jsonl") || name.length() <= pattern.length() + ".jsonl".length()) {
            return NameMatch.NOT_MINE;
        }
        for (int i = 0; i < pattern.length(); i++) {
            char expected = pattern.charAt(i);
            char c = name.charAt(i);
            if (expected == 'd' ? c < '0' || c > '9' : c != expected) {
                return NameMatch.NOT_MINE;
            }
        }
        return NameMatch.MINE;
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
        return new PiReader(rows, "pi", false);
    }
}
