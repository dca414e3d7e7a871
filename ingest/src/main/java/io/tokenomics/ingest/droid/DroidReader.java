package io.tokenomics.ingest.droid;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.ScannedFile;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Reads a Factory Droid settings file whole, with Jackson's streaming parser (the files are a few hundred bytes):
 * its {@code tokenUsage} is what the session has spent so far, so the session is one turn, dated when its provider
 * was locked, and a later writing of the file replaces it (docs/formats.md, "Factory Droid sessions"). A file that
 * is not one JSON object is a reject, not an unfinished line: Droid writes the file whole, so a broken one stays
 * broken.
 */
final class DroidReader extends LineReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] AGENT = JsonCursor.ascii("droid");
    private static final String SETTINGS = ".settings.json";
    private static final BigDecimal MAX_COUNT = BigDecimal.valueOf(JsonCursor.MAX_COUNT);

    // The counters of tokenUsage, in this order in {@link #counts}.
    private static final int INPUT = 0;
    private static final int OUTPUT = 1;
    private static final int CACHE_CREATION = 2;
    private static final int CACHE_READ = 3;
    private static final int THINKING = 4;
    private static final int TOTAL = 5;

    private final RowSink rows;
    private final RowBatch turns;
    private byte[] bytes = new byte[4096];
    private ScannedFile file;
    private byte[] project;
    private byte[] session;
    private long lineEnd;
    /** Why the file cannot be used, found while parsing it; the scan hears of it in {@link #onLine}. */
    private ErrorCode problem;
    private boolean hasUsage;
    private final long[] counts = new long[6];
    private String model;
    private String timestamp;

    DroidReader(RowSink rows) {
        this.rows = rows;
        this.turns = rows.turns();
    }

    /** The session is the file's name without {@code .settings.json}; the project the folder it is in. */
    @Override
    public void beginSegment(ScannedFile scanned) {
        file = scanned;
        String[] parts = new String(scanned.path, StandardCharsets.UTF_8).split("[/\\\\]");
        String name = parts[parts.length - 1];
        session = (name.endsWith(SETTINGS) ? name.substring(0, name.length() - SETTINGS.length()) : name)
                .getBytes(StandardCharsets.UTF_8);
        String folder = parts.length >= 2 ? parts[parts.length - 2] : "";
        project = (folder.equals("sessions") ? "" : folder).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int parse(long start, long limit) {
        lineEnd = limit;
        problem = null;
        hasUsage = false;
        Arrays.fill(counts, 0);
        model = null;
        timestamp = null;
        int length = (int) Math.min(Integer.MAX_VALUE, limit - start);
        if (bytes.length < length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        NativeMemory.copy(start, bytes, 0, length);
        try (JsonParser parser = JSON.createParser(bytes, 0, length)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return BLANK;
            }
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                problem = parser.nextToken() == null ? ErrorCode.NOT_AN_OBJECT : ErrorCode.MALFORMED;
                return OK;
            }
            settings(parser);
            if (parser.nextToken() != null) {
                problem = ErrorCode.MALFORMED;
            }
        } catch (IOException e) {
            problem = ErrorCode.MALFORMED;
        }
        return OK;
    }

    @Override
    public long lineEnd() {
        return lineEnd;
    }

    @Override
    public ErrorCode error() {
        return problem;
    }

    /**
     * The session's turn, when its settings hold tokens; none when they hold no {@code tokenUsage} or only zeros
     * (a session that has called no model yet).
     */
    @Override
    public ErrorCode onLine(long offset) {
        if (problem != null) {
            return problem;
        }
        long sum = counts[INPUT] + counts[OUTPUT] + counts[CACHE_CREATION] + counts[CACHE_READ] + counts[THINKING];
        if (!hasUsage || sum == 0 && counts[TOTAL] == 0) {
            return null;
        }
        long micros = timestamp == null ? Timestamps.INVALID : Timestamps.parseLenient(timestamp);
        if (micros == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        writeTurn(offset, micros, Math.max(0, counts[TOTAL] - sum));
        return null;
    }

    @Override
    public void flush() {
        // The turn is written as its file is read.
    }

    /** Reads the settings object: the model, when the provider was locked, and the token counts. */
    private void settings(JsonParser parser) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "model" -> model = value == JsonToken.VALUE_STRING ? parser.getText() : model;
                case "providerLockTimestamp" ->
                        timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : timestamp;
                case "tokenUsage" -> {
                    if (value == JsonToken.START_OBJECT) {
                        tokenUsage(parser);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
    }

    private void tokenUsage(JsonParser parser) throws IOException {
        hasUsage = true;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            int slot = switch (field) {
                case "inputTokens" -> INPUT;
                case "outputTokens" -> OUTPUT;
                case "cacheCreationTokens" -> CACHE_CREATION;
                case "cacheReadTokens" -> CACHE_READ;
                case "thinkingTokens" -> THINKING;
                case "totalTokens" -> TOTAL;
                default -> -1;
            };
            if (slot < 0) {
                parser.skipChildren();
            } else if (value != JsonToken.VALUE_NULL) {
                counts[slot] = count(parser, value);
            }
        }
    }

    /**
     * A counter: a whole number from 0 to {@link JsonCursor#MAX_COUNT} (a float with a zero fraction is whole).
     * Anything else marks the file {@link ErrorCode#BAD_USAGE}: reading it as 0 would hide spend.
     */
    private long count(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal number = parser.getDecimalValue();
            if (number.signum() >= 0 && number.compareTo(MAX_COUNT) <= 0
                    && number.stripTrailingZeros().scale() <= 0) {
                return number.longValueExact();
            }
        }
        parser.skipChildren();
        problem = ErrorCode.BAD_USAGE;
        return 0;
    }

    /**
     * Input, cache writes and cache reads are apart (their sum with output and thinking is Droid's total); thinking
     * is billed as output, and so is whatever of a total the parts do not account for.
     */
    private void writeTurn(long offset, long micros, long unaccounted) {
        RowBatch b = turns;
        long input = counts[INPUT];
        long cacheWrite = counts[CACHE_CREATION];
        long cacheRead = counts[CACHE_READ];
        String name = model == null ? null : modelName(model);
        int price = name == null ? PriceTable.UNPRICED : rows.priceIndex(name.getBytes(StandardCharsets.UTF_8));
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, project, 0, project.length);
        b.setString(TurnColumn.SESSION_ID, session, 0, session.length);
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, micros);
        // The file holds the session's counts so far: every writing of it names the same spend, the session.
        b.setString(TurnColumn.MESSAGE_ID, "droid:" + new String(session, StandardCharsets.UTF_8));
        if (name != null) {
            b.setString(TurnColumn.MODEL, name);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, counts[OUTPUT] + counts[THINKING] + unaccounted);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, cacheWrite);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, cacheRead);
        b.setLong(TurnColumn.REASONING_TOKENS, counts[THINKING]);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, input + cacheWrite + cacheRead);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        rows.host(b, TurnColumn.HOST);
        rows.endTurn(price, false);
    }

    /**
     * Droid names a model for its menu ({@code Claude-Sonnet-4-[Anthropic]}, {@code custom:BYOK-GPT-5-MINI-0} for a
     * model of the user's own): without the {@code custom:} prefix and the bracketed provider, lower case, spaces as
     * dashes, no dash twice or at an end.
     */
    static String modelName(String raw) {
        String name = raw.startsWith("custom:") ? raw.substring("custom:".length()) : raw;
        StringBuilder out = new StringBuilder(name.length());
        int brackets = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '[') {
                brackets++;
            } else if (c == ']') {
                brackets = Math.max(0, brackets - 1);
            } else if (brackets == 0) {
                char next = Character.isWhitespace(c) ? '-' : c;
                if (next != '-' || out.length() > 0 && out.charAt(out.length() - 1) != '-') {
                    out.append(next);
                }
            }
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == '-') {
            out.setLength(out.length() - 1);
        }
        return out.length() == 0 ? null : out.toString().toLowerCase(Locale.ROOT);
    }
}
