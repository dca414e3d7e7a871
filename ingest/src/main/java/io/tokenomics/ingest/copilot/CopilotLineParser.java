package io.tokenomics.ingest.copilot;

import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.KeyTable;
import io.tokenomics.ingest.json.Timestamps;

/**
 * Extracts the fields we keep from one Copilot CLI line in place: a session-state event
 * ({@code {type, id, timestamp, data}}, with {@code data.sessionId}, {@code data.context.cwd},
 * {@code data.copilotVersion} and {@code data.modelMetrics.<model>.usage}), or a span of the OpenTelemetry file export
 * ({@code {type, traceId, spanId, name, endTime, startTime, attributes}}, with the {@code gen_ai.*} attributes). Every
 * other value is skipped.
 */
final class CopilotLineParser extends JsonCursor {
    // The fields of a line: an event's envelope, or a span.
    private static final int TYPE = 0;
    private static final int ID = 1;
    private static final int TIMESTAMP = 2;
    private static final int DATA = 3;
    private static final int TRACE_ID = 4;
    private static final int SPAN_ID = 5;
    private static final int NAME = 6;
    private static final int END_TIME = 7;
    private static final int START_TIME = 8;
    private static final int ATTRIBUTES = 9;
    private static final KeyTable TOP = KeyTable.builder().key(TYPE, "type").key(ID, "id")
            .key(TIMESTAMP, "timestamp").key(DATA, "data").key(TRACE_ID, "traceId").key(SPAN_ID, "spanId")
            .key(NAME, "name").key(END_TIME, "endTime").key(START_TIME, "startTime").key(ATTRIBUTES, "attributes")
            .build();

    // The fields of an event's data.
    private static final int SESSION_ID = 0;
    private static final int CONTEXT = 1;
    private static final int VERSION = 2;
    private static final int MODEL_METRICS = 3;
    private static final KeyTable DATA_KEYS = KeyTable.builder().key(SESSION_ID, "sessionId").key(CONTEXT, "context")
            .key(VERSION, "copilotVersion").key(MODEL_METRICS, "modelMetrics").build();

    private static final int CWD = 0;
    private static final KeyTable CONTEXT_KEYS = KeyTable.builder().key(CWD, "cwd").build();

    // The metrics of one model, and its usage.
    private static final int USAGE = 0;
    private static final KeyTable METRICS_KEYS = KeyTable.builder().key(USAGE, "usage").build();
    private static final int INPUT = 0;
    private static final int OUTPUT = 1;
    private static final int CACHE_READ = 2;
    private static final int CACHE_WRITE = 3;
    private static final int REASONING = 4;
    private static final KeyTable USAGE_KEYS = KeyTable.builder().key(INPUT, "inputTokens")
            .key(OUTPUT, "outputTokens").key(CACHE_READ, "cacheReadTokens").key(CACHE_WRITE, "cacheWriteTokens")
            .key(REASONING, "reasoningTokens").build();

    // The attributes of a span.
    private static final int OPERATION = 5;
    private static final int RESPONSE_MODEL = 6;
    private static final int REQUEST_MODEL = 7;
    private static final int CONVERSATION = 8;
    private static final KeyTable ATTRIBUTE_KEYS = KeyTable.builder()
            .key(OPERATION, "gen_ai.operation.name").key(RESPONSE_MODEL, "gen_ai.response.model")
            .key(REQUEST_MODEL, "gen_ai.request.model").key(CONVERSATION, "gen_ai.conversation.id")
            .key(INPUT, "gen_ai.usage.input_tokens").key(OUTPUT, "gen_ai.usage.output_tokens")
            .key(CACHE_READ, "gen_ai.usage.cache_read.input_tokens")
            .key(CACHE_WRITE, "gen_ai.usage.cache_creation.input_tokens", "gen_ai.usage.cache_write.input_tokens")
            .key(REASONING, "gen_ai.usage.reasoning.output_tokens", "gen_ai.usage.reasoning_tokens").build();

    private CopilotLine record;

    /** Parses one line into {@code record}; see {@link JsonCursor#parseLine}. */
    int parse(long start, long limit, CopilotLine record) {
        record.clear();
        this.record = record;
        return parseLine(start, limit);
    }

    @Override
    protected boolean parseObject() {
        CopilotLine r = record;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case TYPE -> string(r.type);
                case ID -> string(r.id);
                case TIMESTAMP -> string(r.timestamp);
                case DATA -> peek() == '{' ? parseData(r) : skipValue();
                case TRACE_ID -> string(r.traceId);
                case SPAN_ID -> string(r.spanId);
                case NAME -> string(r.name);
                case END_TIME -> spanTime(r, true);
                case START_TIME -> spanTime(r, false);
                case ATTRIBUTES -> peek() == '{' ? parseAttributes(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseData(CopilotLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(DATA_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case SESSION_ID -> string(r.sessionId);
                case CONTEXT -> peek() == '{' ? parseContext(r) : skipValue();
                case VERSION -> string(r.version);
                case MODEL_METRICS -> peek() == '{' ? parseModelMetrics(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseContext(CopilotLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(CONTEXT_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (!(key == CWD ? string(r.cwd) : skipValue())) {
                return false;
            }
        }
        return key == END;
    }

    /** {@code {"<model>": {"usage": {...}, "requests": {...}, ...}, ...}}: the keys are the models' names. */
    private boolean parseModelMetrics(CopilotLine r) {
        p++;
        for (boolean first = true; ; first = false) {
            skipWhitespace();
            if (peek() == '}') {
                p++;
                return true;
            }
            if (!first) {
                if (peek() != ',') {
                    return failed(ErrorCode.MALFORMED);
                }
                p++;
                skipWhitespace();
            }
            CopilotLine.Usage model = r.addModel();
            if (peek() != '"' || !string(model.model)) {
                return failed(ErrorCode.MALFORMED);
            }
            skipWhitespace();
            if (peek() != ':') {
                return failed(ErrorCode.MALFORMED);
            }
            p++;
            skipWhitespace();
            if (!(peek() == '{' ? parseMetrics(model) : skipValue())) {
                return false;
            }
        }
    }

    private boolean parseMetrics(CopilotLine.Usage model) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(METRICS_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (!(key == USAGE && peek() == '{' ? parseUsage(model) : skipValue())) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(CopilotLine.Usage u) {
        u.present = true;
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
            counter(u, key);
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseAttributes(CopilotLine r) {
        r.hasAttributes = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(ATTRIBUTE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case OPERATION -> string(r.operation);
                case RESPONSE_MODEL -> string(r.responseModel);
                case REQUEST_MODEL -> string(r.requestModel);
                case CONVERSATION -> string(r.conversationId);
                case INPUT, OUTPUT, CACHE_READ, CACHE_WRITE, REASONING -> {
                    r.spanUsage.present = true;
                    counter(r.spanUsage, key);
                    yield error == null;
                }
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    /** Reads the counter {@code field} of {@code u}; a value that is no count rejects the line. */
    private void counter(CopilotLine.Usage u, int field) {
        long value = count();
        switch (field) {
            case INPUT -> u.input = value;
            case OUTPUT -> u.output = value;
            case CACHE_READ -> u.cacheRead = value;
            case CACHE_WRITE -> u.cacheWrite = value;
            default -> u.reasoning = value;
        }
    }

    /**
     * A span's {@code [seconds, nanoseconds]}. The end wins over the start, whatever their order; a value of any
     * other shape is skipped and leaves the time absent.
     */
    private boolean spanTime(CopilotLine r, boolean isEnd) {
        long start = p;
        long micros = Long.MIN_VALUE;
        if (peek() == '[') {
            p++;
            skipWhitespace();
            long seconds = wholeNumber();
            skipWhitespace();
            if (seconds >= 0 && peek() == ',') {
                p++;
                skipWhitespace();
                long nanos = wholeNumber();
                skipWhitespace();
                if (nanos >= 0 && nanos < 1_000_000_000L && peek() == ']') {
                    micros = seconds * 1_000_000L + nanos / 1_000;
                }
            }
        }
        p = start;
        if (!skipValue()) {
            return false;
        }
        boolean inWindow = micros >= Timestamps.EARLIEST && micros < Timestamps.LATEST;
        if (inWindow && (isEnd || r.spanMicros == Long.MIN_VALUE)) {
            r.spanMicros = micros;
        }
        return true;
    }

    /** A whole number of up to 12 digits at the cursor, moved past it; -1 when there is none. */
    private long wholeNumber() {
        long start = p;
        long value = 0;
        while (p < end && p - start < 13) {
            int d = NativeMemory.getByte(p) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            p++;
        }
        long digits = p - start;
        byte next = peek();
        return digits == 0 || digits > 12 || next == '.' || next == 'e' || next == 'E' ? -1 : value;
    }
}
