package io.tokenomics.ingest.json;

/** Why a line could not be used. Each is counted in the summary and written to {@code rejects} with its position. */
public enum ErrorCode {
    /** Not JSON: a record cut off in the middle of a file, two records glued together, binary garbage. */
    MALFORMED,
    /** Valid JSON that is not an object ({@code 42}, {@code "text"}, {@code [1]}, {@code null}). */
    NOT_AN_OBJECT,
    /**
     * A token counter that is not a whole number from 0 to {@link JsonCursor#MAX_COUNT}: a string, a boolean, an
     * object or array, a fraction, a negative number, or one beyond the bound.
     */
    BAD_USAGE,
    /** A usage record without a timestamp that can be read, or one outside {@link Timestamps#EARLIEST} to
     * {@link Timestamps#LATEST}. */
    BAD_TIMESTAMP,
    /** Nesting deeper than the parser follows. */
    TOO_DEEP;

    /** The reason as written to the {@code rejects} table. */
    public String reason() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
