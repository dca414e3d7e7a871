package io.tokenomics.ingest.amp;

import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.LogName;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Amp's threads: {@code <data>/threads/T-<id>.json}, one JSON document per thread, rewritten as it goes on. Counting
 * rules: docs/formats.md, "Amp".
 */
public final class AmpSource implements Source {
    @Override
    public String agent() {
        return "amp";
    }

    /**
     * {@code threads} of each entry of {@code AMP_DATA_DIR} (comma-separated; it replaces the default), else of
     * {@code ~/.local/share/amp}.
     */
    @Override
    public List<Path> defaultRoots(Map<String, String> environment, Path home) {
        String configured = environment.get("AMP_DATA_DIR");
        List<Path> roots = new ArrayList<>();
        if (configured != null && !configured.isBlank()) {
            for (String part : configured.split(",")) {
                if (!part.isBlank()) {
                    roots.add(Path.of(part.trim()).resolve("threads"));
                }
            }
            return roots;
        }
        return List.of(home.resolve(".local").resolve("share").resolve("amp").resolve("threads"));
    }

    /** A thread is a file named {@code T-*.json} below a {@code threads} folder. */
    @Override
    public NameMatch nameMatch(LogName file) {
        String name = file.name();
        if (!name.startsWith("T-") || !name.endsWith(".json")) {
            return NameMatch.NOT_MINE;
        }
        for (int up = 0; up < file.folderCount(); up++) {
            if (file.folderIs(up, "threads")) {
                return NameMatch.MINE;
            }
        }
        return NameMatch.NOT_MINE;
    }

    @Override
    public boolean headMatches(long address, int length) {
        return false;
    }

    /** A thread is one JSON document, read whole. */
    @Override
    public boolean linesStandAlone() {
        return false;
    }

    @Override
    public LineReader newReader(RowSink rows) {
        return new AmpReader(rows);
    }
}
