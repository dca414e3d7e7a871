package io.tokenomics.ingest.codex;

import io.tokenomics.ingest.json.StringView;

/**
 * The fields of one Codex rollout line that we keep, as views into the mapped line (docs/formats.md, "Rollout
 * fields"): the envelope, the session meta, the model of a turn context, and the counters of a {@code token_count}
 * event.
 */
final class CodexLine {
    /** The five counters of a Codex token object; cached and reasoning are parts of input and output. */
    static final class Usage {
        boolean present;
        long input;
        long cached;
        long output;
        long reasoning;
        long total;

        void clear() {
            present = false;
            input = 0;
            cached = 0;
            output = 0;
            reasoning = 0;
            total = 0;
        }

        void copyFrom(Usage other) {
            present = other.present;
            input = other.input;
            cached = other.cached;
            output = other.output;
            reasoning = other.reasoning;
            total = other.total;
        }

        boolean sameAs(Usage other) {
            return input == other.input && cached == other.cached && output == other.output
                    && reasoning == other.reasoning && total == other.total;
        }

        /** Whether any counter went down since {@code previous}: a new process or a rollback reset them. */
        boolean anyBelow(Usage previous) {
            return input < previous.input || cached < previous.cached || output < previous.output
                    || reasoning < previous.reasoning || total < previous.total;
        }
    }

    final StringView type = new StringView();
    final StringView timestamp = new StringView();
    final StringView payloadType = new StringView();
    final StringView id = new StringView();
    final StringView cwd = new StringView();
    final StringView model = new StringView();
    final StringView payloadTimestamp = new StringView();
    final StringView cliVersion = new StringView();
    boolean hasParent;
    /** A {@code task_started} event's {@code started_at}, in seconds since the epoch; -1 when absent. */
    long startedAt;
    boolean infoIsObject;
    final Usage total = new Usage();
    final Usage last = new Usage();

    void clear() {
        type.clear();
        timestamp.clear();
        payloadType.clear();
        id.clear();
        cwd.clear();
        model.clear();
        payloadTimestamp.clear();
        cliVersion.clear();
        hasParent = false;
        startedAt = -1;
        infoIsObject = false;
        total.clear();
        last.clear();
    }
}
