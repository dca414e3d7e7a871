package io.tokenomics.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Nothing to report: no transcript under the roots searched, or a dataset without turns. Reported with where
 * tokenomics looked and how to point it elsewhere, and exit code 1, so that no data never reads as no spend.
 */
final class NoDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NoDataException(String message) {
        super(message);
    }

    /** No transcript under the default roots: each root, whether it exists, and the ways to name others. */
    static NoDataException noTranscripts(List<Path> roots) {
        StringBuilder s = new StringBuilder("no transcripts found. Looked in:");
        for (Path root : roots) {
            Path absolute = root.toAbsolutePath().normalize();
            s.append(System.lineSeparator()).append("  ").append(absolute)
                    .append(Files.exists(absolute) ? " (no transcripts)" : " (missing)");
        }
        s.append(System.lineSeparator()).append("Point tokenomics elsewhere with the variable each agent honours "
                + "(CLAUDE_CONFIG_DIR=DIR[,DIR...] for Claude Code, CODEX_HOME=DIR for Codex, GEMINI_DATA_DIR, ...: "
                + "docs/usage.md), or read a folder or file with: tokenomics ingest PATH");
        return new NoDataException(s.toString());
    }
}
