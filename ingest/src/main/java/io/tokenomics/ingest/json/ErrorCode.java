package io.tokenomics.ingest.json;

/** Why a line could not be used. Each is counted in the summary and written to {@code rejects} with its position. */
public enum ErrorCode {
    /** Not JSON: a record cut off in the middle of a file, two records glued together, binary garbage. */
    MALFORMED,
    /** Valid JSON that is not an object ({@code 42}, {@code "text"}, {@code [1]}, {@code null}). */
    NOT_AN_OBJECT,
    /** A token counter that is not a whole number within 64 bits. */
    BAD_NUMBER,
    /** A usage record without a timestamp that can be read. */
    BAD_TIMESTAMP,
    /** Nesting deeper than the parser follows. */
    TOO_DEEP;

    /** The reason as written to the {@code rejects} table. */
    public String reason() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
