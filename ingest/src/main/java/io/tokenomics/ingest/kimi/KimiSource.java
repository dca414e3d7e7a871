package io.tokenomics.ingest.kimi;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The wire files of Kimi Code ({@code ~/.kimi-code/sessions/<workspace>/<session>/agents/<agent>/wire.jsonl}) and of
 * kimi-cli ({@code ~/.kimi/sessions/<work dir>/<session>/wire.jsonl}, a sub-agent's in
 * {@code <session>/subagents/<id>/}). Counting rules: docs/formats.md, "Kimi wire files".
 */
public final class KimiSource implements Source {
    private static final String WIRE = "wire.jsonl";
    /** The folders Kimi Code and kimi-cli keep their sessions in, by default. */
    private static final List<String> HOMES = List.of(".kimi", ".kimi-code");

    @Override
    public String agent() {
        return "kimi";
    }

    /**
     * The {@code sessions} folder of each entry of {@code KIMI_DATA_DIR} (comma-separated; it replaces the
     * defaults), else of {@code KIMI_SHARE_DIR} (kimi-cli's own setting) or {@code ~/.kimi}, and of
     * {@code ~/.kimi-code}.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("KIMI_DATA_DIR");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()).resolve("sessions"));
                }
            }
            return roots;
        }
        String share = environment.get("KIMI_SHARE_DIR");
        roots.add((share == null || share.isBlank() ? home.resolve(".kimi") : Path.of(share)).resolve("sessions"));
        roots.add(home.resolve(".kimi-code").resolve("sessions"));
        return roots;
    }

    /**
     * A wire file is named {@code wire.jsonl}. The other JSON Lines of a session under {@code ~/.kimi} or
     * {@code ~/.kimi-code} (kimi-cli's {@code context.jsonl}, the conversation as the model sees it) hold no usage.
     */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        if (name.equals(WIRE)) {
            return NameMatch.MINE;
        }
        if (!name.endsWith(".jsonl")) {
            return NameMatch.NOT_MINE;
        }
        for (String home : HOMES) {
            if (file.hasFolderIn("sessions", home)) {
                return NameMatch.NOT_A_LOG;
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
        return new KimiReader(rows);
    }
}
