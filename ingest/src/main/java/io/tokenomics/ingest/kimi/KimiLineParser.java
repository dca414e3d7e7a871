package io.tokenomics.ingest.kimi;

import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.KeyTable;
import io.tokenomics.ingest.json.StringView;
import io.tokenomics.ingest.json.Timestamps;

/**
 * Extracts the fields we keep from one Kimi wire record in place. Kimi Code writes flat records
 * ({@code {"type":"usage.record","model":..,"usage":{..},"time":<ms>}}); kimi-cli writes envelopes
 * ({@code {"timestamp":<s>,"message":{"type":..,"payload":{..}}}}), whose {@code StatusUpdate} payload carries the
 * step's {@code token_usage} and {@code message_id}, and whose {@code SubagentEvent} payload wraps a sub-agent's
 * event in {@code event}, possibly several deep.
 */
final class KimiLineParser extends JsonCursor {
    private static final int TYPE = 0;
    private static final int MODEL = 1;
    private static final int USAGE = 2;
    private static final int TIME = 3;
    private static final int TIMESTAMP = 4;
    private static final int AGENT_ID = 5;
    private static final int MESSAGE = 6;
    private static final KeyTable TOP = KeyTable.builder().key(TYPE, "type").key(MODEL, "model").key(USAGE, "usage")
            .key(TIME, "time").key(TIMESTAMP, "timestamp").key(AGENT_ID, "agentId").key(MESSAGE, "message").build();

    // The counters of a usage object: Kimi Code's names, and kimi-cli's.
    private static final int INPUT_OTHER = 0;
    private static final int OUTPUT = 1;
    private static final int CACHE_READ = 2;
    private static final int CACHE_CREATION = 3;
    private static final KeyTable USAGE_KEYS = KeyTable.builder().key(INPUT_OTHER, "inputOther", "input_other")
            .key(OUTPUT, "output").key(CACHE_READ, "inputCacheRead", "input_cache_read")
            .key(CACHE_CREATION, "inputCacheCreation", "input_cache_creation").build();

    // A kimi-cli message (or a forwarded event): its type and payload.
    private static final int MESSAGE_TYPE = 0;
    private static final int PAYLOAD = 1;
    private static final KeyTable MESSAGE_KEYS = KeyTable.builder().key(MESSAGE_TYPE, "type").key(PAYLOAD, "payload")
            .build();

    // The fields of a payload we keep: a StatusUpdate's, and a SubagentEvent's.
    private static final int TOKEN_USAGE = 0;
    private static final int MESSAGE_ID = 1;
    private static final int SUBAGENT_ID = 2;
    private static final int EVENT = 3;
    private static final KeyTable PAYLOAD_KEYS = KeyTable.builder().key(TOKEN_USAGE, "token_usage")
            .key(MESSAGE_ID, "message_id").key(SUBAGENT_ID, "agent_id").key(EVENT, "event").build();

    private static final byte[] STATUS_UPDATE = ascii("StatusUpdate");
    private static final byte[] SUBAGENT_EVENT = ascii("SubagentEvent");
    /** Events forwarded deeper than this (a sub-agent of a sub-agent of ...) are skipped. */
    private static final int MAX_EVENT_DEPTH = 8;
    private static final long MICROS_PER_MILLI = 1_000L;
    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** The type of the message at each depth of forwarding. */
    private final StringView[] messageTypes = new StringView[MAX_EVENT_DEPTH + 1];
    private KimiLine record;

    KimiLineParser() {
        for (int i = 0; i < messageTypes.length; i++) {
            messageTypes[i] = new StringView();
        }
    }

    /** Parses one wire record into {@code record}; see {@link JsonCursor#parseLine}. */
    int parse(long start, long limit, KimiLine record) {
        record.clear(Timestamps.INVALID);
        this.record = record;
        return parseLine(start, limit);
    }

    @Override
    protected boolean parseObject() {
        KimiLine r = record;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case TYPE -> string(r.type);
                case MODEL -> string(r.model);
                case USAGE -> peek() == '{' ? parseUsage(r.usage) : skipValue();
                case TIME -> {
                    r.micros = epochMicros(MICROS_PER_MILLI);
                    yield error == null;
                }
                case TIMESTAMP -> {
                    r.micros = epochMicros(MICROS_PER_SECOND);
                    yield error == null;
                }
                case AGENT_ID -> string(r.agentId);
                case MESSAGE -> peek() == '{' ? parseMessage(r, 0) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    /**
     * A message at {@code depth} of forwarding. A {@code token_usage} counts when its message is a
     * {@code StatusUpdate} and every message around it a {@code SubagentEvent}: the inner message is settled first,
     * and each outer one may then take the mark back.
     */
    private boolean parseMessage(KimiLine r, int depth) {
        StringView type = messageTypes[depth];
        type.clear();
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(MESSAGE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case MESSAGE_TYPE -> string(type);
                case PAYLOAD -> peek() == '{' ? parsePayload(r, depth) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        if (r.statusUsage.present && r.statusDepth == depth) {
            r.isStatusUpdate = type.equalsAscii(STATUS_UPDATE);
        } else if (r.statusUsage.present && r.statusDepth > depth && !type.equalsAscii(SUBAGENT_EVENT)) {
            r.isStatusUpdate = false;
        }
        return key == END;
    }

    private boolean parsePayload(KimiLine r, int depth) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(PAYLOAD_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case TOKEN_USAGE -> {
                    if (peek() != '{') {
                        yield skipValue();
                    }
                    r.statusDepth = depth;
                    yield parseUsage(r.statusUsage);
                }
                case MESSAGE_ID -> {
                    r.messageIdDepth = depth;
                    yield string(r.messageId);
                }
                case SUBAGENT_ID -> {
                    if (depth < r.subagentDepth) {
                        yield skipValue();
                    }
                    r.subagentDepth = depth;
                    yield string(r.subagentId);
                }
                case EVENT -> peek() == '{' && depth < MAX_EVENT_DEPTH ? parseMessage(r, depth + 1) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(KimiLine.Usage u) {
        u.clear();
        u.present = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(USAGE_KEYS, first)) >= KeyTable.UNKNOWN) {
            first = false;
            switch (key) {
                case INPUT_OTHER -> u.inputOther = count();
                case OUTPUT -> u.output = count();
                case CACHE_READ -> u.cacheRead = count();
                case CACHE_CREATION -> u.cacheCreation = count();
                default -> skipValue();
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }

    /**
     * A time written as a number of units since the epoch (whole, or with a decimal fraction: kimi-cli writes
     * Python's {@code time.time()}), in microseconds; {@link Timestamps#INVALID} for anything else, or a time outside
     * the window of docs/formats.md ("Timestamps").
     */
    private long epochMicros(long microsPerUnit) {
        byte b = peek();
        if (b < '0' || b > '9') {
            skipValue();
            return Timestamps.INVALID;
        }
        long start = p;
        long whole = 0;
        while (p < end) {
            int d = NativeMemory.getByte(p) - '0';
            if (d < 0 || d > 9 || whole > Long.MAX_VALUE / microsPerUnit / 10) {
                break;
            }
            whole = whole * 10 + d;
            p++;
        }
        long fraction = 0;
        long scale = 1;
        if (peek() == '.') {
            p++;
            while (p < end) {
                int d = NativeMemory.getByte(p) - '0';
                if (d < 0 || d > 9) {
                    break;
                }
                if (scale < 1_000_000_000L) {
                    fraction = fraction * 10 + d;
                    scale *= 10;
                }
                p++;
            }
        }
        byte next = peek();
        if ((next >= '0' && next <= '9') || next == 'e' || next == 'E' || next == '.') {
            // More digits than a time has, or an exponent: not a time we read.
            p = start;
            skipNumber();
            return Timestamps.INVALID;
        }
        long micros = whole * microsPerUnit + fraction * microsPerUnit / scale;
        return micros >= Timestamps.EARLIEST && micros < Timestamps.LATEST ? micros : Timestamps.INVALID;
    }
}
