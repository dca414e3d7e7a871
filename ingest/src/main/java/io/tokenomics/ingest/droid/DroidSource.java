package io.tokenomics.ingest.droid;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Factory Droid's sessions: {@code ~/.factory/sessions/<project>/<session>.settings.json}, the session's settings
 * and its token counts so far, beside {@code <session>.jsonl}, its messages. Counting rules: docs/formats.md,
 * "Factory Droid sessions".
 */
public final class DroidSource implements Source {
    private static final String SETTINGS = ".settings.json";

    @Override
    public String agent() {
        return "droid";
    }

    /** Each entry of {@code DROID_SESSIONS_DIR} (comma-separated; it replaces the default), else the default. */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("DROID_SESSIONS_DIR");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()));
                }
            }
            return roots;
        }
        return List.of(home.resolve(".factory").resolve("sessions"));
    }

    /**
     * A session's tokens are in {@code <session>.settings.json}. Its messages ({@code <session>.jsonl} under
     * {@code ~/.factory/sessions}) carry none, and are no transcript of another agent.
     */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        if (name.endsWith(SETTINGS) && name.length() > SETTINGS.length()) {
            return NameMatch.MINE;
        }
        if (!name.endsWith(".jsonl")) {
            return NameMatch.NOT_MINE;
        }
        return file.hasFolderIn("sessions", ".factory") ? NameMatch.NOT_A_LOG : NameMatch.NOT_MINE;
    }

    @Override
    public boolean headMatches(long address, int length) {
        return false;
    }

    /** A settings file is one JSON document, written again whole as the session goes on. */
    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new DroidReader(rows);
    }
}
