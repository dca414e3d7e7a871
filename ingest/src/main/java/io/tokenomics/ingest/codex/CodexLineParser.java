package io.tokenomics.ingest.codex;

import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.KeyTable;

/**
 * Extracts the fields we keep from one Codex CLI rollout line in place: {@code {timestamp, type, payload}} with the
 * payload's type, the session meta (id, cwd, a parent for forks and sub-agents), the turn context's model, a turn's
 * {@code started_at}, and the {@code info.total_token_usage} / {@code info.last_token_usage} counters of
 * {@code token_count} events, including the aliases third-party writers use. Bare-era lines (no envelope) parse and
 * carry nothing.
 */
final class CodexLineParser extends JsonCursor {
    // The fields of the line's envelope.
    private static final int TIMESTAMP = 0;
    private static final int TYPE = 1;
    private static final int PAYLOAD = 2;
    private static final KeyTable TOP = KeyTable.builder().key(TIMESTAMP, "timestamp").key(TYPE, "type")
            .key(PAYLOAD, "payload").build();

    // The fields of the payload.
    private static final int PAYLOAD_TYPE = 0;
    private static final int ID = 1;
    private static final int CWD = 2;
    private static final int MODEL = 3;
    private static final int PAYLOAD_TIMESTAMP = 4;
    private static final int PARENT = 5;
    private static final int SOURCE = 6;
    private static final int INFO = 7;
    private static final int CLI_VERSION = 8;
    private static final int STARTED_AT = 9;
    private static final KeyTable PAYLOAD_KEYS = KeyTable.builder().key(PAYLOAD_TYPE, "type").key(ID, "id")
            .key(CWD, "cwd").key(MODEL, "model", "model_name").key(PAYLOAD_TIMESTAMP, "timestamp")
            .key(PARENT, "forked_from_id", "parent_thread_id").key(SOURCE, "source").key(INFO, "info")
            .key(CLI_VERSION, "cli_version").key(STARTED_AT, "started_at").build();

    // The fields of a token_count event's info.
    private static final int TOTAL_USAGE = 0;
    private static final int LAST_USAGE = 1;
    private static final int INFO_MODEL = 2;
    private static final KeyTable INFO_KEYS = KeyTable.builder().key(TOTAL_USAGE, "total_token_usage")
            .key(LAST_USAGE, "last_token_usage").key(INFO_MODEL, "model").build();

    // The counters of a token object, with the names third-party writers give them.
    private static final int INPUT = 0;
    private static final int CACHED = 1;
    private static final int OUTPUT = 2;
    private static final int REASONING = 3;
    private static final int TOTAL = 4;
    private static final KeyTable USAGE_KEYS = KeyTable.builder()
            .key(INPUT, "input_tokens", "prompt_tokens", "input")
            .key(CACHED, "cached_input_tokens", "cache_read_input_tokens", "cached_tokens")
            .key(OUTPUT, "output_tokens", "completion_tokens", "output")
            .key(REASONING, "reasoning_output_tokens", "reasoning_tokens")
            .key(TOTAL, "total_tokens").build();

    // The field of a source object: a sub-agent's source names its parent.
    private static final int SUBAGENT = 0;
    private static final KeyTable SOURCE_KEYS = KeyTable.builder().key(SUBAGENT, "subagent").build();

    private CodexLine record;

    /** Parses one rollout line into {@code record}; see {@link JsonCursor#parseLine}. */
    int parse(long start, long limit, CodexLine record) {
        record.clear();
        this.record = record;
        return parseLine(start, limit);
    }

    @Override
    protected boolean parseObject() {
        CodexLine r = record;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case TIMESTAMP -> string(r.timestamp);
                case TYPE -> string(r.type);
                case PAYLOAD -> peek() == '{' ? parsePayload(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parsePayload(CodexLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(PAYLOAD_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case PAYLOAD_TYPE -> string(r.payloadType);
                case ID -> string(r.id);
                case CWD -> string(r.cwd);
                case MODEL -> string(r.model);
                case PAYLOAD_TIMESTAMP -> string(r.payloadTimestamp);
                case PARENT -> parent(r);
                case SOURCE -> peek() == '{' ? parseSource(r) : skipValue();
                case INFO -> peek() == '{' ? parseInfo(r) : skipValue();
                case CLI_VERSION -> string(r.cliVersion);
                case STARTED_AT -> startedAt(r);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    /**
     * A turn's {@code started_at}, whole seconds since the epoch. Any other value is skipped and leaves it absent: it
     * only tells a replayed turn from the thread's own, and is no reason to reject the line.
     */
    private boolean startedAt(CodexLine r) {
        long start = p;
        long seconds = 0;
        while (p < end) {
            int d = NativeMemory.getByte(p) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            seconds = seconds * 10 + d;
            p++;
        }
        long digits = p - start;
        p = start;
        if (!skipValue()) {
            return false;
        }
        r.startedAt = digits > 0 && digits <= 12 && p == start + digits ? seconds : -1;
        return true;
    }

    /** A non-null {@code forked_from_id} or {@code parent_thread_id} makes this rollout a child of another. */
    private boolean parent(CodexLine r) {
        if (peek() == 'n') {
            return skipValue();
        }
        r.hasParent = true;
        return skipValue();
    }

    /** {@code source: {"subagent": ...}} marks a sub-agent rollout; a string source ("cli", "exec") does not. */
    private boolean parseSource(CodexLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(SOURCE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == SUBAGENT) {
                r.hasParent = true;
            }
            if (!skipValue()) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseInfo(CodexLine r) {
        r.infoIsObject = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(INFO_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case TOTAL_USAGE -> peek() == '{' ? parseUsage(r.total) : skipValue();
                case LAST_USAGE -> peek() == '{' ? parseUsage(r.last) : skipValue();
                case INFO_MODEL -> string(r.model);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(CodexLine.Usage u) {
        u.present = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(USAGE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            switch (key) {
                case INPUT -> u.input = count();
                case CACHED -> u.cached = count();
                case OUTPUT -> u.output = count();
                case REASONING -> u.reasoning = count();
                case TOTAL -> u.total = count();
                default -> skipValue();
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }
}
