package io.tokenomics.ingest;

import io.tokenomics.ingest.json.ErrorCode;

/** What one worker counted; merged once after the workers are done. Plain fields: one thread writes each. */
final class RunCounters {
    long lines;
    long bytes;
    long usageLines;
    long truncatedTails;
    /** Wall times of the phases of the run: set once by the run, never merged. */
    long discoverNanos;
    long scanNanos;
    long commitNanos;
    final long[] rejects = new long[ErrorCode.values().length];

    void add(RunCounters other) {
        lines += other.lines;
        bytes += other.bytes;
        usageLines += other.usageLines;
        truncatedTails += other.truncatedTails;
        addRejects(other.rejects);
    }

    /** Adds rejects counted by {@link ErrorCode#ordinal()}. */
    void addRejects(long[] counts) {
        for (int i = 0; i < rejects.length; i++) {
            rejects[i] += counts[i];
        }
    }
}
