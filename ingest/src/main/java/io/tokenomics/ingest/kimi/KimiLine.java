package io.tokenomics.ingest.kimi;

import io.tokenomics.ingest.json.StringView;

/**
 * The fields of one Kimi wire record that we keep, as views into the mapped line (docs/formats.md, "Kimi wire
 * files"): a Kimi Code {@code usage.record}, or a kimi-cli {@code StatusUpdate} with its {@code token_usage}, at the
 * top of the record or forwarded from a sub-agent inside {@code SubagentEvent}s. One instance per worker is refilled
 * for every line.
 */
final class KimiLine {
    /** The four counters of a usage object: uncached input, output, cache reads, cache writes. */
    static final class Usage {
        boolean present;
        long inputOther;
        long output;
        long cacheRead;
        long cacheCreation;

        void clear() {
            present = false;
            inputOther = 0;
            output = 0;
            cacheRead = 0;
            cacheCreation = 0;
        }
    }

    /** The top-level {@code type} of a Kimi Code record. */
    final StringView type = new StringView();
    final StringView model = new StringView();
    /** The sub-agent a Kimi Code record names. */
    final StringView agentId = new StringView();
    /** Kimi Code's top-level {@code usage}. */
    final Usage usage = new Usage();
    /** The time of the record in microseconds: Kimi Code's {@code time}, or kimi-cli's {@code timestamp}. */
    long micros;

    /** A {@code token_usage} of a {@code StatusUpdate}, and how deep in forwarding events it was (0: the record's). */
    final Usage statusUsage = new Usage();
    int statusDepth;
    /** Whether the message that holds {@link #statusUsage} is a {@code StatusUpdate}. */
    boolean isStatusUpdate;
    /** The response id of a {@code StatusUpdate}, and how deep it was. */
    final StringView messageId = new StringView();
    int messageIdDepth;
    /** The sub-agent of the innermost {@code SubagentEvent} that names one, and how deep it was. */
    final StringView subagentId = new StringView();
    int subagentDepth;

    void clear(long invalidTime) {
        type.clear();
        model.clear();
        agentId.clear();
        usage.clear();
        micros = invalidTime;
        statusUsage.clear();
        statusDepth = 0;
        isStatusUpdate = false;
        messageId.clear();
        messageIdDepth = -1;
        subagentId.clear();
        subagentDepth = -1;
    }
}
