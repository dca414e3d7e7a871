package io.tokenomics.ingest.amp;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.JsonCounts;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.DocumentReader;
import io.tokenomics.ingest.source.RowSink;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an Amp thread file ({@code T-<id>.json}, one JSON document rewritten as the thread goes on) whole, with
 * Jackson's streaming parser: the usage of each assistant message, or, where the thread has a usage ledger (older
 * versions), its events, which then take precedence and take their cache tokens from the message they billed. The
 * file is one record for the scan: a file that does not parse is left for the next run, like an unfinished last
 * line. Counting rules: docs/formats.md, "Amp".
 */
final class AmpReader extends DocumentReader {
    private static final byte[] AGENT = "amp".getBytes(StandardCharsets.US_ASCII);

    private final RowSink rows;
    private final RowBatch turns;
    private String threadId;
    private String project;
    private String cwd;
    /** The usage of each assistant message, in the file's order. */
    private final List<Usage> messages = new ArrayList<>();
    /** The usage ledger's events; null where the thread has no ledger. */
    private List<Usage> events;
    private ErrorCode invalid;

    /** One model call's usage: a message's {@code usage}, or a ledger event. */
    private static final class Usage {
        /** The message's {@code messageId}, or the event's {@code id}; null where it has none. */
        String id;
        /** The ledger event's {@code toMessageId}: the message it billed. */
        String toMessageId;
        String model;
        String timestamp;
        long input;
        long output;
        long cacheWrite;
        long cacheRead;
        /** {@code totalTokens} (message) or {@code tokens.total} (event), -1 where absent. */
        long total = -1;
        double credits = Double.NaN;
    }

    AmpReader(RowSink rows) {
        super(false, false);
        this.rows = rows;
        this.turns = rows.turns();
    }

    @Override
    protected void clear() {
        threadId = null;
        project = null;
        cwd = null;
        messages.clear();
        events = null;
        invalid = null;
    }

    @Override
    public ErrorCode onLine(long offset) {
        if (invalid != null) {
            return invalid;
        }
        List<Usage> calls = events != null ? events : messages;
        Map<String, Usage> billed = new HashMap<>();
        if (events != null) {
            for (Usage message : messages) {
                if (message.id != null) {
                    billed.put(message.id, message);
                }
            }
        }
        long[] micros = new long[calls.size()];
        for (int i = 0; i < calls.size(); i++) {
            Usage call = calls.get(i);
            if (events != null) {
                Usage message = call.toMessageId != null ? billed.get(call.toMessageId) : null;
                call.cacheWrite = message != null ? message.cacheWrite : 0;
                call.cacheRead = message != null ? message.cacheRead : 0;
            }
            micros[i] = call.timestamp != null ? Timestamps.parseLenient(call.timestamp) : Timestamps.INVALID;
            if (isBilled(call) && micros[i] == Timestamps.INVALID) {
                return ErrorCode.BAD_TIMESTAMP;
            }
        }
        String thread = threadId != null ? threadId : new String(file.session, StandardCharsets.UTF_8);
        String kind = events != null ? ":event:" : ":message:";
        for (int i = 0; i < calls.size(); i++) {
            Usage call = calls.get(i);
            if (isBilled(call)) {
                rows.usageLine();
                writeTurn(call, micros[i], "amp:" + thread + kind + (call.id != null ? call.id : "@" + i), thread,
                        offset);
            }
        }
        return null;
    }

    private static boolean isBilled(Usage call) {
        return call.input > 0 || call.output > 0 || call.cacheWrite > 0 || call.cacheRead > 0 || call.total > 0;
    }

    @Override
    protected void read(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> threadId = value == JsonToken.VALUE_STRING ? parser.getText() : threadId;
                case "messages" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            message(parser);
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                case "usageLedger" -> {
                    if (value == JsonToken.START_OBJECT) {
                        ledger(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                case "env" -> {
                    if (value == JsonToken.START_OBJECT) {
                        environment(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    /** A message: only an assistant's {@code usage} counts. */
    private void message(JsonParser parser) throws IOException {
        String role = null;
        String id = null;
        String timestamp = null;
        String model = null;
        Usage usage = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "role" -> role = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "messageId" -> id = value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_STRING
                        ? parser.getText() : skip(parser);
                case "timestamp" -> timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "model" -> model = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "usage" -> usage = value == JsonToken.START_OBJECT ? usage(parser) : skipUsage(parser);
                default -> parser.skipChildren();
            }
        }
        if ("assistant".equals(role)) {
            Usage call = usage != null ? usage : new Usage();
            call.id = id;
            call.timestamp = call.timestamp != null ? call.timestamp : timestamp;
            call.model = call.model != null ? call.model : model;
            messages.add(call);
        }
    }

    private Usage usage(JsonParser parser) throws IOException {
        Usage usage = new Usage();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "model" -> usage.model = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "timestamp" -> usage.timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "inputTokens" -> usage.input = count(parser);
                case "outputTokens" -> usage.output = count(parser);
                case "cacheCreationInputTokens" -> usage.cacheWrite = count(parser);
                case "cacheReadInputTokens" -> usage.cacheRead = count(parser);
                case "totalTokens" -> usage.total = count(parser);
                case "credits" -> usage.credits = credits(parser, value);
                default -> parser.skipChildren();
            }
        }
        return usage;
    }

    private void ledger(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("events") && value == JsonToken.START_ARRAY) {
                events = new ArrayList<>();
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    events.add(event(parser));
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private Usage event(JsonParser parser) throws IOException {
        Usage event = new Usage();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> event.id = value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT
                        ? parser.getText() : skip(parser);
                case "toMessageId" -> event.toMessageId = value == JsonToken.VALUE_NUMBER_INT
                        || value == JsonToken.VALUE_STRING ? parser.getText() : skip(parser);
                case "model" -> event.model = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "timestamp" -> event.timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "credits" -> event.credits = credits(parser, value);
                case "tokens" -> {
                    if (value == JsonToken.START_OBJECT) {
                        eventTokens(parser, event);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        return event;
    }

    private void eventTokens(JsonParser parser, Usage event) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "input" -> event.input = count(parser);
                case "output" -> event.output = count(parser);
                case "total" -> event.total = count(parser);
                default -> parser.skipChildren();
            }
        }
    }

    /** {@code env.initial.trees[0]}: the workspace the thread began in, by name and location. */
    private void environment(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("initial") && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String inner = parser.currentName();
                    JsonToken trees = parser.nextToken();
                    if (inner.equals("trees") && trees == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            tree(parser);
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    private void tree(JsonParser parser) throws IOException {
        boolean first = project == null && cwd == null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (first && field.equals("displayName") && value == JsonToken.VALUE_STRING) {
                project = parser.getText();
            } else if (first && field.equals("uri") && value == JsonToken.VALUE_STRING) {
                cwd = filePath(parser.getText());
            } else {
                parser.skipChildren();
            }
        }
    }

    /** The path of a {@code file:} URI, or null. */
    private static String filePath(String uri) {
        try {
            URI parsed = new URI(uri);
            return "file".equals(parsed.getScheme()) ? parsed.getPath() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private long count(JsonParser parser) throws IOException {
        long count = JsonCounts.count(parser);
        if (count == JsonCounts.NOT_A_COUNT) {
            invalid = ErrorCode.BAD_USAGE;
            return 0;
        }
        return count;
    }

    private static double credits(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            return parser.getDoubleValue();
        }
        parser.skipChildren();
        return Double.NaN;
    }

    private static String skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static Usage skipUsage(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    /**
     * One turn. Amp's input leaves the cache out, its cache writes are of the default (5-minute) kind, and its output
     * holds any thinking; a call with a total only is billed as output.
     */
    private void writeTurn(Usage call, long micros, String key, String thread, long offset) {
        boolean totalOnly = call.input == 0 && call.output == 0 && call.cacheWrite == 0 && call.cacheRead == 0;
        long output = totalOnly ? call.total : call.output;
        RowBatch b = turns;
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, project != null ? project : "");
        if (cwd != null) {
            b.setString(TurnColumn.CWD, cwd);
        }
        b.setString(TurnColumn.SESSION_ID, thread);
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, micros);
        // Messages and events are numbered within their thread: the key is the thread's and theirs.
        b.setString(TurnColumn.MESSAGE_ID, key);
        if (call.model != null) {
            b.setString(TurnColumn.MODEL, call.model);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, call.input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, output);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, call.cacheWrite);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, call.cacheRead);
        b.setLong(TurnColumn.REASONING_TOKENS, 0);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, call.input + call.cacheWrite + call.cacheRead);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        if (!Double.isNaN(call.credits)) {
            b.setDouble(TurnColumn.AGENT_COST, call.credits);
        }
        rows.host(b, TurnColumn.HOST);
        int price = call.model != null ? rows.priceIndex(call.model.getBytes(StandardCharsets.UTF_8))
                : PriceTable.UNPRICED;
        rows.endTurn(price, false);
    }
}
