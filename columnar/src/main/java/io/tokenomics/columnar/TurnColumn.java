package io.tokenomics.columnar;

import static io.tokenomics.columnar.ColumnType.BOOL;
import static io.tokenomics.columnar.ColumnType.FLOAT64;
import static io.tokenomics.columnar.ColumnType.INT64;
import static io.tokenomics.columnar.ColumnType.STRING;
import static io.tokenomics.columnar.ColumnType.TIMESTAMP;

/** Columns of {@code turns}: one row per API response after deduplication (docs/architecture.md, "The dataset"). */
public enum TurnColumn implements Column {
    AGENT(STRING),
    PROJECT(STRING),
    CWD(STRING),
    SESSION_ID(STRING),
    AGENT_ID(STRING),
    IS_SIDECHAIN(BOOL),
    FILE(STRING),
    LINE_OFFSET(INT64),
    TS(TIMESTAMP),
    MESSAGE_ID(STRING),
    REQUEST_ID(STRING),
    MODEL(STRING),
    INPUT_TOKENS(INT64),
    OUTPUT_TOKENS(INT64),
    CACHE_WRITE_5M_TOKENS(INT64),
    CACHE_WRITE_1H_TOKENS(INT64),
    CACHE_READ_TOKENS(INT64),
    REASONING_TOKENS(INT64),
    WEB_SEARCH_REQUESTS(INT64),
    SERVICE_TIER(STRING),
    SPEED(STRING),
    STOP_REASON(STRING),
    CONTEXT_TOKENS(INT64),
    TOOL_USES(INT64),
    TEXT_CHARS(INT64),
    THINKING_CHARS(INT64),
    COST_USD(FLOAT64),
    COST_INPUT_USD(FLOAT64),
    COST_OUTPUT_USD(FLOAT64),
    COST_CACHE_WRITE_USD(FLOAT64),
    COST_CACHE_READ_USD(FLOAT64),
    COST_USD_CCUSAGE(FLOAT64),
    COST_WEB_SEARCH_USD(FLOAT64),
    /**
     * What the agent itself wrote as the call's cost, in its own unit (OpenCode: US dollars; Amp: its credits), kept
     * to reconcile with ours and never used as ours; NULL where the agent writes none (docs/formats.md, "Pricing").
     */
    AGENT_COST(FLOAT64),
    VERSION(STRING),
    GIT_BRANCH(STRING),
    HOST(STRING),
    USER(STRING);

    private final ColumnType type;

    TurnColumn(ColumnType type) {
        this.type = type;
    }

    @Override
    public ColumnType type() {
        return type;
    }
}
