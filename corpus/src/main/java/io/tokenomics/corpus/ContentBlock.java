package io.tokenomics.corpus;

/**
 * A pre-rendered content block; tool_use blocks also remember what the tool result needs, and whether the call
 * breaks the session's prompt cache (an edit of a memory file, a skill load: docs/usage.md, cache causes).
 */
record ContentBlock(byte[] json, String toolId, String tool, String detail, boolean breaksCache) {
    ContentBlock(byte[] json) {
        this(json, null, null, null, false);
    }

    boolean isTool() {
        return toolId != null;
    }
}
