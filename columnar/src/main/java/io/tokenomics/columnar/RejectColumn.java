package io.tokenomics.columnar;

/** Columns of {@code rejects}: one row per line that could not be used, with where it is and why. */
public enum RejectColumn implements Column {
    FILE(ColumnType.STRING),
    LINE_NO(ColumnType.INT64),
    BYTE_OFFSET(ColumnType.INT64),
    REASON(ColumnType.STRING),
    /** The line's length in bytes. */
    LENGTH(ColumnType.INT64),
    /** Its structure without its text: known keys by name, other keys and every value by kind and length. */
    SHAPE(ColumnType.STRING),
    /** Its first bytes, only when the user asked for them (they may hold prompts or secrets); else NULL. */
    SAMPLE(ColumnType.STRING),
    HOST(ColumnType.STRING),
    USER(ColumnType.STRING);

    private final ColumnType type;

    RejectColumn(ColumnType type) {
        this.type = type;
    }

    @Override
    public ColumnType type() {
        return type;
    }
}
