package io.tokenomics.ingest.pi;

import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.KeyTable;
import io.tokenomics.ingest.json.StringView;

/**
 * Extracts the fields we keep from one line of a pi session file in place: the entry's type and time, the model a
 * model change names, and an assistant message's role, model, time and {@code usage}. The message's content (text,
 * thinking, tool calls, images) is skipped.
 */
final class PiLineParser extends JsonCursor {
    private static final int TYPE = 0;
    private static final int TIMESTAMP = 1;
    private static final int CUSTOM_TYPE = 2;
    private static final int MODEL_ID = 3;
    private static final int MODEL = 4;
    private static final int DATA = 5;
    private static final int MESSAGE = 6;
    private static final KeyTable TOP = KeyTable.builder().key(TYPE, "type").key(TIMESTAMP, "timestamp")
            .key(CUSTOM_TYPE, "customType").key(MODEL_ID, "modelId").key(MODEL, "model").key(DATA, "data")
            .key(MESSAGE, "message").build();
    private static final KeyTable CHANGE = KeyTable.builder().key(MODEL_ID, "modelId").key(MODEL, "model").build();

    private static final int ROLE = 0;
    private static final int MESSAGE_MODEL_ID = 1;
    private static final int MESSAGE_MODEL = 2;
    private static final int MESSAGE_TIME = 3;
    private static final int USAGE = 4;
    private static final KeyTable MESSAGE_KEYS = KeyTable.builder().key(ROLE, "role")
            .key(MESSAGE_MODEL_ID, "modelId").key(MESSAGE_MODEL, "model").key(MESSAGE_TIME, "timestamp")
            .key(USAGE, "usage").build();

    private static final int INPUT = 0;
    private static final int OUTPUT = 1;
    private static final int CACHE_READ = 2;
    private static final int CACHE_WRITE = 3;
    private static final int TOTAL = 4;
    private static final int COST = 5;
    private static final KeyTable USAGE_KEYS = KeyTable.builder().key(INPUT, "input").key(OUTPUT, "output")
            .key(CACHE_READ, "cacheRead").key(CACHE_WRITE, "cacheWrite").key(TOTAL, "totalTokens")
            .key(COST, "cost").build();
    private static final int COST_TOTAL = 0;
    private static final KeyTable COST_KEYS = KeyTable.builder().key(COST_TOTAL, "total").build();

    private PiLine line;

    /** Parses one line into {@code line}; see {@link JsonCursor#parseLine}. */
    int parse(long start, long limit, PiLine line) {
        line.clear();
        this.line = line;
        return parseLine(start, limit);
    }

    @Override
    protected boolean parseObject() {
        PiLine r = line;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case TYPE -> string(r.type);
                case TIMESTAMP -> string(r.timestamp);
                case CUSTOM_TYPE -> string(r.customType);
                case MODEL_ID -> string(r.changedModel);
                case MODEL -> r.changedModel.present ? skipValue() : string(r.changedModel);
                case DATA -> peek() == '{' ? parseChange(r) : skipValue();
                case MESSAGE -> peek() == '{' ? parseMessage(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    /** A model change's {@code data}: the model it names. */
    private boolean parseChange(PiLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(CHANGE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case MODEL_ID -> string(r.changedModel);
                case MODEL -> r.changedModel.present ? skipValue() : string(r.changedModel);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseMessage(PiLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(MESSAGE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case ROLE -> string(r.role);
                case MESSAGE_MODEL_ID -> string(r.model);
                case MESSAGE_MODEL -> r.model.present ? skipValue() : string(r.model);
                case MESSAGE_TIME -> {
                    r.messageTimeIsNumber = peek() != '"';
                    yield r.messageTimeIsNumber ? number(r.messageTime) : string(r.messageTime);
                }
                case USAGE -> {
                    r.hasUsage = peek() == '{';
                    yield r.hasUsage ? parseUsage(r) : skipValue();
                }
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(PiLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(USAGE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            switch (key) {
                case INPUT -> r.input = count();
                case OUTPUT -> r.output = count();
                case CACHE_READ -> r.cacheRead = count();
                case CACHE_WRITE -> r.cacheWrite = count();
                case TOTAL -> r.total = count();
                case COST -> {
                    if (!(peek() == '{' ? parseCost(r) : skipValue())) {
                        return false;
                    }
                }
                default -> {
                    if (!skipValue()) {
                        return false;
                    }
                }
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseCost(PiLine r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(COST_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = key == COST_TOTAL ? number(r.cost) : skipValue();
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    /** Reads a number's text into {@code view}; any other value is skipped and leaves it absent. */
    private boolean number(StringView view) {
        byte b = peek();
        if (b != '-' && (b < '0' || b > '9')) {
            return skipValue();
        }
        long start = p;
        if (!skipNumber()) {
            return false;
        }
        view.set(start, (int) (p - start), false);
        return true;
    }
}
