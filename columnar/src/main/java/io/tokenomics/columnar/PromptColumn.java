package io.tokenomics.columnar;

/** Columns of {@code prompts}: one row per human prompt (not a tool result, not injected meta text). */
public enum PromptColumn implements Column {
    AGENT(ColumnType.STRING),
    SESSION_ID(ColumnType.STRING),
    AGENT_ID(ColumnType.STRING),
    TS(ColumnType.TIMESTAMP),
    UUID(ColumnType.STRING),
    CHARS(ColumnType.INT64),
    FILE(ColumnType.STRING),
    LINE_OFFSET(ColumnType.INT64),
    HOST(ColumnType.STRING),
    USER(ColumnType.STRING);

    private final ColumnType type;

    PromptColumn(ColumnType type) {
        this.type = type;
    }

    @Override
    public ColumnType type() {
        return type;
    }
}
