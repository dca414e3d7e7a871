package io.tokenomics.corpus;

/**
 * Contents and defects. Codex session {@code k < values().length} is forced to carry feature {@code k}; later
 * ones draw them at random. FORK must follow a session that can be its parent.
 */
enum CodexFeature {
    MODEL_SWITCH(0.10), FORK(0.05), COUNTER_RESET(0.08), LAST_ONLY(0.05), ARCHIVED(0.03), TRUNCATED_TAIL(0.03),
    BARE_ERA(0.04), UNPRICED(0.03), COMPACTION(0.02);

    final double probability;

    CodexFeature(double probability) {
        this.probability = probability;
    }
}
