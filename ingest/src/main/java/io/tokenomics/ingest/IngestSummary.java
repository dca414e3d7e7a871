package io.tokenomics.ingest;

import io.tokenomics.ingest.json.ErrorCode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an ingest did, for the closing summary line.
 *
 * @param filesSeen transcript files discovered
 * @param filesRead files with new bytes this run
 * @param lines lines read
 * @param bytes bytes read
 * @param seconds wall time of the run
 * @param discoverSeconds of which listing files and comparing them with the manifest
 * @param scanSeconds the parallel scan, with the staging writes overlapped with it
 * @param commitSeconds the merge with the committed tables, the global dedup and the commit
 * @param usageLines usage records read (all lines of every response)
 * @param turnsAdded turns the dataset holds now less those it held before
 * @param turnsTotal turns the dataset holds now
 * @param rejects rejected lines by reason
 * @param truncatedTails unfinished last lines left for the next run
 * @param problems files or folders that could not be read
 * @param filesReadAgain files read again from their start (rewritten, shrunk, a grown rollout), whose earlier rows
 *         stay but for those the new reading replaced
 */
public record IngestSummary(long filesSeen, long filesRead, long lines, long bytes, double seconds,
        double discoverSeconds, double scanSeconds, double commitSeconds, long usageLines, long turnsAdded,
        long turnsTotal, Map<String, Long> rejects, long truncatedTails, List<String> problems, long filesReadAgain) {

    /** The summary of a run that started at {@code startedNanos}, from what its workers counted. */
    static IngestSummary of(long filesSeen, long filesRead, RunCounters c, long turnsBefore, long turnsAfter,
            List<String> problems, long filesReadAgain, long startedNanos) {
        Map<String, Long> rejects = new java.util.LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (c.rejects[code.ordinal()] > 0) {
                rejects.put(code.reason(), c.rejects[code.ordinal()]);
            }
        }
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        return new IngestSummary(filesSeen, filesRead, c.lines, c.bytes, seconds, c.discoverNanos / 1e9,
                c.scanNanos / 1e9, c.commitNanos / 1e9, c.usageLines, turnsAfter - turnsBefore, turnsAfter, rejects,
                c.truncatedTails, List.copyOf(problems), filesReadAgain);
    }

    public long totalRejects() {
        long total = 0;
        for (long n : rejects.values()) {
            total += n;
        }
        return total;
    }

    /** Where the time went, for {@code --debug} and the benchmarks. */
    public String phases() {
        return String.format(Locale.ROOT, "discover %.3f s, scan %.3f s, commit %.3f s", discoverSeconds, scanSeconds,
                commitSeconds);
    }

    /** Usage lines that did not become a new turn: streamed copies of a response, and responses seen before. */
    public long duplicatesMerged() {
        return Math.max(0, usageLines - turnsAdded);
    }

    /** The one closing line: files, lines, MB, MB/s, turns kept, duplicates merged, rejects by reason. */
    public String line() {
        double megabytes = bytes / 1e6;
        StringBuilder s = new StringBuilder();
        s.append(String.format("ingested %,d of %,d files: %,d lines, %.1f MB in %.2f s (%.0f MB/s); ",
                filesRead, filesSeen, lines, megabytes, seconds, seconds > 0 ? megabytes / seconds : 0));
        s.append(String.format("%,d turns added (%,d in total), %,d duplicates merged; ", turnsAdded, turnsTotal,
                duplicatesMerged()));
        if (rejects.isEmpty()) {
            s.append("0 rejects");
        } else {
            s.append(String.format("%,d rejects (", totalRejects()));
            boolean first = true;
            for (Map.Entry<String, Long> e : rejects.entrySet()) {
                s.append(first ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue());
                first = false;
            }
            s.append(')');
        }
        if (truncatedTails > 0) {
            s.append(String.format("; %,d unfinished last lines left for the next run", truncatedTails));
        }
        if (filesReadAgain > 0) {
            s.append(String.format("; %,d %s rewritten, shrunk or grown from the start, read again: earlier rows kept",
                    filesReadAgain, filesReadAgain == 1 ? "file" : "files"));
        }
        return s.toString();
    }
}
