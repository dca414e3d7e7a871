package io.tokenomics.ingest.opencode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.JsonCounts;
import io.tokenomics.ingest.json.Timestamps;
import java.io.IOException;

/**
 * The fields of one OpenCode message that a turn needs, read from its JSON object (a message file, or the
 * {@code data} of a database row) and reused for the next. Counting rules: docs/formats.md, "OpenCode".
 */
final class OpenCodeMessage {
    String id;
    String sessionId;
    String modelId;
    /** {@code model.modelID}: the model of a message that has no {@code modelID} of its own. */
    String nestedModelId;
    String cwd;
    String root;
    long createdMicros;
    boolean hasTokens;
    long input;
    long output;
    long reasoning;
    long cacheRead;
    long cacheWrite;
    /** {@code tokens.total}, or -1 where the message has none. */
    long total;
    /** {@code cost}, or NaN where the message has no number there. */
    double cost;
    /** Why the message cannot be counted (a counter that is no count), or null. */
    ErrorCode invalid;

    void clear() {
        id = null;
        sessionId = null;
        modelId = null;
        nestedModelId = null;
        cwd = null;
        root = null;
        createdMicros = Timestamps.INVALID;
        hasTokens = false;
        input = 0;
        output = 0;
        reasoning = 0;
        cacheRead = 0;
        cacheWrite = 0;
        total = -1;
        cost = Double.NaN;
        invalid = null;
    }

    /** Reads the message object whose start the parser has just passed, to its end. */
    void read(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = text(parser, value);
                case "sessionID" -> sessionId = text(parser, value);
                case "modelID" -> modelId = text(parser, value);
                case "model" -> nestedModelId = value == JsonToken.START_OBJECT ? field(parser, "modelID")
                        : skip(parser);
                case "time" -> createdMicros = value == JsonToken.START_OBJECT ? created(parser) : skipTime(parser);
                case "tokens" -> {
                    if (value == JsonToken.START_OBJECT) {
                        hasTokens = true;
                        tokens(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "cost" -> cost = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT
                        ? parser.getDoubleValue() : skipCost(parser);
                case "path" -> {
                    if (value == JsonToken.START_OBJECT) {
                        path(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    /** The model the message names: its {@code modelID}, else the one in its {@code model} object. */
    String model() {
        return modelId != null ? modelId : nestedModelId;
    }

    /** Whether any of its counters is above zero: a message with none was billed nothing (an aborted call). */
    boolean billed() {
        return hasTokens && (input > 0 || output > 0 || reasoning > 0 || cacheRead > 0 || cacheWrite > 0 || total > 0);
    }

    private void tokens(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "input" -> input = count(parser);
                case "output" -> output = count(parser);
                case "reasoning" -> reasoning = count(parser);
                case "total" -> total = parser.currentToken() == JsonToken.VALUE_NULL ? -1 : count(parser);
                case "cache" -> {
                    if (parser.currentToken() == JsonToken.START_OBJECT) {
                        cache(parser);
                    } else if (parser.currentToken() != JsonToken.VALUE_NULL) {
                        invalid = ErrorCode.BAD_USAGE;
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void cache(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "read" -> cacheRead = count(parser);
                case "write" -> cacheWrite = count(parser);
                default -> parser.skipChildren();
            }
        }
    }

    private void path(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "cwd" -> cwd = text(parser, value);
                case "root" -> root = text(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    /** {@code time.created}, in milliseconds since the epoch, as microseconds; INVALID when it is no such time. */
    private static long created(JsonParser parser) throws IOException {
        long micros = Timestamps.INVALID;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("created") && value == JsonToken.VALUE_NUMBER_INT
                    && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                long millis = parser.getLongValue();
                long candidate = millis < Long.MAX_VALUE / 1_000 && millis > Long.MIN_VALUE / 1_000
                        ? millis * 1_000 : Timestamps.INVALID;
                micros = candidate >= Timestamps.EARLIEST && candidate < Timestamps.LATEST ? candidate
                        : Timestamps.INVALID;
            } else {
                parser.skipChildren();
            }
        }
        return micros;
    }

    private long count(JsonParser parser) throws IOException {
        long count = JsonCounts.count(parser);
        if (count == JsonCounts.NOT_A_COUNT) {
            invalid = ErrorCode.BAD_USAGE;
            return 0;
        }
        return count;
    }

    private static String field(JsonParser parser, String name) throws IOException {
        String found = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(name)) {
                found = text(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        return found;
    }

    private static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return parser.getText();
        }
        parser.skipChildren();
        return null;
    }

    private static String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static long skipTime(JsonParser parser) throws IOException {
        parser.skipChildren();
        return Timestamps.INVALID;
    }

    /** A {@code cost} that is no number (the object some versions wrote) is not the agent's figure in dollars. */
    private static double skipCost(JsonParser parser) throws IOException {
        parser.skipChildren();
        return Double.NaN;
    }
}
