package io.tokenomics.corpus;

/** Model names of the Claude sessions, the gateway model and the harness's placeholder. */
final class ClaudeModels {
    static final String SONNET_45 = "claude-sonnet-4-5-20250929";
    static final String OPUS_46 = "claude-opus-4-6";
    static final String HAIKU_45 = "claude-haiku-4-5-20251001";
    static final String SONNET_4 = "claude-sonnet-4-20250514";
    static final String SYNTHETIC = "<synthetic>";
    static final String GLM = "glm-4.6";

    private ClaudeModels() {
    }
}
