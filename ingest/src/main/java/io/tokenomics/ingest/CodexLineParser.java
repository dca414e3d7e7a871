package io.tokenomics.ingest;

/**
 * Extracts the fields we keep from one Codex CLI rollout line in place: {@code {timestamp, type, payload}} with the
 * payload's type, the session meta (id, cwd, a parent for forks and sub-agents), the turn context's model, and the
 * {@code info.total_token_usage} / {@code info.last_token_usage} counters of {@code token_count} events, including
 * the aliases third-party writers use. Bare-era lines (no envelope) parse and carry nothing.
 */
final class CodexLineParser extends JsonCursor {
    private static final KeyTable TOP = new KeyTable("timestamp", "type", "payload");
    private static final KeyTable PAYLOAD = new KeyTable("type", "id", "cwd", "model", "model_name", "timestamp",
            "forked_from_id", "parent_thread_id", "source", "info", "cli_version");
    private static final KeyTable INFO = new KeyTable("total_token_usage", "last_token_usage", "model");
    private static final KeyTable USAGE = new KeyTable("input_tokens", "cached_input_tokens", "output_tokens",
            "reasoning_output_tokens", "total_tokens", "prompt_tokens", "input", "cache_read_input_tokens",
            "cached_tokens", "completion_tokens", "output", "reasoning_tokens");
    private static final KeyTable SOURCE = new KeyTable("subagent");

    private CodexRecord record;

    /** Parses one rollout line into {@code record}; see {@link JsonCursor#parseLine}. */
    int parse(long start, long limit, CodexRecord record) {
        record.clear();
        this.record = record;
        return parseLine(start, limit);
    }

    @Override
    boolean parseObject() {
        CodexRecord r = record;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case 0 -> string(r.timestamp);
                case 1 -> string(r.type);
                case 2 -> peek() == '{' ? parsePayload(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parsePayload(CodexRecord r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(PAYLOAD, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case 0 -> string(r.payloadType);
                case 1 -> string(r.id);
                case 2 -> string(r.cwd);
                case 3, 4 -> string(r.model);
                case 5 -> string(r.payloadTimestamp);
                case 6, 7 -> parent(r);
                case 8 -> peek() == '{' ? parseSource(r) : skipValue();
                case 9 -> peek() == '{' ? parseInfo(r) : skipValue();
                case 10 -> string(r.cliVersion);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    /** A non-null {@code forked_from_id} or {@code parent_thread_id} makes this rollout a child of another. */
    private boolean parent(CodexRecord r) {
        if (peek() == 'n') {
            return skipValue();
        }
        r.hasParent = true;
        return skipValue();
    }

    /** {@code source: {"subagent": ...}} marks a sub-agent rollout; a string source ("cli", "exec") does not. */
    private boolean parseSource(CodexRecord r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(SOURCE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == 0) {
                r.hasParent = true;
            }
            if (!skipValue()) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseInfo(CodexRecord r) {
        r.infoIsObject = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(INFO, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case 0 -> peek() == '{' ? parseUsage(r.total) : skipValue();
                case 1 -> peek() == '{' ? parseUsage(r.last) : skipValue();
                case 2 -> string(r.model);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(CodexRecord.Usage u) {
        u.present = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(USAGE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            switch (key) {
                case 0, 5, 6 -> u.input = count();
                case 1, 7, 8 -> u.cached = count();
                case 2, 9, 10 -> u.output = count();
                case 3, 11 -> u.reasoning = count();
                case 4 -> u.total = count();
                default -> skipValue();
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }
}
