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
 * OpenClaw's transcripts, which it writes in pi's session format (it is built on pi's agent):
 * {@code ~/.openclaw/agents/<agent>/sessions/<session>.jsonl}, and the copies it keeps of a session deleted or reset,
 * {@code <session>.jsonl.deleted.<time>} and {@code <session>.jsonl.reset.<time>}. Its earlier names (clawdbot,
 * moltbot, moldbot) kept the same layout in their own folders. Counting rules: docs/formats.md, "pi and OpenClaw".
 */
public final class OpenClawSource implements Source {
    private static final List<String> HOMES = List.of(".openclaw", ".clawdbot", ".moltbot", ".moldbot");

    @Override
    public String agent() {
        return "openclaw";
    }

    /**
     * The {@code agents} folder of each entry of {@code OPENCLAW_DIR} (comma-separated; it replaces the defaults),
     * else of {@code ~/.openclaw}, {@code ~/.clawdbot}, {@code ~/.moltbot} and {@code ~/.moldbot}: the rest of those
     * folders (a workspace, its repositories) holds no transcripts.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("OPENCLAW_DIR");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()).resolve("agents"));
                }
            }
            return roots;
        }
        for (String folder : HOMES) {
            roots.add(home.resolve(folder).resolve("agents"));
        }
        return roots;
    }

    /**
     * A transcript, or an archived copy of one, in the {@code sessions} folder of an agent under {@code agents/}.
     */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        int extension = name.indexOf(".jsonl");
        if (extension <= 0) {
            return NameMatch.NOT_MINE;
        }
        String suffix = name.substring(extension);
        boolean transcript = suffix.equals(".jsonl") || suffix.startsWith(".jsonl.deleted.")
                || suffix.startsWith(".jsonl.reset.");
        boolean placed = file.folderIs(0, "sessions") && file.folderIs(2, "agents");
        return transcript && placed ? NameMatch.MINE : NameMatch.NOT_MINE;
    }

    @Override
    public boolean headMatches(long address, int length) {
        return false;
    }

    /** A message without a model takes the last model change's: a file is read whole, in order. */
    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new PiReader(rows, "openclaw", true);
    }
}
