package io.tokenomics.ingest.goose;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.DocumentReader;
import io.tokenomics.ingest.source.RowSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

/**
 * Reads the session lines {@link GooseDatabase} writes, with Jackson's streaming parser (one small object per
 * session). A session with a token count above zero is one turn holding its totals, keyed by the session's id, so
 * that a session read again after it grew replaces its earlier row. Counting rules: docs/formats.md, "Goose".
 */
final class GooseReader extends DocumentReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] AGENT = "goose".getBytes(StandardCharsets.US_ASCII);
    private static final int INPUT = 0;
    private static final int OUTPUT = 1;
    private static final int TOTAL = 2;
    /** Where the {@code accumulated_} counters sit in {@link #counters}, after the three of the last exchange. */
    private static final int ACCUMULATED = 3;

    private final RowSink rows;
    private final RowBatch turns;
    /** input, output, total, then the accumulated three; 0 where the column is null. */
    private final long[] counters = new long[6];
    private ErrorCode invalid;
    private String id;
    private String createdAt;
    private String workingDir;
    private String modelConfig;

    GooseReader(RowSink rows) {
        super(true, false);
        this.rows = rows;
        this.turns = rows.turns();
    }

    @Override
    public ErrorCode onLine(long offset) {
        if (invalid != null) {
            return invalid;
        }
        long input = counter(INPUT);
        long output = counter(OUTPUT);
        long total = counter(TOTAL);
        if (input == 0 && output == 0 && total == 0) {
            return null;
        }
        long micros = createdAt != null ? micros(createdAt) : Timestamps.INVALID;
        if (micros == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        writeTurn(offset, micros, input, output, Math.max(0, total - input - output));
        return null;
    }

    @Override
    protected void clear() {
        Arrays.fill(counters, 0);
        invalid = null;
        id = null;
        createdAt = null;
        workingDir = null;
        modelConfig = null;
    }

    @Override
    protected void read(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            String text = value == JsonToken.VALUE_STRING ? parser.getText() : null;
            switch (field) {
                case "id" -> id = text;
                case "created_at" -> createdAt = text;
                case "working_dir" -> workingDir = text;
                case "model_config" -> modelConfig = text;
                case "input" -> counters[INPUT] = count(parser, value);
                case "output" -> counters[OUTPUT] = count(parser, value);
                case "total" -> counters[TOTAL] = count(parser, value);
                case "accumulated_input" -> counters[ACCUMULATED + INPUT] = count(parser, value);
                case "accumulated_output" -> counters[ACCUMULATED + OUTPUT] = count(parser, value);
                case "accumulated_total" -> counters[ACCUMULATED + TOTAL] = count(parser, value);
                default -> parser.skipChildren();
            }
        }
    }

    /** A counter: null is none; anything but a whole number of zero or more makes the session a reject. */
    private long count(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
                && parser.getLongValue() >= 0) {
            return parser.getLongValue();
        }
        invalid = ErrorCode.BAD_USAGE;
        return 0;
    }

    /** The session's totals since it began where Goose keeps them, else those of its last exchange. */
    private long counter(int which) {
        long accumulated = counters[ACCUMULATED + which];
        return accumulated > 0 ? accumulated : counters[which];
    }

    /**
     * {@code created_at} as Goose and SQLite write it: an instant, or {@code YYYY-MM-DD HH:MM:SS} in UTC (SQLite's
     * {@code CURRENT_TIMESTAMP}); seconds or milliseconds since the epoch, told apart by size.
     */
    private static long micros(String text) {
        String trimmed = text.trim();
        if (!trimmed.isEmpty() && trimmed.length() <= 18 && trimmed.chars().allMatch(Character::isDigit)) {
            long number = Long.parseLong(trimmed);
            long millis = number > 1_000_000_000_000L ? number : number * 1_000;
            return Timestamps.parseLenient(Instant.ofEpochMilli(millis).toString());
        }
        if (trimmed.length() > 10 && trimmed.charAt(10) == ' ') {
            trimmed = trimmed.substring(0, 10) + 'T' + trimmed.substring(11);
        }
        return Timestamps.parseLenient(trimmed);
    }

    /**
     * One turn with a session's totals. Goose keeps no cache counts; what its total holds beyond input and output is
     * billed as output and counted as reasoning, as ccusage does.
     */
    private void writeTurn(long offset, long micros, long input, long output, long extra) {
        RowBatch b = turns;
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, workingDir != null ? lastFolder(workingDir) : "");
        if (workingDir != null) {
            b.setString(TurnColumn.CWD, workingDir);
        }
        if (id != null) {
            b.setString(TurnColumn.SESSION_ID, id);
            b.setString(TurnColumn.MESSAGE_ID, "goose:" + id);
        } else {
            b.setString(TurnColumn.SESSION_ID, file.session, 0, file.session.length);
        }
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, micros);
        String model = modelName(modelConfig);
        if (model != null) {
            b.setString(TurnColumn.MODEL, model);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, output + extra);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, 0);
        b.setLong(TurnColumn.REASONING_TOKENS, extra);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, input);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        rows.host(b, TurnColumn.HOST);
        int price = model != null ? rows.priceIndex(model.getBytes(StandardCharsets.UTF_8)) : PriceTable.UNPRICED;
        rows.endTurn(price, false);
    }

    /** {@code model_name} of the session's model configuration (a JSON object); null where it has none. */
    static String modelName(String config) {
        if (config == null) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(config)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("model_name") && value == JsonToken.VALUE_STRING && !parser.getText().isBlank()) {
                    return parser.getText().trim();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String lastFolder(String directory) {
        int end = directory.length();
        while (end > 1 && (directory.charAt(end - 1) == '/' || directory.charAt(end - 1) == '\\')) {
            end--;
        }
        int start = Math.max(directory.lastIndexOf('/', end - 1), directory.lastIndexOf('\\', end - 1)) + 1;
        return directory.substring(start, end);
    }
}
