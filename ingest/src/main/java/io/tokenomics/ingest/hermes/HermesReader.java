package io.tokenomics.ingest.hermes;

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
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the session lines {@link HermesDatabase} writes, with Jackson's streaming parser (one small object per
 * session). A session with a token count above zero is one turn holding its totals, keyed by the session's id, so
 * that a session read again after it grew replaces its earlier row. Counting rules: docs/formats.md, "Hermes".
 */
final class HermesReader extends DocumentReader {
    private static final byte[] AGENT = "hermes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PROJECT = AGENT;
    private static final int INPUT = 0;
    private static final int OUTPUT = 1;
    private static final int CACHE_READ = 2;
    private static final int CACHE_WRITE = 3;
    private static final int REASONING = 4;

    private final RowSink rows;
    private final RowBatch turns;
    /** input, output, cache read, cache write, reasoning; 0 where the column is null. */
    private final long[] counts = new long[5];
    private ErrorCode invalid;
    private String id;
    private String model;
    private long startedMicros;
    private double estimatedCost;
    private double actualCost;

    HermesReader(RowSink rows) {
        super(true, false);
        this.rows = rows;
        this.turns = rows.turns();
    }

    @Override
    protected void clear() {
        Arrays.fill(counts, 0);
        invalid = null;
        id = null;
        model = null;
        startedMicros = Timestamps.INVALID;
        estimatedCost = Double.NaN;
        actualCost = Double.NaN;
    }

    @Override
    public ErrorCode onLine(long offset) {
        if (invalid != null) {
            return invalid;
        }
        long[] c = counts;
        if (c[INPUT] == 0 && c[OUTPUT] == 0 && c[CACHE_READ] == 0 && c[CACHE_WRITE] == 0 && c[REASONING] == 0) {
            return null;
        }
        if (startedMicros == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        writeTurn(offset);
        return null;
    }

    @Override
    protected void read(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "model" -> model = value == JsonToken.VALUE_STRING && !parser.getText().isBlank()
                        ? parser.getText().trim() : null;
                case "started_at" -> startedMicros = started(parser, value);
                case "input_tokens" -> counts[INPUT] = count(parser);
                case "output_tokens" -> counts[OUTPUT] = count(parser);
                case "cache_read_tokens" -> counts[CACHE_READ] = count(parser);
                case "cache_write_tokens" -> counts[CACHE_WRITE] = count(parser);
                case "reasoning_tokens" -> counts[REASONING] = count(parser);
                case "estimated_cost_usd" -> estimatedCost = cost(parser, value);
                case "actual_cost_usd" -> actualCost = cost(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    /** A counter: null is none; anything but a whole number of zero or more makes the session a reject. */
    private long count(JsonParser parser) throws IOException {
        long count = JsonCounts.count(parser);
        if (count == JsonCounts.NOT_A_COUNT) {
            invalid = ErrorCode.BAD_USAGE;
            return 0;
        }
        return count;
    }

    /**
     * {@code started_at}: seconds since the epoch with a fraction (Python's {@code time.time()}), or milliseconds,
     * told apart by size; text is read as an instant. INVALID when it is no time of the window.
     */
    private static long started(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return Timestamps.parseLenient(parser.getText());
        }
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            parser.skipChildren();
            return Timestamps.INVALID;
        }
        double number = parser.getDoubleValue();
        double micros = number > 1e12 ? number * 1e3 : number * 1e6;
        return micros >= Timestamps.EARLIEST && micros < Timestamps.LATEST ? (long) micros : Timestamps.INVALID;
    }

    private static double cost(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            double cost = parser.getDoubleValue();
            return cost >= 0 ? cost : Double.NaN;
        }
        parser.skipChildren();
        return Double.NaN;
    }

    /**
     * One turn with a session's totals. Hermes counts reasoning apart from output, and ccusage bills it as output:
     * our output holds both, and {@code reasoning_tokens} says how much was reasoning.
     */
    private void writeTurn(long offset) {
        long[] c = counts;
        RowBatch b = turns;
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, PROJECT, 0, PROJECT.length);
        if (id != null) {
            b.setString(TurnColumn.SESSION_ID, id);
            b.setString(TurnColumn.MESSAGE_ID, "hermes:" + id);
        } else {
            b.setString(TurnColumn.SESSION_ID, file.session, 0, file.session.length);
        }
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, startedMicros);
        if (model != null) {
            b.setString(TurnColumn.MODEL, model);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, c[INPUT]);
        b.setLong(TurnColumn.OUTPUT_TOKENS, c[OUTPUT] + c[REASONING]);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, c[CACHE_WRITE]);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, c[CACHE_READ]);
        b.setLong(TurnColumn.REASONING_TOKENS, c[REASONING]);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, c[INPUT] + c[CACHE_READ] + c[CACHE_WRITE]);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        double cost = Double.isNaN(actualCost) ? estimatedCost : actualCost;
        if (!Double.isNaN(cost)) {
            b.setDouble(TurnColumn.AGENT_COST, cost);
        }
        rows.host(b, TurnColumn.HOST);
        int price = model != null ? rows.priceIndex(model.getBytes(StandardCharsets.UTF_8)) : PriceTable.UNPRICED;
        rows.endTurn(price, false);
    }
}
