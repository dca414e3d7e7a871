package io.tokenomics.corpus;

/** A pre-rendered content block; tool_use blocks also remember what the tool result needs. */
record ContentBlock(byte[] json, String toolId, String tool, String detail) {
    boolean isTool() {
        return toolId != null;
    }
}
