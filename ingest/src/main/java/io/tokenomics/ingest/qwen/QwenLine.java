package io.tokenomics.ingest.qwen;

import io.tokenomics.ingest.json.StringView;

/**
 * The fields of one Qwen Code chat record that we keep, as views into the mapped line (docs/formats.md, "Qwen Code
 * chats"). One instance per worker is refilled for every line.
 */
final class QwenLine {
    final StringView type = new StringView();
    final StringView uuid = new StringView();
    final StringView sessionId = new StringView();
    final StringView timestamp = new StringView();
    final StringView model = new StringView();
    final StringView cwd = new StringView();
    final StringView version = new StringView();
    final StringView gitBranch = new StringView();
    final StringView agentId = new StringView();
    boolean isSidechain;

    /** Whether {@code usageMetadata} holds at least one of the counters below. */
    boolean hasUsage;
    /** The whole prompt, cached tokens included. */
    long prompt;
    long candidates;
    long thoughts;
    long cached;
    long toolUsePrompt;
    boolean hasTotal;
    long total;

    void clear() {
        type.clear();
        uuid.clear();
        sessionId.clear();
        timestamp.clear();
        model.clear();
        cwd.clear();
        version.clear();
        gitBranch.clear();
        agentId.clear();
        isSidechain = false;
        hasUsage = false;
        prompt = 0;
        candidates = 0;
        thoughts = 0;
        cached = 0;
        toolUsePrompt = 0;
        hasTotal = false;
        total = 0;
    }
}
