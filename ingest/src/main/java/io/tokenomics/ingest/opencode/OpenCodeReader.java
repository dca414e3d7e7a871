package io.tokenomics.ingest.opencode;

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

/**
 * Reads OpenCode messages with Jackson's streaming parser (a message is a small JSON object): a message file of the
 * older storage, read whole as one record, or a line of a database's messages as {@link OpenCodeDatabase} writes
 * them ({@code {"id","sessionID","data":{...}}}). A message with token counts above zero is one turn, keyed by its
 * id, so that the copy of a message in the database and in a file is one turn. Counting rules: docs/formats.md,
 * "OpenCode".
 */
final class OpenCodeReader extends DocumentReader {
    private final RowSink rows;
    private final RowBatch turns;
    /** The {@code agent} column's value: {@code opencode}, or {@code kilo} for Kilo's database of the same shape. */
    private final byte[] agent;
    /** The dedup key's prefix, {@code <agent>:}. */
    private final String keyPrefix;
    /** Whether records are lines of a database's messages, rather than message files read whole. */
    private final boolean databaseLines;
    private final OpenCodeMessage message = new OpenCodeMessage();

    OpenCodeReader(RowSink rows, String agent, boolean databaseLines) {
        super(databaseLines, false);
        this.rows = rows;
        this.turns = rows.turns();
        this.agent = agent.getBytes(StandardCharsets.US_ASCII);
        this.keyPrefix = agent + ":";
        this.databaseLines = databaseLines;
    }

    @Override
    protected void clear() {
        message.clear();
    }

    /** A database row's columns, or a message file's message. */
    @Override
    protected void read(JsonParser parser) throws IOException {
        if (databaseLines) {
            row(parser);
        } else {
            message.read(parser);
        }
    }

    @Override
    public ErrorCode onLine(long offset) {
        if (message.invalid != null) {
            return message.invalid;
        }
        if (!message.billed()) {
            return null;
        }
        if (message.createdMicros == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        writeTurn(offset);
        return null;
    }

    /** A database row: its {@code id} and {@code session_id} columns name the message its {@code data} holds. */
    private void row(JsonParser parser) throws IOException {
        String id = null;
        String sessionId = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("data") && value == JsonToken.START_OBJECT) {
                message.read(parser);
            } else if (field.equals("id") && value == JsonToken.VALUE_STRING) {
                id = parser.getText();
            } else if (field.equals("sessionID") && value == JsonToken.VALUE_STRING) {
                sessionId = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        message.id = id != null ? id : message.id;
        message.sessionId = sessionId != null ? sessionId : message.sessionId;
    }

    /**
     * One turn. OpenCode's input leaves the cache out, and its cache write is of the default (5-minute) kind. Its
     * reasoning is outside {@code output} unless {@code total} is input + output + cache (OpenCode 1.3 for some
     * OpenAI models), where it is inside; a message with a total only is billed as output.
     */
    private void writeTurn(long offset) {
        OpenCodeMessage m = message;
        long cache = m.cacheRead + m.cacheWrite;
        long output;
        long reasoning;
        if (m.input == 0 && m.output == 0 && m.reasoning == 0 && cache == 0) {
            output = m.total;
            reasoning = 0;
        } else if (m.total == m.input + m.output + cache) {
            output = m.output;
            reasoning = Math.min(m.reasoning, m.output);
        } else {
            output = m.output + m.reasoning;
            reasoning = m.reasoning;
        }
        RowBatch b = turns;
        b.setString(TurnColumn.AGENT, agent, 0, agent.length);
        String directory = m.root != null ? m.root : m.cwd;
        b.setString(TurnColumn.PROJECT, directory != null ? lastFolder(directory) : "");
        if (m.cwd != null) {
            b.setString(TurnColumn.CWD, m.cwd);
        }
        // A message file sits in a folder named by its session; a database row always names its session.
        if (m.sessionId != null) {
            b.setString(TurnColumn.SESSION_ID, m.sessionId);
        } else {
            b.setString(TurnColumn.SESSION_ID, file.project, 0, file.project.length);
        }
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, m.createdMicros);
        // Message ids are unique across sessions: the database's copy and the file's are one turn.
        String id = m.id != null ? m.id : databaseLines ? null : new String(file.session, StandardCharsets.UTF_8);
        if (id != null) {
            b.setString(TurnColumn.MESSAGE_ID, keyPrefix + id);
        }
        String model = m.model();
        if (model != null) {
            b.setString(TurnColumn.MODEL, model);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, m.input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, output);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, m.cacheWrite);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, m.cacheRead);
        b.setLong(TurnColumn.REASONING_TOKENS, reasoning);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, m.input + cache);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        if (!Double.isNaN(m.cost)) {
            b.setDouble(TurnColumn.AGENT_COST, m.cost);
        }
        rows.host(b, TurnColumn.HOST);
        int price = model != null ? rows.priceIndex(priceName(model).getBytes(StandardCharsets.UTF_8))
                : PriceTable.UNPRICED;
        rows.endTurn(price, false);
    }

    /**
     * The name the price table knows a model by: OpenCode names Claude models with a dot where Anthropic has a dash
     * ({@code claude-opus-4.6}, GitHub Copilot's provider).
     */
    static String priceName(String model) {
        for (String family : new String[] {"claude-opus-", "claude-sonnet-", "claude-haiku-"}) {
            int dot = family.length() + 1;
            if (model.startsWith(family) && model.length() > dot + 1 && Character.isDigit(model.charAt(dot - 1))
                    && model.charAt(dot) == '.' && Character.isDigit(model.charAt(dot + 1))) {
                return model.substring(0, dot) + "-" + model.substring(dot + 1);
            }
        }
        return model;
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
