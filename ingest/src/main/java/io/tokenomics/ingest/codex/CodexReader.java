package io.tokenomics.ingest.codex;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.ScannedFile;
import java.util.Arrays;

/**
 * Turns the lines of Codex CLI rollouts into turns, for one worker. Token counts are cumulative per rollout, so a
 * rollout is read whole and in order by one worker ({@link CodexSource#linesStandAlone()}); a turn is an increase
 * of {@code info.total_token_usage} (docs/formats.md, "Codex CLI rollouts").
 */
final class CodexReader extends LineReader {
    private static final byte[] AGENT = CodexLineParser.ascii("codex");
    private static final byte[] SESSION_META = CodexLineParser.ascii("session_meta");
    private static final byte[] TURN_CONTEXT = CodexLineParser.ascii("turn_context");
    private static final byte[] TOKEN_COUNT = CodexLineParser.ascii("token_count");
    private static final byte[] TASK_STARTED = CodexLineParser.ascii("task_started");
    private static final byte[] KEY_PREFIX = CodexLineParser.ascii("codex:");
    private static final byte[] COLON = CodexLineParser.ascii(":");
    private static final byte[] LAST_KEY = CodexLineParser.ascii(":last:");
    private static final byte[] LONG_MIN = CodexLineParser.ascii(Long.toString(Long.MIN_VALUE));

    private final RowSink rows;
    private final RowBatch turns;
    private final CodexLineParser parser = new CodexLineParser();
    private final CodexLine line = new CodexLine();

    private ScannedFile file;
    private final CodexLine.Usage previous = new CodexLine.Usage();
    private final CodexLine.Usage delta = new CodexLine.Usage();
    private byte[] model;
    private byte[] session;
    private byte[] cwd;
    /** The last part of {@link #cwd}: the session's project. */
    private byte[] project;
    private byte[] version;
    /** The dedup key of a turn, built here for each turn ({@link #key}). */
    private byte[] key = new byte[256];
    private boolean seenMeta;
    private boolean isChild;
    private long ownStart = Long.MIN_VALUE;
    /** Whether the lines being read are the copy of the parent's history in a child rollout. */
    private boolean replaying;

    CodexReader(RowSink rows) {
        this.rows = rows;
        this.turns = rows.turns();
    }

    @Override
    public void beginSegment(ScannedFile scanned) {
        file = scanned;
        previous.clear();
        model = null;
        session = null;
        cwd(null);
        version = null;
        seenMeta = false;
        isChild = false;
        ownStart = Long.MIN_VALUE;
        replaying = false;
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

    /**
     * Token counts are the increases of {@code info.total_token_usage}: a repeated snapshot counts nothing, a
     * decrease is a counter reset (the event's {@code last_token_usage} counts), an event with only
     * {@code last_token_usage} counts that. In a forked or sub-agent rollout, the parent's history replayed sets the
     * baseline and counts nothing (docs/formats.md, "Forked and sub-agent rollouts").
     */
    @Override
    public ErrorCode onLine(long offset) {
        CodexLine r = line;
        long ts = Timestamps.parseLenient(r.timestamp);
        if (r.type.equalsAscii(SESSION_META)) {
            onSessionMeta(r, ts);
            return null;
        }
        if (r.type.equalsAscii(TURN_CONTEXT) && r.model.present) {
            model = rows.bytes(r.model);
            if (r.cwd.present && cwd == null) {
                cwd(rows.bytes(r.cwd));
            }
            return null;
        }
        if (isChild && r.startedAt >= 0 && r.payloadType.equalsAscii(TASK_STARTED)) {
            // A turn started before the thread itself is the parent's; the first one since is the thread's own.
            replaying = ownStart != Long.MIN_VALUE && r.startedAt < Math.floorDiv(ownStart, 1_000_000L);
            return null;
        }
        if (!r.payloadType.equalsAscii(TOKEN_COUNT) || !r.infoIsObject) {
            return null;
        }
        boolean replayed = isChild && (replaying
                || ts != Timestamps.INVALID && ownStart != Long.MIN_VALUE && ts < ownStart);
        if (r.total.present) {
            if (previous.present && r.total.sameAs(previous)) {
                return null;
            }
            if (!previous.present) {
                delta.copyFrom(r.total);
            } else if (r.total.anyBelow(previous)) {
                delta.copyFrom(r.last.present ? r.last : r.total);
            } else {
                delta.input = r.total.input - previous.input;
                delta.cached = r.total.cached - previous.cached;
                delta.output = r.total.output - previous.output;
                delta.reasoning = r.total.reasoning - previous.reasoning;
                delta.total = r.total.total - previous.total;
            }
            previous.copyFrom(r.total);
        } else if (r.last.present) {
            delta.copyFrom(r.last);
        } else {
            return null;
        }
        if (replayed || (delta.input == 0 && delta.cached == 0 && delta.output == 0 && delta.reasoning == 0)) {
            return null;
        }
        if (ts == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        writeTurn(r, offset, ts);
        return null;
    }

    private void onSessionMeta(CodexLine r, long ts) {
        if (seenMeta) {
            // A later session meta opens the copy of the parent's history. Stamped with the time of the fork, the copy
            // runs to the child's own first turn; with the parent's times, those tell it apart.
            replaying = isChild && ts != Timestamps.INVALID && ownStart != Long.MIN_VALUE && ts >= ownStart;
            return;
        }
        seenMeta = true;
        isChild = r.hasParent;
        session = r.id.present ? rows.bytes(r.id) : null;
        cwd(r.cwd.present ? rows.bytes(r.cwd) : null);
        version = r.cliVersion.present ? rows.bytes(r.cliVersion) : null;
        long own = Timestamps.parseLenient(r.payloadTimestamp);
        ownStart = own != Timestamps.INVALID ? own : ts;
        if (r.model.present) {
            model = rows.bytes(r.model);
        }
    }

    private void writeTurn(CodexLine r, long offset, long ts) {
        RowBatch b = turns;
        long cached = Math.max(0, delta.cached);
        long input = Math.max(0, delta.input - cached);
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        byte[] projectName = cwd != null ? project : file.project;
        b.setString(TurnColumn.PROJECT, projectName, 0, projectName.length);
        if (cwd != null) {
            b.setString(TurnColumn.CWD, cwd, 0, cwd.length);
        }
        byte[] sessionId = session != null ? session : file.session;
        b.setString(TurnColumn.SESSION_ID, sessionId, 0, sessionId.length);
        b.setBool(TurnColumn.IS_SIDECHAIN, isChild);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, ts);
        if (r.timestamp.present && (r.total.present || r.last.present)) {
            // A copied event (an archived copy) is a byte copy: the same time and counters.
            // The key first: building it may grow the array.
            int keyLength = key(r, r.total.present ? r.total : r.last);
            b.setString(TurnColumn.MESSAGE_ID, key, 0, keyLength);
        }
        if (r.model.present) {
            rows.string(b, TurnColumn.MODEL, r.model);
        } else if (model != null) {
            b.setString(TurnColumn.MODEL, model, 0, model.length);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, Math.max(0, delta.output));
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, cached);
        b.setLong(TurnColumn.REASONING_TOKENS, Math.max(0, delta.reasoning));
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, input + cached);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        if (version != null) {
            b.setString(TurnColumn.VERSION, version, 0, version.length);
        }
        rows.host(b, TurnColumn.HOST);
        int price = r.model.present ? rows.priceIndex(r.model)
                : model != null ? rows.priceIndex(model) : PriceTable.UNPRICED;
        rows.endTurn(price, false);
    }

    private void cwd(byte[] path) {
        cwd = path;
        project = path == null ? null : lastPathPart(path);
    }

    /**
     * Writes the dedup key of a turn into {@link #key}, {@code codex:<timestamp>:<counters>} (with {@code :last:}
     * for a turn known by its last counters only), and returns its length: a copied event is a byte copy, with the
     * same time and counters.
     */
    private int key(CodexLine r, CodexLine.Usage u) {
        int time = rows.decode(r.timestamp);
        int need = KEY_PREFIX.length + time + LAST_KEY.length + 5 * 21 + 4;
        if (key.length < need) {
            key = new byte[Math.max(need, key.length * 2)];
        }
        System.arraycopy(KEY_PREFIX, 0, key, 0, KEY_PREFIX.length);
        int n = KEY_PREFIX.length;
        System.arraycopy(rows.scratch(), 0, key, n, time);
        n += time;
        byte[] separator = r.total.present ? COLON : LAST_KEY;
        System.arraycopy(separator, 0, key, n, separator.length);
        n += separator.length;
        n = putDecimal(key, n, u.input);
        key[n++] = ':';
        n = putDecimal(key, n, u.cached);
        key[n++] = ':';
        n = putDecimal(key, n, u.output);
        key[n++] = ':';
        n = putDecimal(key, n, u.reasoning);
        key[n++] = ':';
        return putDecimal(key, n, u.total);
    }

    /** Writes {@code value} in decimal, as {@link Long#toString(long)} does, at {@code at}; returns the end. */
    static int putDecimal(byte[] out, int at, long value) {
        if (value == Long.MIN_VALUE) {
            System.arraycopy(LONG_MIN, 0, out, at, LONG_MIN.length);
            return at + LONG_MIN.length;
        }
        int n = at;
        if (value < 0) {
            out[n++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = n + digits - 1; i >= n; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return n + digits;
    }

    /** The last part of a path, the project name of a Codex session (its cwd's folder). */
    private static byte[] lastPathPart(byte[] path) {
        int end = path.length;
        while (end > 1 && (path[end - 1] == '/' || path[end - 1] == '\\')) {
            end--;
        }
        int start = end;
        while (start > 0 && path[start - 1] != '/' && path[start - 1] != '\\') {
            start--;
        }
        return start == end ? path : Arrays.copyOfRange(path, start, end);
    }
}
