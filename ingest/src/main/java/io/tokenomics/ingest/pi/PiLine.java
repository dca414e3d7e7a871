package io.tokenomics.ingest.pi;

import io.tokenomics.ingest.json.StringView;

/**
 * The fields of one line of a pi session file that we keep, as views into the mapped line (docs/formats.md, "pi and
 * OpenClaw"). One instance per worker is refilled for every line.
 */
final class PiLine {
    /** The entry's {@code type}: {@code message}, {@code model_change}, {@code custom}, {@code session}, .... */
    final StringView type = new StringView();
    /** The entry's {@code timestamp}, an ISO time. */
    final StringView timestamp = new StringView();
    /** {@code customType} of a {@code custom} entry ({@code model-snapshot} names a model). */
    final StringView customType = new StringView();
    /** A model change's {@code modelId} (else {@code model}), at the top or in its {@code data}. */
    final StringView changedModel = new StringView();
    final StringView role = new StringView();
    /** The message's {@code modelId}, else its {@code model}. */
    final StringView model = new StringView();
    /** The message's own {@code timestamp}: milliseconds since the epoch, or an ISO time. */
    final StringView messageTime = new StringView();
    boolean messageTimeIsNumber;
    /** {@code usage.cost.total}, the agent's own figure in dollars, as the number's text. */
    final StringView cost = new StringView();

    /** Whether the message has a {@code usage} object. */
    boolean hasUsage;
    long input;
    long output;
    long cacheRead;
    long cacheWrite;
    long total;

    void clear() {
        type.clear();
        timestamp.clear();
        customType.clear();
        changedModel.clear();
        role.clear();
        model.clear();
        messageTime.clear();
        messageTimeIsNumber = false;
        cost.clear();
        hasUsage = false;
        input = 0;
        output = 0;
        cacheRead = 0;
        cacheWrite = 0;
        total = 0;
    }
}
