package io.tokenomics.ingest.gemini;

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
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a Gemini CLI session file whole, with Jackson's streaming parser (the files are small): a session is one
 * JSON document with a {@code messages} array, or JSON Lines whose first record holds the session's metadata and
 * whose later records are messages (a message written again when its tokens arrive replaces the earlier copy) and
 * {@code $set} / {@code $rewindTo} edits, which change no spend. The file is one record for the scan: a file that
 * does not parse is left for the next run, like an unfinished last line.
 */
final class GeminiReader extends LineReader {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] AGENT = "gemini".getBytes(StandardCharsets.US_ASCII);

    private final RowSink rows;
    private final RowBatch turns;
    private ScannedFile file;
    private byte[] project;
    private long lineEnd;
    private ErrorCode error;
    /** The session's messages with tokens, by id, in the order they first came. */
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private String sessionId;
    private ErrorCode invalid;

    /** One model response with its token counts. */
    private record Message(String id, long micros, String model, long input, long output, long cached,
            long thoughts, long tool) {
    }

    GeminiReader(RowSink rows) {
        this.rows = rows;
        this.turns = rows.turns();
    }

    @Override
    public void beginSegment(ScannedFile scanned) {
        file = scanned;
        project = projectOf(new String(scanned.path, StandardCharsets.UTF_8));
    }

    @Override
    public int parse(long start, long limit) {
        lineEnd = limit;
        error = null;
        messages.clear();
        sessionId = null;
        invalid = null;
        byte[] bytes = new byte[(int) Math.min(Integer.MAX_VALUE, limit - start)];
        NativeMemory.copy(start, bytes, 0, bytes.length);
        try (JsonParser parser = JSON.createParser(bytes)) {
            JsonToken token;
            boolean any = false;
            while ((token = parser.nextToken()) != null) {
                if (token != JsonToken.START_OBJECT) {
                    error = ErrorCode.NOT_AN_OBJECT;
                    return REJECTED;
                }
                any = true;
                record(parser);
            }
            return any ? OK : BLANK;
        } catch (IOException e) {
            error = ErrorCode.MALFORMED;
            return REJECTED;
        }
    }

    @Override
    public long lineEnd() {
        return lineEnd;
    }

    @Override
    public ErrorCode error() {
        return error;
    }

    @Override
    public ErrorCode onLine(long offset) {
        if (invalid != null) {
            return invalid;
        }
        byte[] session = (sessionId != null ? sessionId : new String(file.session, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        for (Message m : messages.values()) {
            rows.usageLine();
            writeTurn(m, session, offset);
        }
        return null;
    }

    @Override
    public void flush() {
        // Every turn is written as its file is read.
    }

    /** Reads one object: a session document, its metadata record, a message, or an edit. */
    private void record(JsonParser parser) throws IOException {
        String id = null;
        String type = null;
        String timestamp = null;
        String model = null;
        long[] tokens = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "sessionId" -> sessionId = value == JsonToken.VALUE_STRING ? parser.getText() : sessionId;
                case "messages" -> {
                    if (value == JsonToken.START_ARRAY) {
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            record(parser);
                        }
                    } else {
                        parser.skipChildren();
                    }
                }
                case "id" -> id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "timestamp" -> timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "model" -> model = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                case "tokens" -> tokens = value == JsonToken.START_OBJECT ? tokens(parser) : skip(parser);
                default -> parser.skipChildren();
            }
        }
        if ("gemini".equals(type) && tokens != null) {
            long micros = micros(timestamp);
            if (micros == Timestamps.INVALID) {
                invalid = ErrorCode.BAD_TIMESTAMP;
                return;
            }
            String key = id != null ? id : "@" + parser.currentLocation().getByteOffset();
            messages.put(key, new Message(key, micros, model, tokens[0], tokens[1], tokens[2], tokens[3],
                    tokens[4]));
        }
    }

    /** The counters {@code input, output, cached, thoughts, tool}; a value that is no count marks the file. */
    private long[] tokens(JsonParser parser) throws IOException {
        long[] counts = new long[5];
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            int slot = switch (field) {
                case "input" -> 0;
                case "output" -> 1;
                case "cached" -> 2;
                case "thoughts" -> 3;
                case "tool" -> 4;
                default -> -1;
            };
            if (slot < 0) {
                parser.skipChildren();
                continue;
            }
            if (value == JsonToken.VALUE_NULL) {
                continue;
            }
            if (value != JsonToken.VALUE_NUMBER_INT || parser.getBigIntegerValue().signum() < 0
                    || parser.getBigIntegerValue().bitLength() > 63 || parser.getLongValue() > JsonCursor.MAX_COUNT) {
                invalid = ErrorCode.BAD_USAGE;
                parser.skipChildren();
                continue;
            }
            counts[slot] = parser.getLongValue();
        }
        return counts;
    }

    private static long[] skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private static long micros(String timestamp) {
        return timestamp == null ? Timestamps.INVALID : Timestamps.parseLenient(timestamp);
    }

    /**
     * One turn per message. Input counts the cached tokens and tool tokens are prompt too: uncached input is input
     * less cached plus tool; thoughts are billed as output and kept apart as reasoning.
     */
    private void writeTurn(Message m, byte[] session, long offset) {
        RowBatch b = turns;
        long input = Math.max(0, m.input() - m.cached()) + m.tool();
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, project, 0, project.length);
        b.setString(TurnColumn.SESSION_ID, session, 0, session.length);
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, m.micros());
        // Ids are unique within a session: the key is the session's and the message's, so that a session copied into
        // another file (a checkpoint) counts once.
        b.setString(TurnColumn.MESSAGE_ID, "gemini:" + new String(session, StandardCharsets.UTF_8) + ":" + m.id());
        if (m.model() != null) {
            b.setString(TurnColumn.MODEL, m.model());
        }
        b.setLong(TurnColumn.INPUT_TOKENS, input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, m.output() + m.thoughts());
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, m.cached());
        b.setLong(TurnColumn.REASONING_TOKENS, m.thoughts());
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, input + m.cached());
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        rows.host(b, TurnColumn.HOST);
        int price = m.model() != null ? rows.priceIndex(m.model().getBytes(StandardCharsets.UTF_8))
                : PriceTable.UNPRICED;
        rows.endTurn(price, false);
    }

    /** The folder above {@code chats}: Gemini CLI names it by the project's hash (or name). */
    private static byte[] projectOf(String path) {
        String[] parts = path.split("[/\\\\]");
        for (int i = parts.length - 2; i > 0; i--) {
            if (parts[i].equals("chats")) {
                return parts[i - 1].getBytes(StandardCharsets.UTF_8);
            }
        }
        return new byte[0];
    }
}
