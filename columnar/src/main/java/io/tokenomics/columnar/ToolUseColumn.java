package io.tokenomics.columnar;

/**
 * Columns of {@code tool_uses}: one row per tool_use block of an assistant response. Of its input only what the
 * reports need is kept (docs/formats.md, "What a tool call's input leaves"): a hash of the target file's path and
 * whether it is a memory file, a shell command's program word and git's subcommand word.
 */
public enum ToolUseColumn implements Column {
    AGENT(ColumnType.STRING),
    SESSION_ID(ColumnType.STRING),
    AGENT_ID(ColumnType.STRING),
    MESSAGE_ID(ColumnType.STRING),
    TS(ColumnType.TIMESTAMP),
    TOOL_USE_ID(ColumnType.STRING),
    TOOL_NAME(ColumnType.STRING),
    INPUT_BYTES(ColumnType.INT64),
    TARGET_PATH_HASH(ColumnType.INT64),
    TARGET_IS_MEMORY_FILE(ColumnType.BOOL),
    PROGRAM(ColumnType.STRING),
    GIT_SUBCOMMAND(ColumnType.STRING),
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
