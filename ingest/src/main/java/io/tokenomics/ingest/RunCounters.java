package io.tokenomics.ingest;

/** What one worker counted; merged once after the workers are done. Plain fields: one thread writes each. */
final class RunCounters {
    long lines;
    long blankLines;
    long bytes;
    long usageLines;
    long streamedLinesCollapsed;
    long turnCandidates;
    long assistantWithoutUsage;
    long truncatedTails;
    long codexInfoNull;
    long codexRepeatsSkipped;
    long codexCounterResets;
    /** Wall times of the phases of the run: set once by the run, never merged. */
    long discoverNanos;
    long scanNanos;
    long commitNanos;
    final long[] rejects = new long[ErrorCode.values().length];

    void add(RunCounters other) {
        lines += other.lines;
        blankLines += other.blankLines;
        bytes += other.bytes;
        usageLines += other.usageLines;
        streamedLinesCollapsed += other.streamedLinesCollapsed;
        turnCandidates += other.turnCandidates;
        assistantWithoutUsage += other.assistantWithoutUsage;
        truncatedTails += other.truncatedTails;
        codexInfoNull += other.codexInfoNull;
        codexRepeatsSkipped += other.codexRepeatsSkipped;
        codexCounterResets += other.codexCounterResets;
        for (int i = 0; i < rejects.length; i++) {
            rejects[i] += other.rejects[i];
        }
    }

    long totalRejects() {
        long total = 0;
        for (long r : rejects) {
            total += r;
        }
        return total;
    }
}
