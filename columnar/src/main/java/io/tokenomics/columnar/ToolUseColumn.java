package io.tokenomics.columnar;

/** Columns of {@code tool_uses}: one row per tool_use block of an assistant response. */
public enum ToolUseColumn implements Column {
    AGENT(ColumnType.STRING),
    SESSION_ID(ColumnType.STRING),
    AGENT_ID(ColumnType.STRING),
    MESSAGE_ID(ColumnType.STRING),
    TS(ColumnType.TIMESTAMP),
    TOOL_USE_ID(ColumnType.STRING),
    TOOL_NAME(ColumnType.STRING),
    INPUT_BYTES(ColumnType.INT64),
    FILE(ColumnType.STRING),
    LINE_OFFSET(ColumnType.INT64),
    HOST(ColumnType.STRING),
    USER(ColumnType.STRING);

    private final ColumnType type;

    ToolUseColumn(ColumnType type) {
        this.type = type;
    }

    @Override
    public ColumnType type() {
        return type;
    }
}
