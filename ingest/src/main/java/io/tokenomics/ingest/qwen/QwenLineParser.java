package io.tokenomics.ingest.qwen;

import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.KeyTable;

/**
 * Extracts the fields we keep from one Qwen Code chat record in place: the record's identity, session, time, model
 * and place, and the counters of its top-level {@code usageMetadata}. Token counts nested elsewhere (the
 * {@code ui_telemetry} records' copies of them) are skipped with the rest.
 */
final class QwenLineParser extends JsonCursor {
    private static final int TYPE = 0;
    private static final int UUID = 1;
    private static final int SESSION_ID = 2;
    private static final int TIMESTAMP = 3;
    private static final int MODEL = 4;
    private static final int CWD = 5;
    private static final int VERSION = 6;
    private static final int GIT_BRANCH = 7;
    private static final int AGENT_ID = 8;
    private static final int IS_SIDECHAIN = 9;
    private static final int USAGE = 10;
    private static final KeyTable TOP = KeyTable.builder().key(TYPE, "type").key(UUID, "uuid")
            .key(SESSION_ID, "sessionId").key(TIMESTAMP, "timestamp").key(MODEL, "model").key(CWD, "cwd")
            .key(VERSION, "version").key(GIT_BRANCH, "gitBranch").key(AGENT_ID, "agentId")
            .key(IS_SIDECHAIN, "isSidechain").key(USAGE, "usageMetadata").build();

    private static final int PROMPT = 0;
    private static final int CANDIDATES = 1;
    private static final int THOUGHTS = 2;
    private static final int CACHED = 3;
    private static final int TOOL_USE_PROMPT = 4;
    private static final int TOTAL = 5;
    private static final KeyTable USAGE_KEYS = KeyTable.builder().key(PROMPT, "promptTokenCount")
            .key(CANDIDATES, "candidatesTokenCount").key(THOUGHTS, "thoughtsTokenCount")
            .key(CACHED, "cachedContentTokenCount").key(TOOL_USE_PROMPT, "toolUsePromptTokenCount")
            .key(TOTAL, "totalTokenCount").build();

    private QwenLine record;

    /** Parses one chat record into {@code record}; see {@link JsonCursor#parseLine}. */
    int parse(long start, long limit, QwenLine record) {
        record.clear();
        this.record = record;
        return parseLine(start, limit);
    }

    @Override
    protected boolean parseObject() {
        QwenLine r = record;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case TYPE -> string(r.type);
                case UUID -> string(r.uuid);
                case SESSION_ID -> string(r.sessionId);
                case TIMESTAMP -> string(r.timestamp);
                case MODEL -> string(r.model);
                case CWD -> string(r.cwd);
                case VERSION -> string(r.version);
                case GIT_BRANCH -> string(r.gitBranch);
                case AGENT_ID -> string(r.agentId);
                case IS_SIDECHAIN -> {
                    r.isSidechain = bool();
                    yield error == null;
                }
                case USAGE -> peek() == '{' ? parseUsage(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(QwenLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(USAGE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == KeyTable.UNKNOWN) {
                if (!skipValue()) {
                    return false;
                }
                continue;
            }
            r.hasUsage = true;
            long value = count();
            switch (key) {
                case PROMPT -> r.prompt = value;
                case CANDIDATES -> r.candidates = value;
                case THOUGHTS -> r.thoughts = value;
                case CACHED -> r.cached = value;
                case TOOL_USE_PROMPT -> r.toolUsePrompt = value;
                case TOTAL -> {
                    r.hasTotal = true;
                    r.total = value;
                }
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }
}
