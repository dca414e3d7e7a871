package io.tokenomics.ingest.codebuff;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Codebuff's chats (github.com/CodebuffAI/codebuff, formerly Manicode):
 * {@code ~/.config/manicode/projects/<project>/chats/<chat>/chat-messages.json}, and the same under its development
 * and staging channels' folders. Counting rules: docs/formats.md, "Codebuff".
 */
public final class CodebuffSource implements Source {
    private static final String CHAT = "chat-messages.json";
    private static final List<String> CHANNELS = List.of("manicode", "manicode-dev", "manicode-staging");

    @Override
    public String agent() {
        return "codebuff";
    }

    /**
     * The {@code projects} folder of each entry of {@code CODEBUFF_DATA_DIR} (comma-separated, ccusage's setting; it
     * replaces the defaults; an entry that is a {@code projects} folder is taken as it is), else of
     * {@code ~/.config/manicode}, {@code manicode-dev} and {@code manicode-staging}.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("CODEBUFF_DATA_DIR");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    Path root = Path.of(part.trim());
                    boolean projects = root.getFileName() != null && root.getFileName().toString().equals("projects");
                    roots.add(projects ? root : root.resolve("projects"));
                }
            }
            return roots;
        }
        for (String channel : CHANNELS) {
            roots.add(home.resolve(".config").resolve(channel).resolve("projects"));
        }
        return roots;
    }

    /** A chat is a file named {@code chat-messages.json}. */
    @Override
    public NameMatch nameMatch(LogName file) {
        return file.name().equals(CHAT) ? NameMatch.MINE : NameMatch.NOT_MINE;
    }

    @Override
    public boolean headMatches(long address, int length) {
        return false;
    }

    /** A chat is one JSON document, read whole. */
    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new CodebuffReader(rows);
    }
}
