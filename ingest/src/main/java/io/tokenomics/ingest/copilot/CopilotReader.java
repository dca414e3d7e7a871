package io.tokenomics.ingest.copilot;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.StringView;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.ScannedFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Copilot CLI's files into turns, for one worker (docs/formats.md, "GitHub Copilot CLI"). In a session's
 * {@code events.jsonl}, each {@code session.shutdown} holds every model's totals since the session began: a turn is
 * the increase of a model's totals since its previous shutdown. In a span file of the OpenTelemetry export, a chat
 * span dated at or before the latest shutdown of its session and model is already in that shutdown; the later spans
 * of a session that has a session state add up to one turn, which the next shutdown replaces; the spans of a session
 * without one are a turn each.
 */
final class CopilotReader extends LineReader {
    private static final byte[] AGENT = JsonCursor.ascii("copilot");
    private static final byte[] SESSION_START = JsonCursor.ascii("session.start");
    private static final byte[] SESSION_RESUME = JsonCursor.ascii("session.resume");
    private static final byte[] SESSION_SHUTDOWN = JsonCursor.ascii("session.shutdown");
    private static final byte[] SPAN = JsonCursor.ascii("span");
    private static final byte[] CHAT = JsonCursor.ascii("chat");
    private static final byte[] CHAT_SPAN_NAME = JsonCursor.ascii("chat ");
    private static final byte[] KEY_PREFIX = JsonCursor.ascii("copilot:");
    /** The name of the interval before a model's first shutdown. */
    private static final byte[] FIRST_INTERVAL = JsonCursor.ascii("start");
    private static final byte[] EMPTY = new byte[0];

    /** A model's totals at its latest shutdown in this file, and the name of the interval that shutdown opened. */
    private static final class ModelTotals {
        final byte[] model;
        final int price;
        long input;
        long output;
        long cacheRead;
        long cacheWrite;
        long reasoning;
        byte[] interval = FIRST_INTERVAL;

        ModelTotals(byte[] model, int price) {
            this.model = model;
            this.price = price;
        }
    }

    /** The spans of a session and model after its latest shutdown: one turn, until the next shutdown replaces it. */
    private static final class OpenInterval {
        final byte[] session;
        final byte[] model;
        final int price;
        final byte[] interval;
        final byte[] cwd;
        final byte[] project;
        long micros = Long.MIN_VALUE;
        long offset;
        long input;
        long output;
        long cacheRead;
        long cacheWrite;
        long reasoning;
        /** Whether spans were added since the turn was last written. */
        boolean unwritten;

        OpenInterval(byte[] session, byte[] model, int price, byte[] interval, byte[] cwd) {
            this.session = session;
            this.model = model;
            this.price = price;
            this.interval = interval;
            this.cwd = cwd;
            this.project = projectOf(cwd);
        }
    }

    private final RowSink rows;
    private final RowBatch turns;
    private final CopilotLineParser parser = new CopilotLineParser();
    private final CopilotLine line = new CopilotLine();
    private ScannedFile file;
    /** The folder the file is in: a session's folder under {@code session-state}, or the span files' folder. */
    private Path folder;

    private byte[] session;
    private byte[] cwd;
    private byte[] project = EMPTY;
    private byte[] version;
    private final List<ModelTotals> totals = new ArrayList<>();

    /** The session states the spans of this file refer to, by session id; null where a session has none. */
    private final Map<String, CopilotShutdowns> sessionStates = new HashMap<>();
    private final List<OpenInterval> open = new ArrayList<>();
    private byte[] lastSpanSession;
    /** The session state of {@link #lastSpanSession}, or null. */
    private CopilotShutdowns lastSpanState;
    private byte[] lastSpanModel;
    private int lastSpanPrice;

    private byte[] key = new byte[256];
    private int keyLength;

    CopilotReader(RowSink rows) {
        this.rows = rows;
        this.turns = rows.turns();
    }

    @Override
    public void beginSegment(ScannedFile scanned) {
        file = scanned;
        folder = Path.of(new String(scanned.path, StandardCharsets.UTF_8)).getParent();
        session = null;
        cwd = null;
        project = EMPTY;
        version = null;
        totals.clear();
        sessionStates.clear();
        open.clear();
        lastSpanSession = null;
        lastSpanState = null;
        lastSpanModel = null;
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
    public ErrorCode onLine(long offset) {
        CopilotLine r = line;
        if (r.hasAttributes) {
            return onSpan(r, offset);
        }
        if (r.type.equalsAscii(SESSION_SHUTDOWN)) {
            return onShutdown(r, offset);
        }
        if (r.type.equalsAscii(SESSION_START) || r.type.equalsAscii(SESSION_RESUME)) {
            onStart(r);
        }
        return null;
    }

    /** The turns of the spans after their session's latest shutdown, as they stand after the lines read so far. */
    @Override
    public void flush() {
        for (OpenInterval o : open) {
            if (o.unwritten) {
                o.unwritten = false;
                keyLength = 0;
                putKey(KEY_PREFIX);
                putKey(o.session);
                putKey(':');
                putKey(o.model != null ? o.model : EMPTY);
                putKey(':');
                putKey(o.interval);
                writeTurn(o.session, o.cwd, o.project, null, o.micros, o.offset, true, o.model, o.price, o.input,
                        o.output, o.cacheRead, o.cacheWrite, o.reasoning);
            }
        }
    }

    private void onStart(CopilotLine r) {
        if (session == null && r.sessionId.present && r.type.equalsAscii(SESSION_START)) {
            session = rows.bytes(r.sessionId);
        }
        if (cwd == null && r.cwd.present) {
            cwd = rows.bytes(r.cwd);
            project = projectOf(cwd);
        }
        if (r.version.present) {
            version = rows.bytes(r.version);
        }
    }

    /**
     * Each model's increase since its previous shutdown in this file (its whole totals at its first, or when a
     * counter went down), keyed by the session, the model and the interval the previous shutdown opened: a session
     * kept in two files, or in two checkpoints, counts each interval once.
     */
    private ErrorCode onShutdown(CopilotLine r, long offset) {
        boolean tokens = false;
        for (int i = 0; i < r.modelCount; i++) {
            tokens |= r.models[i].present && !r.models[i].isZero();
        }
        if (!tokens) {
            return null;
        }
        long ts = Timestamps.parseLenient(r.timestamp);
        if (ts == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        byte[] sessionId = sessionId();
        byte[] closing = rows.bytes(r.id.present ? r.id : r.timestamp);
        for (int i = 0; i < r.modelCount; i++) {
            CopilotLine.Usage u = r.models[i];
            if (!u.present || u.isZero()) {
                continue;
            }
            ModelTotals m = totalsOf(u.model);
            boolean reset = u.input < m.input || u.output < m.output || u.cacheRead < m.cacheRead
                    || u.cacheWrite < m.cacheWrite || u.reasoning < m.reasoning;
            long input = reset ? u.input : u.input - m.input;
            long output = reset ? u.output : u.output - m.output;
            long cacheRead = reset ? u.cacheRead : u.cacheRead - m.cacheRead;
            long cacheWrite = reset ? u.cacheWrite : u.cacheWrite - m.cacheWrite;
            long reasoning = reset ? u.reasoning : u.reasoning - m.reasoning;
            if (input != 0 || output != 0 || cacheRead != 0 || cacheWrite != 0 || reasoning != 0) {
                keyLength = 0;
                putKey(KEY_PREFIX);
                putKey(sessionId);
                putKey(':');
                putKey(m.model);
                putKey(':');
                putKey(m.interval);
                writeTurn(sessionId, cwd, project, version, ts, offset, true, m.model, m.price, input, output,
                        cacheRead, cacheWrite, reasoning);
            }
            m.input = u.input;
            m.output = u.output;
            m.cacheRead = u.cacheRead;
            m.cacheWrite = u.cacheWrite;
            m.reasoning = u.reasoning;
            m.interval = closing;
        }
        return null;
    }

    /** A chat span: counted as the class comment says. Other spans (tools, agent turns) repeat chat spans' usage. */
    private ErrorCode onSpan(CopilotLine r, long offset) {
        CopilotLine.Usage u = r.spanUsage;
        boolean chat = (!r.type.present || r.type.equalsAscii(SPAN))
                && (r.operation.equalsAscii(CHAT) || startsWith(r.name, CHAT_SPAN_NAME));
        if (!chat || !u.present || u.isZero()) {
            return null;
        }
        long ts = r.spanMicros;
        if (ts == Long.MIN_VALUE) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        StringView sessionView = r.conversationId.present ? r.conversationId : r.traceId;
        byte[] spanSession = sessionView.present ? spanSession(sessionView) : file.session;
        CopilotShutdowns state = sessionView.present ? lastSpanState : null;
        StringView modelView = r.responseModel.present ? r.responseModel : r.requestModel;
        byte[] model = modelView.present ? spanModel(modelView) : null;
        int price = model != null ? lastSpanPrice : PriceTable.UNPRICED;
        if (state == null) {
            keyLength = 0;
            boolean keyed = r.traceId.present && r.spanId.present;
            if (keyed) {
                putKey(KEY_PREFIX);
                putKey(spanSession);
                putKey(':');
                putKey(r.traceId);
                putKey(':');
                putKey(r.spanId);
            }
            writeTurn(spanSession, null, EMPTY, null, ts, offset, keyed, model, price, u.input, u.output,
                    u.cacheRead, u.cacheWrite, u.reasoning);
            return null;
        }
        CopilotShutdowns.Latest latest = model != null ? state.of(model, model.length) : null;
        if (latest != null && ts <= latest.micros()) {
            return null; // already in that shutdown's totals
        }
        OpenInterval o = openInterval(spanSession, model, price, latest != null ? latest.interval() : FIRST_INTERVAL,
                state.cwd);
        o.micros = Math.max(o.micros, ts);
        o.offset = offset;
        o.input += u.input;
        o.output += u.output;
        o.cacheRead += u.cacheRead;
        o.cacheWrite += u.cacheWrite;
        o.reasoning += u.reasoning;
        o.unwritten = true;
        return null;
    }

    /** The session a span names; its session state, looked up once per session and file, in {@link #lastSpanState}. */
    private byte[] spanSession(StringView view) {
        int n = rows.decode(view);
        byte[] decoded = rows.scratch();
        if (lastSpanSession != null && Arrays.equals(lastSpanSession, 0, lastSpanSession.length, decoded, 0, n)) {
            return lastSpanSession;
        }
        lastSpanSession = Arrays.copyOf(decoded, n);
        String id = new String(lastSpanSession, StandardCharsets.UTF_8);
        if (!sessionStates.containsKey(id)) {
            sessionStates.put(id, sessionState(id));
        }
        lastSpanState = sessionStates.get(id);
        return lastSpanSession;
    }

    /** A span's model, without its one-million-token suffix, and its price, worked out once per model in a row. */
    private byte[] spanModel(StringView view) {
        int n = rows.decode(view);
        byte[] decoded = rows.scratch();
        int length = CopilotModels.nameLength(decoded, n);
        if (lastSpanModel != null && Arrays.equals(lastSpanModel, 0, lastSpanModel.length, decoded, 0, length)) {
            return lastSpanModel;
        }
        lastSpanModel = Arrays.copyOf(decoded, length);
        lastSpanPrice = rows.priceIndex(lastSpanModel);
        return lastSpanModel;
    }

    /**
     * The Copilot home whose {@code session-state} the spans are matched with: the folder that holds the span files'
     * {@code otel} folder, else {@code $COPILOT_HOME}, else {@code ~/.copilot} (an export file written elsewhere,
     * {@code COPILOT_OTEL_FILE_EXPORTER_PATH}).
     */
    private Path sessionStateHome() {
        if (folder != null && folder.getFileName() != null && folder.getFileName().toString().equals("otel")
                && folder.getParent() != null) {
            return folder.getParent();
        }
        return CopilotSource.home(System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /**
     * The session state of the session {@code id}, or null: also for an id that is no folder's name, which never
     * names a path outside {@code session-state}.
     */
    private CopilotShutdowns sessionState(String id) {
        if (id.isEmpty() || id.equals(".") || id.equals("..") || id.indexOf('/') >= 0 || id.indexOf('\\') >= 0) {
            return null;
        }
        try {
            return CopilotShutdowns.read(sessionStateHome().resolve("session-state").resolve(id)
                    .resolve("events.jsonl"));
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private OpenInterval openInterval(byte[] spanSession, byte[] model, int price, byte[] interval, byte[] spanCwd) {
        for (OpenInterval o : open) {
            if (Arrays.equals(o.session, spanSession) && Arrays.equals(o.model, model)
                    && Arrays.equals(o.interval, interval)) {
                return o;
            }
        }
        OpenInterval o = new OpenInterval(spanSession, model, price, interval, spanCwd);
        open.add(o);
        return o;
    }

    /** The session's id: {@code data.sessionId} of its start, else the name of its folder under session-state. */
    private byte[] sessionId() {
        if (session == null) {
            Path name = folder != null ? folder.getFileName() : null;
            session = name != null ? name.toString().getBytes(StandardCharsets.UTF_8) : file.session;
        }
        return session;
    }

    private ModelTotals totalsOf(StringView model) {
        int n = rows.decode(model);
        byte[] decoded = rows.scratch();
        int length = CopilotModels.nameLength(decoded, n);
        for (ModelTotals m : totals) {
            if (Arrays.equals(m.model, 0, m.model.length, decoded, 0, length)) {
                return m;
            }
        }
        byte[] name = Arrays.copyOf(decoded, length);
        ModelTotals m = new ModelTotals(name, rows.priceIndex(name));
        totals.add(m);
        return m;
    }

    /**
     * One turn. Copilot's input holds the cache reads and writes: uncached input is what is left of it; the cache
     * writes are Anthropic's five-minute ones (Copilot keeps a model's cache for 300 seconds); reasoning is part of
     * output. The key is in {@link #key} when {@code keyed}.
     */
    private void writeTurn(byte[] sessionId, byte[] turnCwd, byte[] turnProject, byte[] turnVersion, long micros,
            long offset, boolean keyed, byte[] model, int price, long input, long output, long cacheRead,
            long cacheWrite, long reasoning) {
        RowBatch b = turns;
        long uncached = Math.max(0, input - cacheRead - cacheWrite);
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, turnProject, 0, turnProject.length);
        if (turnCwd != null) {
            b.setString(TurnColumn.CWD, turnCwd, 0, turnCwd.length);
        }
        b.setString(TurnColumn.SESSION_ID, sessionId, 0, sessionId.length);
        b.setBool(TurnColumn.IS_SIDECHAIN, false);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, micros);
        if (keyed) {
            b.setString(TurnColumn.MESSAGE_ID, key, 0, keyLength);
        }
        if (model != null) {
            b.setString(TurnColumn.MODEL, model, 0, model.length);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, uncached);
        b.setLong(TurnColumn.OUTPUT_TOKENS, output);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, cacheWrite);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, cacheRead);
        b.setLong(TurnColumn.REASONING_TOKENS, reasoning);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, uncached + cacheRead + cacheWrite);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        if (turnVersion != null) {
            b.setString(TurnColumn.VERSION, turnVersion, 0, turnVersion.length);
        }
        rows.host(b, TurnColumn.HOST);
        rows.endTurn(price, false);
    }

    private void putKey(byte[] bytes) {
        ensureKey(bytes.length);
        System.arraycopy(bytes, 0, key, keyLength, bytes.length);
        keyLength += bytes.length;
    }

    private void putKey(char c) {
        ensureKey(1);
        key[keyLength++] = (byte) c;
    }

    private void putKey(StringView view) {
        int n = rows.decode(view);
        ensureKey(n);
        System.arraycopy(rows.scratch(), 0, key, keyLength, n);
        keyLength += n;
    }

    private void ensureKey(int more) {
        if (keyLength + more > key.length) {
            key = Arrays.copyOf(key, Math.max(keyLength + more, key.length * 2));
        }
    }

    private static boolean startsWith(StringView view, byte[] prefix) {
        if (!view.present || view.escaped || view.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (io.tokenomics.ingest.bytes.NativeMemory.getByte(view.address + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The last part of a path, the project name of a session (its working directory's folder); empty for none. */
    private static byte[] projectOf(byte[] path) {
        if (path == null) {
            return EMPTY;
        }
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
