package io.tokenomics.corpus;

/**
 * What a Copilot CLI session of a generated corpus holds. Session {@code k < values().length} is forced to carry
 * feature {@code k}; later ones draw them at random.
 */
enum CopilotFeature {
    /** Resumed once or twice: one shutdown per process, each with the session's totals so far. */
    RESUMED(0.35),
    /** The OpenTelemetry file export is on: a chat span per model call, beside tool and agent spans and metrics. */
    SPANS(0.5),
    /** The last process has not shut down (still running, or killed): only its spans show its calls. */
    LIVE(0.2),
    /** An earlier checkpoint of the session, up to its first shutdown, kept in a second folder. */
    CHECKPOINT_COPY(0.1),
    /** Two models in one session. */
    MODEL_SWITCH(0.3),
    /** The one-million-token variant: {@code -1m} in the session state, {@code -1m-internal} in the spans. */
    ONE_MILLION(0.15),
    /** Spans only: the session's state is gone (or was written on another machine). */
    NO_STATE(0.1),
    /** A line cut in the middle of the session's events. */
    CUT_LINE(0.05);

    final double probability;

    CopilotFeature(double probability) {
        this.probability = probability;
    }
}
