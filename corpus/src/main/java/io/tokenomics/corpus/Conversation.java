package io.tokenomics.corpus;

// One conversation: the main chain of a session, or a sidechain (sub-agent, compaction call, side question)

/** One conversation: the main chain of a session, or a sidechain (sub-agent, compaction call, side question). */
final class Conversation {
    final JsonlFile out;
    final boolean sidechain;
    final String agentId;
    final String sessionId;
    final String cwd;
    final String version;
    final String branch; // null: field absent (1.0.x files)
    final boolean legacy;
    String lastUuid;
    /** Tokens in the prompt cache after the previous request (0: nothing cached yet). */
    long cached;
    /** Tokens added to the context since the previous request: its output, tool results, prompts. */
    long pending;
    long compactAt;
    /** The time of the previous request, its model, and whether its last cache write was mostly 1-hour writes. */
    long lastRequestMs;
    String lastModel;
    boolean lastWrite1h;
    /** A memory file was edited or a skill loaded since the previous request: the cache is gone. */
    boolean cacheBroken;
    Conversation echoTo; // parent conversation that receives agent_progress copies of our assistant lines
    String echoToolId;
    String echoPrompt;

    Conversation(JsonlFile out, boolean sidechain, String agentId, Conversation like) {
        this(out, sidechain, agentId, like.sessionId, like.cwd, like.version, like.branch, like.legacy);
    }

    Conversation(JsonlFile out, boolean sidechain, String agentId, String sessionId, String cwd, String version,
            String branch, boolean legacy) {
        this.out = out;
        this.sidechain = sidechain;
        this.agentId = agentId;
        this.sessionId = sessionId;
        this.cwd = cwd;
        this.version = version;
        this.branch = branch;
        this.legacy = legacy;
    }
}

