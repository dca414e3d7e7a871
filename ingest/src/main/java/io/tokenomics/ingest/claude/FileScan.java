package io.tokenomics.ingest.claude;

import io.tokenomics.ingest.Ingest;
import io.tokenomics.ingest.bytes.FileBytes;
import io.tokenomics.ingest.bytes.Newlines;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scans one file with the ingest scanner and extractor but builds no rows: it counts lines, usage records and
 * rejects and sums the usage counters. For benchmarks and for checking a file by hand; the ingest itself goes
 * through {@link Ingest}.
 */
public final class FileScan {
    /**
     * @param lines lines read
     * @param usageLines lines with a {@code message.usage} object
     * @param rejects lines that are not one JSON object
     * @param tokens the sum of input, output, cache write and cache read tokens over the usage lines
     * @param checksum a value that depends on every extracted field, so a benchmark cannot skip the work
     */
    public record Totals(long lines, long usageLines, long rejects, long tokens, long checksum) {
    }

    private final ClaudeLineParser parser = new ClaudeLineParser();
    private final ClaudeLine record = new ClaudeLine();

    /** Counts the lines of the file with the eight-bytes-at-a-time newline search. */
    public static long countLines(Path file) throws IOException {
        long size = Files.size(file);
        try (FileBytes mapped = FileBytes.open(file, size)) {
            mapped.cover(0, size);
            long base = mapped.address();
            long lines = 0;
            long position = 0;
            while (position < size) {
                long newline = Newlines.indexOf(base, position, size);
                lines++;
                position = newline < 0 ? size : newline + 1;
            }
            return lines;
        }
    }

    /** Extracts the kept fields of every line of the file. */
    public Totals extract(Path file) throws IOException {
        long size = Files.size(file);
        try (FileBytes mapped = FileBytes.open(file, size)) {
            mapped.cover(0, size);
            long base = mapped.address();
            long lines = 0;
            long usage = 0;
            long rejects = 0;
            long tokens = 0;
            long checksum = 0;
            long position = 0;
            while (position < size) {
                long newline = Newlines.indexOf(base, position, size);
                long end = newline < 0 ? size : newline;
                int outcome = parser.parse(base + position, base + end, record);
                lines++;
                if (outcome == ClaudeLineParser.REJECTED) {
                    rejects++;
                } else if (outcome == ClaudeLineParser.OK && record.hasUsage) {
                    usage++;
                    tokens += record.totalTokens();
                    checksum = checksum * 31 + record.messageId.length + record.model.length
                            + record.timestamp.length + record.sessionId.length + record.textChars
                            + record.thinkingChars + record.toolUses;
                }
                position = end + 1;
            }
            return new Totals(lines, usage, rejects, tokens, checksum);
        }
    }
}
