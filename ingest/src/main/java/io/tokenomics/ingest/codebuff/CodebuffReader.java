package io.tokenomics.ingest.codebuff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.DocumentReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.ScannedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Codebuff chat ({@code chat-messages.json}, one JSON array of messages rewritten as the chat goes on) whole,
 * with Jackson's streaming parser: each assistant message with token counts is one turn, keyed by the chat and the
 * message's id (else its place in the array), so that a chat read again counts each call once. Counting rules:
 * docs/formats.md, "Codebuff".
 */
final class CodebuffReader extends DocumentReader {
    private static final byte[] AGENT = "codebuff".getBytes(StandardCharsets.US_ASCII);

    private final RowSink rows;
    private final RowBatch turns;
    private final List<Message> messages = new ArrayList<>();
    /** {@code <channel>/<project>/<chat>}, from the file's place. */
    private String session;
    private String project;
    /** The chat's start, from its folder's name; INVALID where the name is no time. */
    private long chatMicros;

    /** What a turn needs of one assistant message. */
    private static final class Message {
        int ordinal;
        String id;
        String role;
        long micros = Timestamps.INVALID;
        long metadataMicros = Timestamps.INVALID;
        String model;
        double credits;
        CodebuffUsage usage;
        CodebuffUsage codebuffUsage;
        CodebuffUsage runStateUsage;
    }

    CodebuffReader(RowSink rows) {
        super(false, true);
        this.rows = rows;
        this.turns = rows.turns();
    }

    /** {@code <channel>/projects/<project>/chats/<chat>/chat-messages.json}. */
    @Override
    public void beginSegment(ScannedFile scanned) {
        super.beginSegment(scanned);
        String[] parts = new String(scanned.path, StandardCharsets.UTF_8).split("[/\\\\]");
        String chat = part(parts, 2);
        project = part(parts, 4);
        session = part(parts, 6) + "/" + project + "/" + chat;
        int t = chat.indexOf('T');
        String time = t < 0 ? "" : chat.substring(0, t + 1) + chat.substring(t + 1).replaceFirst("-", ":")
                .replaceFirst("-", ":");
        chatMicros = t < 0 ? Timestamps.INVALID : Timestamps.parseLenient(time);
    }

    @Override
    protected void clear() {
        messages.clear();
    }

    @Override
    public ErrorCode onLine(long offset) {
        List<CodebuffUsage> usages = new ArrayList<>(messages.size());
        for (Message m : messages) {
            CodebuffUsage usage = merged(m);
            if (usage.invalid) {
                return ErrorCode.BAD_USAGE;
            }
            usages.add(usage);
            if (usage.billed() && time(m) == Timestamps.INVALID) {
                return ErrorCode.BAD_TIMESTAMP;
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            if (usages.get(i).billed()) {
                rows.usageLine();
                writeTurn(messages.get(i), usages.get(i), offset);
            }
        }
        return null;
    }

    /** A message's {@code metadata.usage}, completed from {@code metadata.codebuff.usage}, then from its run state. */
    private static CodebuffUsage merged(Message m) {
        CodebuffUsage usage = m.usage != null ? m.usage : new CodebuffUsage();
        usage.model = m.model != null ? m.model : usage.model;
        if (m.codebuffUsage != null) {
            usage.fillFrom(m.codebuffUsage);
        }
        if (m.runStateUsage != null) {
            usage.fillFrom(m.runStateUsage);
        }
        usage.credits = usage.credits > 0 ? usage.credits : m.credits;
        return usage;
    }

    /** The message's {@code timestamp} or {@code createdAt}, else its metadata's, else the chat's start. */
    private long time(Message m) {
        return m.micros != Timestamps.INVALID ? m.micros
                : m.metadataMicros != Timestamps.INVALID ? m.metadataMicros : chatMicros;
    }

    @Override
    protected void read(JsonParser parser) throws IOException {
        int ordinal = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (token == JsonToken.START_OBJECT) {
                Message m = message(parser);
                m.ordinal = ordinal;
                if ("ai".equals(m.role) || "agent".equals(m.role) || "assistant".equals(m.role)) {
                    messages.add(m);
                }
            } else {
                parser.skipChildren();
            }
            ordinal++;
        }
    }

    private static Message message(JsonParser parser) throws IOException {
        Message m = new Message();
        String variant = null;
        String role = null;
        long timestamp = Timestamps.INVALID;
        long createdAt = Timestamps.INVALID;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "id" -> m.id = CodebuffUsage.text(parser, value);
                case "variant" -> variant = CodebuffUsage.text(parser, value);
                case "role" -> role = CodebuffUsage.text(parser, value);
                case "timestamp" -> timestamp = micros(parser, value);
                case "createdAt" -> createdAt = micros(parser, value);
                case "credits" -> m.credits = CodebuffUsage.credits(parser, value);
                case "metadata" -> {
                    if (value == JsonToken.START_OBJECT) {
                        metadata(parser, m);
                    } else {
                        parser.skipChildren();
                    }
                }
                default -> parser.skipChildren();
            }
        }
        m.role = variant != null ? variant : role;
        m.micros = timestamp != Timestamps.INVALID ? timestamp : createdAt;
        return m;
    }

    private static void metadata(JsonParser parser, Message m) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "model" -> m.model = CodebuffUsage.text(parser, value);
                case "timestamp" -> m.metadataMicros = micros(parser, value);
                case "usage" -> m.usage = value == JsonToken.START_OBJECT ? CodebuffUsage.read(parser) : skip(parser);
                case "codebuff" -> m.codebuffUsage = value == JsonToken.START_OBJECT ? nestedUsage(parser)
                        : skip(parser);
                case "runState" -> m.runStateUsage = value == JsonToken.START_OBJECT ? runState(parser)
                        : skip(parser);
                default -> parser.skipChildren();
            }
        }
    }

    /** {@code {"usage": {...}, "model": ...}}: the usage, with the object's model where the usage names none. */
    private static CodebuffUsage nestedUsage(JsonParser parser) throws IOException {
        CodebuffUsage usage = null;
        String model = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("usage") && value == JsonToken.START_OBJECT) {
                usage = CodebuffUsage.read(parser);
            } else if (field.equals("model")) {
                model = CodebuffUsage.text(parser, value);
            } else {
                parser.skipChildren();
            }
        }
        if (usage == null) {
            usage = new CodebuffUsage();
        }
        usage.model = model != null ? model : usage.model;
        return usage;
    }

    /**
     * {@code runState.sessionState.mainAgentState.messageHistory}: each assistant entry's
     * {@code providerOptions.usage}, completed from {@code providerOptions.codebuff.usage}; the latest entry's counts
     * win, each missing one taken from the entries before it.
     */
    private static CodebuffUsage runState(JsonParser parser) throws IOException {
        CodebuffUsage found = null;
        String[] levels = {"sessionState", "mainAgentState", "messageHistory"};
        for (int i = 0; i < levels.length; i++) {
            if (!descend(parser, levels[i])) {
                // The object that lacked the field is closed; the ones around it are not.
                return closeLevels(parser, i, null);
            }
        }
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            parser.skipChildren();
            return closeLevels(parser, levels.length, null);
        }
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY && token != null) {
            if (token != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            CodebuffUsage entry = historyEntry(parser);
            if (entry != null) {
                if (found != null) {
                    entry.fillFrom(found);
                }
                found = entry;
            }
        }
        return closeLevels(parser, levels.length, found);
    }

    /** Moves into the field {@code name} of the object the parser is in, skipping the others; false without it. */
    private static boolean descend(JsonParser parser, String name) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals(name) && (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY)) {
                return true;
            }
            parser.skipChildren();
        }
        return false;
    }

    /** Skips what is left of the {@code open} objects {@link #runState} is still in, and returns {@code found}. */
    private static CodebuffUsage closeLevels(JsonParser parser, int open, CodebuffUsage found) throws IOException {
        for (int level = 0; level < open; level++) {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                parser.nextToken();
                parser.skipChildren();
            }
        }
        return found;
    }

    /** An entry of the run state's history: its usage where it is an assistant's with usage or a model, else null. */
    private static CodebuffUsage historyEntry(JsonParser parser) throws IOException {
        String role = null;
        CodebuffUsage usage = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("role")) {
                role = CodebuffUsage.text(parser, value);
            } else if (field.equals("providerOptions") && value == JsonToken.START_OBJECT) {
                usage = providerOptions(parser);
            } else {
                parser.skipChildren();
            }
        }
        boolean counts = usage != null && (usage.billed() || usage.model != null || usage.invalid);
        return "assistant".equals(role) && counts ? usage : null;
    }

    private static CodebuffUsage providerOptions(JsonParser parser) throws IOException {
        CodebuffUsage usage = null;
        CodebuffUsage codebuff = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("usage") && value == JsonToken.START_OBJECT) {
                usage = CodebuffUsage.read(parser);
            } else if (field.equals("codebuff") && value == JsonToken.START_OBJECT) {
                codebuff = nestedUsage(parser);
            } else {
                parser.skipChildren();
            }
        }
        if (usage == null) {
            return codebuff;
        }
        if (codebuff != null) {
            String model = codebuff.model != null ? codebuff.model : usage.model;
            usage.fillFrom(codebuff);
            usage.model = model;
        }
        return usage;
    }

    /** A time: an instant as text, or seconds (below 10^10) or milliseconds since the epoch. */
    private static long micros(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return Timestamps.parseLenient(parser.getText());
        }
        if (value == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            long number = parser.getLongValue();
            long micros = number > 0 && number < 10_000_000_000L ? number * 1_000_000
                    : number > 0 && number < Long.MAX_VALUE / 1_000 ? number * 1_000 : Timestamps.INVALID;
            return micros >= Timestamps.EARLIEST && micros < Timestamps.LATEST ? micros : Timestamps.INVALID;
        }
        parser.skipChildren();
        return Timestamps.INVALID;
    }

    private static CodebuffUsage skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return null;
    }

    private void writeTurn(Message m, CodebuffUsage u, long offset) {
        long input = u.cacheReadInPrompt ? Math.max(0, u.input - u.cacheRead) : u.input;
        RowBatch b = turns;
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, project);
        b.setString(TurnColumn.SESSION_ID, session);
        b.setString(TurnColumn.MESSAGE_ID, "codebuff:" + session + ":" + (m.id != null ? m.id : "@" + m.ordinal));
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, time(m));
        if (u.model != null) {
            b.setString(TurnColumn.MODEL, u.model);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, u.output + u.extra);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, u.cacheWrite);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, u.cacheRead);
        b.setLong(TurnColumn.REASONING_TOKENS, 0);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, input + u.cacheRead + u.cacheWrite);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        if (u.credits > 0) {
            b.setDouble(TurnColumn.AGENT_COST, u.credits);
        }
        rows.host(b, TurnColumn.HOST);
        int price = u.model != null ? rows.priceIndex(u.model.getBytes(StandardCharsets.UTF_8)) : PriceTable.UNPRICED;
        rows.endTurn(price, false);
    }

    /** The path's part {@code fromEnd} from its end (1: the file's name), or empty. */
    private static String part(String[] parts, int fromEnd) {
        return parts.length > fromEnd ? parts[parts.length - fromEnd] : "";
    }
}
