package io.tokenomics.columnar;

/** Columns of {@code tool_results}: one row per tool_result block of a user line. */
public enum ToolResultColumn implements Column {
    AGENT(ColumnType.STRING),
    SESSION_ID(ColumnType.STRING),
    AGENT_ID(ColumnType.STRING),
    TS(ColumnType.TIMESTAMP),
    TOOL_USE_ID(ColumnType.STRING),
    RESULT_BYTES(ColumnType.INT64),
    IS_ERROR(ColumnType.BOOL),
    FILE(ColumnType.STRING),
    LINE_OFFSET(ColumnType.INT64),
    HOST(ColumnType.STRING),
    USER(ColumnType.STRING);

    private final ColumnType type;

    ToolResultColumn(ColumnType type) {
        this.type = type;
    }

    @Override
    public ColumnType type() {
        return type;
    }
}
