package io.tokenomics.columnar;

/** Columns of {@code files}: one row per transcript file ever ingested. */
public enum FileColumn implements Column {
    PATH(ColumnType.STRING),
    SIZE(ColumnType.INT64),
    MTIME(ColumnType.TIMESTAMP),
    INGESTED_BYTES(ColumnType.INT64),
    LINES(ColumnType.INT64),
    REJECTS(ColumnType.INT64),
    RUN_ID(ColumnType.STRING),
    HOST(ColumnType.STRING),
    USER(ColumnType.STRING);

    private final ColumnType type;

    FileColumn(ColumnType type) {
        this.type = type;
    }

    @Override
    public ColumnType type() {
        return type;
    }
}
