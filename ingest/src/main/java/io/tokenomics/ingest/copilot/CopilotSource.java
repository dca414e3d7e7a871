package io.tokenomics.ingest.copilot;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * GitHub Copilot CLI: its session state, {@code ${COPILOT_HOME:-~/.copilot}/session-state/<session>/events.jsonl},
 * and the span files of its OpenTelemetry export, {@code ~/.copilot/otel/*.jsonl} and
 * {@code $COPILOT_OTEL_FILE_EXPORTER_PATH}. Counting rules: docs/formats.md, "GitHub Copilot CLI".
 */
public final class CopilotSource implements Source {
    private static final String EVENTS = "events.jsonl";

    @Override
    public String agent() {
        return "copilot";
    }

    /** {@code session-state/} and {@code otel/} of the Copilot home, and the export file the environment names. */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        Path copilotHome = home(environment, home);
        List<Path> roots = new ArrayList<>(List.of(copilotHome.resolve("session-state"), copilotHome.resolve("otel")));
        String exportFile = environment.get("COPILOT_OTEL_FILE_EXPORTER_PATH");
        if (exportFile != null && !exportFile.isBlank()) {
            roots.add(Path.of(exportFile.trim()));
        }
        return roots;
    }

    /** {@code $COPILOT_HOME}, else {@code ~/.copilot}. */
    static Path home(Map<String, String> environment, Path home) {
        String configured = environment.get("COPILOT_HOME");
        return configured != null && !configured.isBlank() ? Path.of(configured.trim()) : home.resolve(".copilot");
    }

    /**
     * A session's {@code events.jsonl} in a folder under {@code session-state}, and the {@code .jsonl} files of an
     * {@code otel} folder, are Copilot's; another {@code .jsonl} file (a copy of a session kept elsewhere, an export
     * file named by the environment) is told by its first line.
     */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        if (name.equals(EVENTS) && file.folderIs(1, "session-state")) {
            return NameMatch.MINE;
        }
        if (name.endsWith(".jsonl") && file.folderIs(0, "otel")) {
            return NameMatch.MINE;
        }
        return name.endsWith(".jsonl") ? NameMatch.MAYBE : NameMatch.NOT_MINE;
    }

    /** A first line that is a session event ({@code "type": "session.…"}) or a span ({@code "type": "span"}). */
    @Override
    public boolean headMatches(long address, int length) {
        CopilotLine line = new CopilotLine();
        new CopilotLineParser().parse(address, address + length, line);
        String type = line.type.present ? line.type.toString() : "";
        return type.startsWith("session.") || type.equals("span");
    }

    /** A shutdown's totals are cumulative, and a span file's spans of one interval add up to one turn. */
    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new CopilotReader(rows);
    }
}
