package io.tokenomics.ingest.pi;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.StringView;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.DedupKey;
import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.ScannedFile;
import java.nio.charset.StandardCharsets;

/**
 * Turns the lines of pi's session files, and of OpenClaw's (which writes pi's format), into turns, for one worker: an
 * assistant message whose {@code usage} holds a count above zero is one model call (docs/formats.md, "pi and
 * OpenClaw"). Its key is its time and counters, which every copy of the message keeps (a forked session, an archived
 * copy of a transcript).
 */
final class PiReader extends LineReader {
    private static final byte[] MESSAGE = JsonCursor.ascii("message");
    private static final byte[] ASSISTANT = JsonCursor.ascii("assistant");
    private static final byte[] MODEL_CHANGE = JsonCursor.ascii("model_change");
    private static final byte[] CUSTOM = JsonCursor.ascii("custom");
    private static final byte[] MODEL_SNAPSHOT = JsonCursor.ascii("model-snapshot");
    /** Exact powers of ten as doubles: a mantissa below 2^53 divided by one is rounded as the decimal would be. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

    private final RowSink rows;
    private final RowBatch turns;
    private final PiLineParser parser = new PiLineParser();
    private final PiLine line = new PiLine();
    private final DedupKey key = new DedupKey();
    private final byte[] agent;
    private final byte[] keyPrefix;
    /**
     * OpenClaw's rules rather than pi's: a message without a model takes the last model change's, its own time comes
     * before its entry's, and the session is named by the file up to {@code .jsonl}.
     */
    private final boolean openClaw;
    private ScannedFile file;
    private byte[] project;
    private byte[] session;
    /** The model of the last model change read in this file (OpenClaw), or null. */
    private byte[] changedModel;

    PiReader(RowSink rows, String agent, boolean openClaw) {
        this.rows = rows;
        this.turns = rows.turns();
        this.agent = agent.getBytes(StandardCharsets.US_ASCII);
        this.keyPrefix = (agent + ":").getBytes(StandardCharsets.US_ASCII);
        this.openClaw = openClaw;
    }

    /**
     * pi: {@code <sessions>/<project>/<time>_<session>.jsonl}. OpenClaw:
     * {@code agents/<agent>/sessions/<session>.jsonl} and its archived copies {@code <session>.jsonl.deleted.<time>},
     * {@code <session>.jsonl.reset.<time>}.
     */
    @Override
    public void beginSegment(ScannedFile scanned) {
        file = scanned;
        changedModel = null;
        String[] parts = new String(scanned.path, StandardCharsets.UTF_8).split("[/\\\\]");
        String name = parts[parts.length - 1];
        int extension = name.indexOf(".jsonl");
        String stem = extension > 0 ? name.substring(0, extension) : name;
        String folder = parts.length > 1 ? parts[parts.length - 2] : "";
        if (openClaw) {
            session = stem.getBytes(StandardCharsets.UTF_8);
            project = (folder.equals("sessions") && parts.length > 2 ? parts[parts.length - 3] : folder)
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            int underscore = stem.indexOf('_');
            session = (underscore >= 0 ? stem.substring(underscore + 1) : stem).getBytes(StandardCharsets.UTF_8);
            project = folder.getBytes(StandardCharsets.UTF_8);
        }
    }

    @Override
    public int parse(long start, long limit) {
        return parser.parse(start, limit, line);
    }

    @Override
    public long lineEnd() {
        return parser.lineEnd();
    }

    @Override
    public ErrorCode error() {
        return parser.error();
    }

    @Override
    public void flush() {
        // Every turn is written as its line is read.
    }

    @Override
    public ErrorCode onLine(long offset) {
        PiLine r = line;
        if (openClaw && r.changedModel.present && (r.type.equalsAscii(MODEL_CHANGE)
                || r.type.equalsAscii(CUSTOM) && r.customType.equalsAscii(MODEL_SNAPSHOT))) {
            changedModel = rows.bytes(r.changedModel);
            return null;
        }
        if (r.type.present && !r.type.equalsAscii(MESSAGE) || !r.hasUsage || !r.role.equalsAscii(ASSISTANT)) {
            return null;
        }
        if (r.input == 0 && r.output == 0 && r.cacheRead == 0 && r.cacheWrite == 0 && r.total == 0) {
            return null;
        }
        long entryTime = Timestamps.parseLenient(r.timestamp);
        long messageTime = messageTime(r);
        long ts = openClaw ? (messageTime != Timestamps.INVALID ? messageTime : entryTime)
                : (entryTime != Timestamps.INVALID ? entryTime : messageTime);
        if (ts == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        writeTurn(r, offset, ts, messageTime != Timestamps.INVALID ? messageTime : ts);
        return null;
    }

    /**
     * pi's input leaves the cache out, but for Gemini models it is the whole prompt (Google's count), which the total
     * then shows: a total of input + output + cache write, with cache reads, holds them inside the input. A total
     * beyond the parts is output where the output is 0, and otherwise not billed, as ccusage does.
     */
    private void writeTurn(PiLine r, long offset, long ts, long keyTime) {
        long input = r.input;
        if (r.cacheRead > 0 && input >= r.cacheRead && r.total == input + r.output + r.cacheWrite) {
            input -= r.cacheRead;
        }
        long parts = input + r.output + r.cacheRead + r.cacheWrite;
        long output = r.output == 0 && r.total > parts ? r.total - parts : r.output;
        RowBatch b = turns;
        key.start(keyPrefix).appendDecimal(keyTime).append(':').appendDecimal(r.input).append(':')
                .appendDecimal(r.output).append(':').appendDecimal(r.cacheRead).append(':')
                .appendDecimal(r.cacheWrite).write(b, TurnColumn.MESSAGE_ID);
        b.setString(TurnColumn.AGENT, agent, 0, agent.length);
        b.setString(TurnColumn.PROJECT, project, 0, project.length);
        b.setString(TurnColumn.SESSION_ID, session, 0, session.length);
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, ts);
        int price = PriceTable.UNPRICED;
        if (r.model.present) {
            rows.string(b, TurnColumn.MODEL, r.model);
            price = rows.priceIndex(r.model);
        } else if (openClaw && changedModel != null) {
            b.setString(TurnColumn.MODEL, changedModel, 0, changedModel.length);
            price = rows.priceIndex(changedModel);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, output);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, r.cacheWrite);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, r.cacheRead);
        b.setLong(TurnColumn.REASONING_TOKENS, 0);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, input + r.cacheRead + r.cacheWrite);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        double cost = decimal(r.cost);
        if (!Double.isNaN(cost)) {
            b.setDouble(TurnColumn.AGENT_COST, cost);
        }
        rows.host(b, TurnColumn.HOST);
        rows.endTurn(price, false);
    }

    /** The message's own time: milliseconds since the epoch, or an ISO time; INVALID when it has none. */
    private static long messageTime(PiLine r) {
        if (!r.messageTimeIsNumber) {
            return Timestamps.parseLenient(r.messageTime);
        }
        long millis = wholeNumber(r.messageTime);
        long micros = millis >= 0 && millis < Long.MAX_VALUE / 1_000 ? millis * 1_000 : Timestamps.INVALID;
        return micros >= Timestamps.EARLIEST && micros < Timestamps.LATEST ? micros : Timestamps.INVALID;
    }

    /** The number a view holds when it is a whole number of at most 18 digits, else -1. */
    private static long wholeNumber(StringView number) {
        if (!number.present || number.length == 0 || number.length > 18) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < number.length; i++) {
            int digit = NativeMemory.getByte(number.address + i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * The number a view holds, NaN when absent or no number. A plain decimal of up to 15 digits is read in place;
     * an exponent or a longer one goes through the JDK's parser.
     */
    private static double decimal(StringView number) {
        if (!number.present) {
            return Double.NaN;
        }
        long mantissa = 0;
        int digits = 0;
        int fraction = -1;
        boolean negative = NativeMemory.getByte(number.address) == '-';
        for (int i = negative ? 1 : 0; i < number.length; i++) {
            byte b = NativeMemory.getByte(number.address + i);
            if (b == '.' && fraction < 0) {
                fraction = 0;
            } else if (b >= '0' && b <= '9' && digits < 15) {
                mantissa = mantissa * 10 + (b - '0');
                digits++;
                fraction += fraction >= 0 ? 1 : 0;
            } else {
                return decimalSlow(number);
            }
        }
        double value = mantissa / POWERS_OF_TEN[Math.max(0, fraction)];
        return negative ? -value : value;
    }

    private static double decimalSlow(StringView number) {
        try {
            return Double.parseDouble(number.toString());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
