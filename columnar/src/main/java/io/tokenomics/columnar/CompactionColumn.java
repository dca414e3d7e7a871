package io.tokenomics.columnar;

/** Columns of {@code compactions}: one row per compaction boundary of a conversation. */
public enum CompactionColumn implements Column {
    AGENT(ColumnType.STRING),
    SESSION_ID(ColumnType.STRING),
    AGENT_ID(ColumnType.STRING),
    TS(ColumnType.TIMESTAMP),
    UUID(ColumnType.STRING),
    TRIGGER(ColumnType.STRING),
    PRE_TOKENS(ColumnType.INT64),
    FILE(ColumnType.STRING),
    LINE_OFFSET(ColumnType.INT64),
    HOST(ColumnType.STRING),
    USER(ColumnType.STRING);

    private final ColumnType type;

    CompactionColumn(ColumnType type) {
        this.type = type;
    }

    @Override
    public ColumnType type() {
        return type;
    }
}
