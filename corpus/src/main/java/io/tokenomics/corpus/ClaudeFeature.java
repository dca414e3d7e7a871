package io.tokenomics.corpus;

import static io.tokenomics.corpus.ClaudeModels.SYNTHETIC;

/**
 * Special contents and defects. Session {@code i < values().length} is forced to carry feature {@code i}, so
 * every corpus of at least that many sessions has each one at least once; later sessions draw them at random.
 * RESUMED_COPY must not be first: it copies history of the session before it.
 */
enum ClaudeFeature {
    BOM(0.006), CRLF(0.006), TRUNCATED_TAIL(0.008),
    // extra lines inserted in the middle of a main file
    BLANK_LINES(0.006), NOT_OBJECTS(0.004), CUT_RECORD(0.004), GLUED_RECORDS(0.004), UNKNOWN_TYPE(0.01),
    NO_MESSAGE_ID(0.004),
    // quirks of one response that still counts
    INVALID_UTF8(0.006), ODD_ESCAPES(0.006), PRETTY_SPACING(0.004), REORDERED_FIELDS(0.004),
    NULL_COUNTER(0.006), NO_TYPE(0.004), NO_REQUEST_ID(0.01), HUGE_LINE(0.003),
    // duplicates across files
    RESUMED_COPY(0.35), SIDECHAIN_REPLAY(0.01),
    // legitimate but rare content, forced once so small corpora have it
    SYNTHETIC(0.03), GLM_TURNS(0.01), SUBAGENT(0.0), COMPACTION(0.0), LONG_CONTEXT(0.0), MIDNIGHT(0.04),
    LEGACY(0.12);

    final double probability;

    ClaudeFeature(double probability) {
        this.probability = probability;
    }
}
