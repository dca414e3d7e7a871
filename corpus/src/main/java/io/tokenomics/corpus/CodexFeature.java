package io.tokenomics.corpus;

import java.util.EnumSet;

/**
 * Contents and defects. Codex session {@code k < values().length} is forced to carry feature {@code k}; later
 * ones draw them at random. A fork must follow a session that can be its parent.
 */
enum CodexFeature {
    MODEL_SWITCH(0.10), FORK(0.05), COUNTER_RESET(0.08), LAST_ONLY(0.05), ARCHIVED(0.03), TRUNCATED_TAIL(0.03),
    BARE_ERA(0.04), UNPRICED(0.03), COMPACTION(0.02), FORK_SAME_SECOND(0.03), FORK_MULTI_SECOND(0.03);

    /**
     * The ways a fork copies its parent's history: with the parent's timestamps, or re-stamped with the time of the
     * fork, in its first second or over several seconds.
     */
    static final EnumSet<CodexFeature> FORKS = EnumSet.of(FORK, FORK_SAME_SECOND, FORK_MULTI_SECOND);

    final double probability;

    CodexFeature(double probability) {
        this.probability = probability;
    }

    /** The way {@code set} forks, or null when it does not. */
    static CodexFeature forkOf(EnumSet<CodexFeature> set) {
        for (CodexFeature f : FORKS) {
            if (set.contains(f)) {
                return f;
            }
        }
        return null;
    }

    /** Whether a fork made this way stamps its copy of the parent's history with its own time. */
    static boolean restamps(CodexFeature fork) {
        return fork == FORK_SAME_SECOND || fork == FORK_MULTI_SECOND;
    }
}
