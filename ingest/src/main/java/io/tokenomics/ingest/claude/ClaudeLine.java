package io.tokenomics.ingest.claude;

import io.tokenomics.ingest.json.StringView;

/**
 * The fields of one transcript line that we keep, as views into the mapped line. One instance per worker is
 * refilled for every line; nothing in it outlives the mapping of its file.
 */
final class ClaudeLine {
    // Envelope.
    final StringView type = new StringView();
    final StringView sessionId = new StringView();
    final StringView timestamp = new StringView();
    final StringView cwd = new StringView();
    final StringView version = new StringView();
    final StringView gitBranch = new StringView();
    final StringView agentId = new StringView();
    final StringView uuid = new StringView();
    final StringView requestId = new StringView();
    final StringView subtype = new StringView();
    boolean isSidechain;
    boolean isMeta;
    boolean isCompactSummary;

    // message.
    boolean hasMessage;
    final StringView messageId = new StringView();
    final StringView model = new StringView();
    final StringView role = new StringView();
    final StringView stopReason = new StringView();

    // message.usage.
    boolean hasUsage;
    long inputTokens;
    long outputTokens;
    long cacheCreationTokens;
    long cacheRead;
    boolean hasCacheSplit;
    long cacheWrite5m;
    long cacheWrite1h;
    long webSearchRequests;
    final StringView serviceTier = new StringView();
    final StringView speed = new StringView();

    // message.content.
    boolean contentIsString;
    long contentStringChars;
    int textBlocks;
    long textChars;
    long thinkingChars;
    int toolUses;
    StringView[] toolUseIds = views(4);
    StringView[] toolNames = views(4);
    long[] toolInputBytes = new long[4];
    /** The input's {@code file_path}, else its {@code notebook_path}: absent when it names neither. */
    StringView[] toolTargets = views(4);
    /** The input's {@code command}. */
    StringView[] toolCommands = views(4);
    int toolResults;
    StringView[] toolResultIds = views(4);
    long[] toolResultBytes = new long[4];
    boolean[] toolResultErrors = new boolean[4];

    // compactMetadata.
    final StringView compactTrigger = new StringView();
    long compactPreTokens;

    void clear() {
        type.clear();
        sessionId.clear();
        timestamp.clear();
        cwd.clear();
        version.clear();
        gitBranch.clear();
        agentId.clear();
        uuid.clear();
        requestId.clear();
        subtype.clear();
        isSidechain = false;
        isMeta = false;
        isCompactSummary = false;
        hasMessage = false;
        messageId.clear();
        model.clear();
        role.clear();
        stopReason.clear();
        hasUsage = false;
        inputTokens = 0;
        outputTokens = 0;
        cacheCreationTokens = 0;
        cacheRead = 0;
        hasCacheSplit = false;
        cacheWrite5m = 0;
        cacheWrite1h = 0;
        webSearchRequests = 0;
        serviceTier.clear();
        speed.clear();
        contentIsString = false;
        contentStringChars = 0;
        textBlocks = 0;
        textChars = 0;
        thinkingChars = 0;
        toolUses = 0;
        toolResults = 0;
        compactTrigger.clear();
        compactPreTokens = 0;
    }

    /** Cache writes split by TTL: the {@code cache_creation} object when present, else all of them are 5 m. */
    long cacheWrite5mTokens() {
        return hasCacheSplit ? cacheWrite5m : cacheCreationTokens;
    }

    long cacheWrite1hTokens() {
        return hasCacheSplit ? cacheWrite1h : 0;
    }

    long totalTokens() {
        return inputTokens + outputTokens + cacheWrite5mTokens() + cacheWrite1hTokens() + cacheRead;
    }

    void addToolUse(StringView id, StringView name, long inputBytes, StringView target, StringView command) {
        if (toolUses == toolUseIds.length) {
            toolUseIds = grow(toolUseIds);
            toolNames = grow(toolNames);
            toolInputBytes = java.util.Arrays.copyOf(toolInputBytes, toolUses * 2);
            toolTargets = grow(toolTargets);
            toolCommands = grow(toolCommands);
        }
        toolUseIds[toolUses].copyFrom(id);
        toolNames[toolUses].copyFrom(name);
        toolInputBytes[toolUses] = inputBytes;
        toolTargets[toolUses].copyFrom(target);
        toolCommands[toolUses].copyFrom(command);
        toolUses++;
    }

    void addToolResult(StringView toolUseId, long bytes, boolean isError) {
        if (toolResults == toolResultIds.length) {
            toolResultIds = grow(toolResultIds);
            toolResultBytes = java.util.Arrays.copyOf(toolResultBytes, toolResults * 2);
            toolResultErrors = java.util.Arrays.copyOf(toolResultErrors, toolResults * 2);
        }
        toolResultIds[toolResults].copyFrom(toolUseId);
        toolResultBytes[toolResults] = bytes;
        toolResultErrors[toolResults] = isError;
        toolResults++;
    }

    /** Copies every field of {@code other}, views included: both then point into the same mapping. */
    void copyFrom(ClaudeLine other) {
        type.copyFrom(other.type);
        sessionId.copyFrom(other.sessionId);
        timestamp.copyFrom(other.timestamp);
        cwd.copyFrom(other.cwd);
        version.copyFrom(other.version);
        gitBranch.copyFrom(other.gitBranch);
        agentId.copyFrom(other.agentId);
        uuid.copyFrom(other.uuid);
        requestId.copyFrom(other.requestId);
        subtype.copyFrom(other.subtype);
        isSidechain = other.isSidechain;
        isMeta = other.isMeta;
        isCompactSummary = other.isCompactSummary;
        hasMessage = other.hasMessage;
        messageId.copyFrom(other.messageId);
        model.copyFrom(other.model);
        role.copyFrom(other.role);
        stopReason.copyFrom(other.stopReason);
        hasUsage = other.hasUsage;
        inputTokens = other.inputTokens;
        outputTokens = other.outputTokens;
        cacheCreationTokens = other.cacheCreationTokens;
        cacheRead = other.cacheRead;
        hasCacheSplit = other.hasCacheSplit;
        cacheWrite5m = other.cacheWrite5m;
        cacheWrite1h = other.cacheWrite1h;
        webSearchRequests = other.webSearchRequests;
        serviceTier.copyFrom(other.serviceTier);
        speed.copyFrom(other.speed);
        contentIsString = other.contentIsString;
        contentStringChars = other.contentStringChars;
        textBlocks = other.textBlocks;
        textChars = other.textChars;
        thinkingChars = other.thinkingChars;
        compactTrigger.copyFrom(other.compactTrigger);
        compactPreTokens = other.compactPreTokens;
        // Block lists are consumed per line and never carried over.
        toolUses = 0;
        toolResults = 0;
    }

    private static StringView[] views(int n) {
        StringView[] views = new StringView[n];
        for (int i = 0; i < n; i++) {
            views[i] = new StringView();
        }
        return views;
    }

    private static StringView[] grow(StringView[] old) {
        StringView[] grown = java.util.Arrays.copyOf(old, old.length * 2);
        for (int i = old.length; i < grown.length; i++) {
            grown[i] = new StringView();
        }
        return grown;
    }
}
