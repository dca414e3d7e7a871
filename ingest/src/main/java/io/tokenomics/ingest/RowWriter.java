package io.tokenomics.ingest;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.CompactionColumn;
import io.tokenomics.columnar.CostKernel;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.PromptColumn;
import io.tokenomics.columnar.RejectColumn;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.ToolResultColumn;
import io.tokenomics.columnar.ToolUseColumn;
import io.tokenomics.columnar.TurnColumn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;

/**
 * Turns parsed lines into rows, for one worker. The lines of one API response usually follow each other (one content
 * block per line, only the last with the final output count): they are collapsed here, keeping the best line by the
 * rule of DESIGN.md section 3 and summing the content measures of all of them, so that the global dedup at commit
 * sees one candidate per response and segment. Full batches are priced by {@link CostKernel} and staged.
 */
final class RowWriter {
    private static final byte[] ASSISTANT = ascii("assistant");
    private static final byte[] USER = ascii("user");
    private static final byte[] SYSTEM = ascii("system");
    private static final byte[] COMPACT_BOUNDARY = ascii("compact_boundary");
    private static final byte[] FAST = ascii("fast");
    private static final byte[] CLAUDE = ascii("claude");
    private static final byte[] CODEX = ascii("codex");
    private static final byte[] SESSION_META = ascii("session_meta");
    private static final byte[] TURN_CONTEXT = ascii("turn_context");
    private static final byte[] TOKEN_COUNT = ascii("token_count");
    private static final byte[] CODEX_KEY = ascii("codex:");
    private static final byte[] COLON = ascii(":");
    private static final byte[] LAST_KEY = ascii(":last:");
    private static final byte[] LONG_MIN = ascii(Long.toString(Long.MIN_VALUE));
    private static final int SAMPLE_BYTES = 200;

    private final WorkerStaging staging;
    private final PriceTable prices;
    private final ModelIndex models;
    private final byte[] host;
    private final RunCounters counters;

    private RowBatch turns;
    private RowBatch toolUses;
    private RowBatch toolResults;
    private RowBatch prompts;
    private RowBatch compactions;
    private RowBatch rejects;
    private int[] priceIndex;
    private boolean[] fast;
    private byte[] scratch = new byte[1024];

    private FileWork file;
    private final LineRecord pending = new LineRecord();
    private final StringView sample = new StringView();
    private boolean hasPending;
    private long pendingOffset;
    private long pendingTimestamp;
    private long pendingToolUses;
    private long pendingTextChars;
    private long pendingThinkingChars;

    // Codex: counters are cumulative per rollout file, read in file order by one worker (DESIGN.md, FORMATS.md 3.9).
    private final CodexRecord.Usage codexPrevious = new CodexRecord.Usage();
    private final CodexRecord.Usage codexDelta = new CodexRecord.Usage();
    private byte[] codexModel;
    private byte[] codexSession;
    private byte[] codexCwd;
    /** The last part of {@link #codexCwd}: the session's project. */
    private byte[] codexProject;
    private byte[] codexVersion;
    /** The dedup key of a Codex turn, built here for each turn ({@link #codexKey}). */
    private byte[] codexKey = new byte[256];
    private boolean codexSeenMeta;
    private boolean codexIsChild;
    private long codexOwnStart = Long.MIN_VALUE;

    RowWriter(WorkerStaging staging, BufferAllocator allocator, int batchRows, PriceTable prices, byte[] host,
            RunCounters counters) {
        this.staging = staging;
        this.prices = prices;
        this.models = new ModelIndex(prices);
        this.host = host;
        this.counters = counters;
        turns = new RowBatch(Table.TURNS, allocator, batchRows);
        priceIndex = new int[batchRows];
        fast = new boolean[batchRows];
        toolUses = new RowBatch(Table.TOOL_USES, allocator, batchRows);
        toolResults = new RowBatch(Table.TOOL_RESULTS, allocator, batchRows);
        prompts = new RowBatch(Table.PROMPTS, allocator, batchRows);
        compactions = new RowBatch(Table.COMPACTIONS, allocator, batchRows);
        rejects = new RowBatch(Table.REJECTS, allocator, batchRows);
    }

    /** Starts a segment of {@code work}: nothing carries over from the previous segment. */
    void beginSegment(FileWork work) {
        flushPending();
        file = work;
        codexPrevious.clear();
        codexModel = null;
        codexSession = null;
        codexCwd(null);
        codexVersion = null;
        codexSeenMeta = false;
        codexIsChild = false;
        codexOwnStart = Long.MIN_VALUE;
    }

    /** Ends the current segment; its mapping may be closed after this. */
    void endSegment() {
        flushPending();
    }

    /**
     * A parsed line starting at byte {@code offset} of the file. Returns null, or why the line cannot be used after
     * all (a usage record without a readable time): the caller then rejects it.
     */
    ErrorCode onLine(LineRecord r, long offset) {
        long ts = timestampOf(r.timestamp);
        boolean assistant = r.type.equalsAscii(ASSISTANT);
        if (r.hasUsage && (assistant || (!r.type.present && (!r.role.present || r.role.equalsAscii(ASSISTANT))))) {
            // A usage record without its own time is rejected, not given a neighbour's: which neighbour a line
            // sees would depend on where a segment or a run started.
            if (ts == Timestamps.INVALID) {
                return ErrorCode.BAD_TIMESTAMP;
            }
            onUsage(r, offset, ts);
        } else if (assistant) {
            counters.assistantWithoutUsage++;
        }
        if (r.toolUses > 0) {
            writeToolUses(r, offset, ts);
        }
        if (r.type.equalsAscii(USER)) {
            onUser(r, offset, ts);
        } else if (r.type.equalsAscii(SYSTEM) && r.subtype.equalsAscii(COMPACT_BOUNDARY)) {
            writeCompaction(r, offset, ts);
        }
        return null;
    }

    /**
     * A Codex rollout line. Token counts are the increases of {@code info.total_token_usage}: a repeated snapshot
     * counts nothing, a decrease is a counter reset (the event's {@code last_token_usage} counts), an event with
     * only {@code last_token_usage} counts that. In a forked or sub-agent rollout, events older than its own session
     * meta are the parent's history replayed: they set the baseline and count nothing.
     */
    ErrorCode onCodexLine(CodexRecord r, long offset) {
        long ts = timestampOf(r.timestamp);
        if (r.type.equalsAscii(SESSION_META)) {
            onCodexSessionMeta(r, ts);
            return null;
        }
        if (r.type.equalsAscii(TURN_CONTEXT) && r.model.present) {
            codexModel = bytes(r.model);
            if (r.cwd.present && codexCwd == null) {
                codexCwd(bytes(r.cwd));
            }
            return null;
        }
        if (!r.payloadType.equalsAscii(TOKEN_COUNT)) {
            return null;
        }
        if (!r.infoIsObject) {
            counters.codexInfoNull++;
            return null;
        }
        boolean replayed = codexIsChild && ts != Timestamps.INVALID && codexOwnStart != Long.MIN_VALUE
                && ts < codexOwnStart;
        if (r.total.present) {
            if (codexPrevious.present && r.total.sameAs(codexPrevious)) {
                counters.codexRepeatsSkipped++;
                return null;
            }
            if (!codexPrevious.present) {
                codexDelta.copyFrom(r.total);
            } else if (r.total.anyBelow(codexPrevious)) {
                counters.codexCounterResets++;
                codexDelta.copyFrom(r.last.present ? r.last : r.total);
            } else {
                codexDelta.input = r.total.input - codexPrevious.input;
                codexDelta.cached = r.total.cached - codexPrevious.cached;
                codexDelta.output = r.total.output - codexPrevious.output;
                codexDelta.reasoning = r.total.reasoning - codexPrevious.reasoning;
                codexDelta.total = r.total.total - codexPrevious.total;
            }
            codexPrevious.copyFrom(r.total);
        } else if (r.last.present) {
            codexDelta.copyFrom(r.last);
        } else {
            return null;
        }
        if (replayed || (codexDelta.input == 0 && codexDelta.cached == 0 && codexDelta.output == 0
                && codexDelta.reasoning == 0)) {
            return null;
        }
        if (ts == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        counters.usageLines++;
        writeCodexTurn(r, offset, ts);
        return null;
    }

    private void onCodexSessionMeta(CodexRecord r, long ts) {
        if (codexSeenMeta) {
            return; // a later session meta opens the copy of the parent's history
        }
        codexSeenMeta = true;
        codexIsChild = r.hasParent;
        codexSession = r.id.present ? bytes(r.id) : null;
        codexCwd(r.cwd.present ? bytes(r.cwd) : null);
        codexVersion = r.cliVersion.present ? bytes(r.cliVersion) : null;
        long own = Timestamps.parseMicros(r.payloadTimestamp);
        codexOwnStart = own != Timestamps.INVALID ? own : ts;
        if (r.model.present) {
            codexModel = bytes(r.model);
        }
    }

    private void writeCodexTurn(CodexRecord r, long offset, long ts) {
        RowBatch b = turns;
        int row = b.rowCount();
        long cached = Math.max(0, codexDelta.cached);
        long input = Math.max(0, codexDelta.input - cached);
        b.setString(TurnColumn.AGENT, CODEX, 0, CODEX.length);
        byte[] project = codexCwd != null ? codexProject : file.projectUtf8;
        b.setString(TurnColumn.PROJECT, project, 0, project.length);
        if (codexCwd != null) {
            b.setString(TurnColumn.CWD, codexCwd, 0, codexCwd.length);
        }
        byte[] session = codexSession != null ? codexSession : file.sessionUtf8;
        b.setString(TurnColumn.SESSION_ID, session, 0, session.length);
        b.setBool(TurnColumn.IS_SIDECHAIN, codexIsChild);
        b.setString(TurnColumn.FILE, file.pathUtf8, 0, file.pathUtf8.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, ts);
        if (r.timestamp.present && (r.total.present || r.last.present)) {
            // A copied event (a replayed parent, an archived copy) is a byte copy: the same time and counters.
            // The key first: building it may grow the array.
            int keyLength = codexKey(r, r.total.present ? r.total : r.last);
            b.setString(TurnColumn.MESSAGE_ID, codexKey, 0, keyLength);
        }
        if (r.model.present) {
            string(b, TurnColumn.MODEL, r.model);
        } else if (codexModel != null) {
            b.setString(TurnColumn.MODEL, codexModel, 0, codexModel.length);
        }
        b.setLong(TurnColumn.INPUT_TOKENS, input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, Math.max(0, codexDelta.output));
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, cached);
        b.setLong(TurnColumn.REASONING_TOKENS, Math.max(0, codexDelta.reasoning));
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, input + cached);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        if (codexVersion != null) {
            b.setString(TurnColumn.VERSION, codexVersion, 0, codexVersion.length);
        }
        b.setString(TurnColumn.HOST, host, 0, host.length);
        priceIndex[row] = r.model.present ? models.indexOf(r.model, this)
                : codexModel != null ? models.indexOf(codexModel) : PriceTable.UNPRICED;
        fast[row] = false;
        b.endRow();
        counters.turnCandidates++;
        if (b.isFull()) {
            handOffTurns();
        }
    }

    private void codexCwd(byte[] cwd) {
        codexCwd = cwd;
        codexProject = cwd == null ? null : lastPathPart(cwd);
    }

    /**
     * Writes the dedup key of a Codex turn into {@link #codexKey}, {@code codex:<timestamp>:<counters>} (with
     * {@code :last:} for a turn known by its last counters only), and returns its length: a copied event is a byte
     * copy, with the same time and counters.
     */
    private int codexKey(CodexRecord r, CodexRecord.Usage u) {
        int time = decode(r.timestamp);
        int need = CODEX_KEY.length + time + LAST_KEY.length + 5 * 21 + 4;
        if (codexKey.length < need) {
            codexKey = new byte[Math.max(need, codexKey.length * 2)];
        }
        System.arraycopy(CODEX_KEY, 0, codexKey, 0, CODEX_KEY.length);
        int n = CODEX_KEY.length;
        System.arraycopy(scratch, 0, codexKey, n, time);
        n += time;
        byte[] separator = r.total.present ? COLON : LAST_KEY;
        System.arraycopy(separator, 0, codexKey, n, separator.length);
        n += separator.length;
        n = putDecimal(codexKey, n, u.input);
        codexKey[n++] = ':';
        n = putDecimal(codexKey, n, u.cached);
        codexKey[n++] = ':';
        n = putDecimal(codexKey, n, u.output);
        codexKey[n++] = ':';
        n = putDecimal(codexKey, n, u.reasoning);
        codexKey[n++] = ':';
        return putDecimal(codexKey, n, u.total);
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

    private byte[] bytes(StringView view) {
        int n = decode(view);
        return java.util.Arrays.copyOf(scratch, n);
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
        return start == end ? path : java.util.Arrays.copyOfRange(path, start, end);
    }

    private void onUsage(LineRecord r, long offset, long ts) {
        counters.usageLines++;
        if (hasPending && r.messageId.present && pending.messageId.sameBytes(r.messageId)) {
            counters.streamedLinesCollapsed++;
            pendingToolUses += r.toolUses;
            pendingTextChars += r.textChars;
            pendingThinkingChars += r.thinkingChars;
            if (isBetter(r, pending)) {
                pending.copyFrom(r);
                pendingOffset = offset;
                pendingTimestamp = ts;
            }
            return;
        }
        flushPending();
        pending.copyFrom(r);
        hasPending = true;
        pendingOffset = offset;
        pendingTimestamp = ts;
        pendingToolUses = r.toolUses;
        pendingTextChars = r.textChars;
        pendingThinkingChars = r.thinkingChars;
    }

    /** The dedup preference: a main-chain line, then more output, then more tokens; ties keep the earlier line. */
    private static boolean isBetter(LineRecord candidate, LineRecord kept) {
        if (candidate.isSidechain != kept.isSidechain) {
            return !candidate.isSidechain;
        }
        if (candidate.outputTokens != kept.outputTokens) {
            return candidate.outputTokens > kept.outputTokens;
        }
        return candidate.totalTokens() > kept.totalTokens();
    }

    private void flushPending() {
        if (!hasPending) {
            return;
        }
        hasPending = false;
        writeTurn(pending, pendingOffset, pendingTimestamp);
    }

    private void writeTurn(LineRecord r, long offset, long ts) {
        RowBatch b = turns;
        int row = b.rowCount();
        b.setString(TurnColumn.AGENT, CLAUDE, 0, CLAUDE.length);
        b.setString(TurnColumn.PROJECT, file.projectUtf8, 0, file.projectUtf8.length);
        string(b, TurnColumn.CWD, r.cwd);
        sessionOf(b, TurnColumn.SESSION_ID, r);
        agentOf(b, TurnColumn.AGENT_ID, r);
        b.setBool(TurnColumn.IS_SIDECHAIN, r.isSidechain);
        b.setString(TurnColumn.FILE, file.pathUtf8, 0, file.pathUtf8.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, ts);
        string(b, TurnColumn.MESSAGE_ID, r.messageId);
        string(b, TurnColumn.REQUEST_ID, r.requestId);
        string(b, TurnColumn.MODEL, r.model);
        long w5 = r.cacheWrite5mTokens();
        long w1 = r.cacheWrite1hTokens();
        b.setLong(TurnColumn.INPUT_TOKENS, r.inputTokens);
        b.setLong(TurnColumn.OUTPUT_TOKENS, r.outputTokens);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, w5);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, w1);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, r.cacheRead);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, r.webSearchRequests);
        string(b, TurnColumn.SERVICE_TIER, r.serviceTier);
        string(b, TurnColumn.SPEED, r.speed);
        string(b, TurnColumn.STOP_REASON, r.stopReason);
        b.setLong(TurnColumn.CONTEXT_TOKENS, r.inputTokens + w5 + w1 + r.cacheRead);
        b.setLong(TurnColumn.TOOL_USES, pendingToolUses);
        b.setLong(TurnColumn.TEXT_CHARS, pendingTextChars);
        b.setLong(TurnColumn.THINKING_CHARS, pendingThinkingChars);
        string(b, TurnColumn.VERSION, r.version);
        string(b, TurnColumn.GIT_BRANCH, r.gitBranch);
        b.setString(TurnColumn.HOST, host, 0, host.length);
        priceIndex[row] = r.model.present ? models.indexOf(r.model, this) : PriceTable.UNPRICED;
        fast[row] = r.speed.equalsAscii(FAST);
        b.endRow();
        counters.turnCandidates++;
        if (b.isFull()) {
            handOffTurns();
        }
    }

    private void handOffTurns() {
        CostKernel.apply(turns, priceIndex, fast, prices);
        staging.append(turns);
    }

    private void writeToolUses(LineRecord r, long offset, long ts) {
        for (int i = 0; i < r.toolUses; i++) {
            RowBatch b = toolUses;
            b.setString(ToolUseColumn.AGENT, CLAUDE, 0, CLAUDE.length);
            sessionOf(b, ToolUseColumn.SESSION_ID, r);
            agentOf(b, ToolUseColumn.AGENT_ID, r);
            string(b, ToolUseColumn.MESSAGE_ID, r.messageId);
            timestamp(b, ToolUseColumn.TS, ts);
            string(b, ToolUseColumn.TOOL_USE_ID, r.toolUseIds[i]);
            string(b, ToolUseColumn.TOOL_NAME, r.toolNames[i]);
            b.setLong(ToolUseColumn.INPUT_BYTES, r.toolInputBytes[i]);
            b.setString(ToolUseColumn.FILE, file.pathUtf8, 0, file.pathUtf8.length);
            b.setLong(ToolUseColumn.LINE_OFFSET, offset);
            b.setString(ToolUseColumn.HOST, host, 0, host.length);
            b.endRow();
            if (b.isFull()) {
                staging.append(b);
            }
        }
    }

    private void onUser(LineRecord r, long offset, long ts) {
        for (int i = 0; i < r.toolResults; i++) {
            RowBatch b = toolResults;
            b.setString(ToolResultColumn.AGENT, CLAUDE, 0, CLAUDE.length);
            sessionOf(b, ToolResultColumn.SESSION_ID, r);
            agentOf(b, ToolResultColumn.AGENT_ID, r);
            timestamp(b, ToolResultColumn.TS, ts);
            string(b, ToolResultColumn.TOOL_USE_ID, r.toolResultIds[i]);
            b.setLong(ToolResultColumn.RESULT_BYTES, r.toolResultBytes[i]);
            b.setBool(ToolResultColumn.IS_ERROR, r.toolResultErrors[i]);
            b.setString(ToolResultColumn.FILE, file.pathUtf8, 0, file.pathUtf8.length);
            b.setLong(ToolResultColumn.LINE_OFFSET, offset);
            b.setString(ToolResultColumn.HOST, host, 0, host.length);
            b.endRow();
            if (b.isFull()) {
                staging.append(b);
            }
        }
        long chars = r.contentIsString ? r.contentStringChars : r.textChars;
        boolean typed = r.contentIsString || r.textBlocks > 0;
        if (typed && r.toolResults == 0 && !r.isMeta && !r.isCompactSummary && !r.isSidechain && chars > 0) {
            RowBatch b = prompts;
            b.setString(PromptColumn.AGENT, CLAUDE, 0, CLAUDE.length);
            sessionOf(b, PromptColumn.SESSION_ID, r);
            agentOf(b, PromptColumn.AGENT_ID, r);
            timestamp(b, PromptColumn.TS, ts);
            string(b, PromptColumn.UUID, r.uuid);
            b.setLong(PromptColumn.CHARS, chars);
            b.setString(PromptColumn.FILE, file.pathUtf8, 0, file.pathUtf8.length);
            b.setLong(PromptColumn.LINE_OFFSET, offset);
            b.setString(PromptColumn.HOST, host, 0, host.length);
            b.endRow();
            if (b.isFull()) {
                staging.append(b);
            }
        }
    }

    private void writeCompaction(LineRecord r, long offset, long ts) {
        RowBatch b = compactions;
        b.setString(CompactionColumn.AGENT, CLAUDE, 0, CLAUDE.length);
        sessionOf(b, CompactionColumn.SESSION_ID, r);
        agentOf(b, CompactionColumn.AGENT_ID, r);
        timestamp(b, CompactionColumn.TS, ts);
        string(b, CompactionColumn.UUID, r.uuid);
        string(b, CompactionColumn.TRIGGER, r.compactTrigger);
        b.setLong(CompactionColumn.PRE_TOKENS, r.compactPreTokens);
        b.setString(CompactionColumn.FILE, file.pathUtf8, 0, file.pathUtf8.length);
        b.setLong(CompactionColumn.LINE_OFFSET, offset);
        b.setString(CompactionColumn.HOST, host, 0, host.length);
        b.endRow();
        if (b.isFull()) {
            staging.append(b);
        }
    }

    /** A line that could not be used: counted, and kept with its position and the first bytes of it. */
    void onReject(ErrorCode code, long offset, long lineNumber, long sampleAddress, int sampleLength) {
        counters.rejects[code.ordinal()]++;
        RowBatch b = rejects;
        b.setString(RejectColumn.FILE, file.pathUtf8, 0, file.pathUtf8.length);
        b.setLong(RejectColumn.LINE_NO, lineNumber);
        b.setLong(RejectColumn.BYTE_OFFSET, offset);
        b.setString(RejectColumn.REASON, code.reason());
        sample.set(sampleAddress, Math.min(SAMPLE_BYTES, Math.max(0, sampleLength)), false);
        string(b, RejectColumn.SAMPLE, sample);
        b.setString(RejectColumn.HOST, host, 0, host.length);
        b.endRow();
        if (b.isFull()) {
            staging.append(b);
        }
    }

    /** Stages every partly filled batch; the writer is done after this. */
    void finish() {
        flushPending();
        if (!turns.isEmpty()) {
            CostKernel.apply(turns, priceIndex, fast, prices);
        }
        for (RowBatch batch : List.of(turns, toolUses, toolResults, prompts, compactions, rejects)) {
            staging.append(batch);
        }
    }

    /** Frees the batches' memory. */
    void close() {
        for (RowBatch batch : List.of(turns, toolUses, toolResults, prompts, compactions, rejects)) {
            batch.close();
        }
    }

    private void sessionOf(RowBatch b, Column column, LineRecord r) {
        if (r.sessionId.present && r.sessionId.length > 0) {
            string(b, column, r.sessionId);
        } else {
            b.setString(column, file.sessionUtf8, 0, file.sessionUtf8.length);
        }
    }

    private void agentOf(RowBatch b, Column column, LineRecord r) {
        if (r.agentId.present && r.agentId.length > 0) {
            string(b, column, r.agentId);
        } else if (file.agentUtf8 != null) {
            b.setString(column, file.agentUtf8, 0, file.agentUtf8.length);
        }
    }

    private static void timestamp(RowBatch b, Column column, long ts) {
        if (ts != Timestamps.INVALID) {
            b.setTimestamp(column, ts);
        }
    }

    /** The time of a line: the fast parse, else the lenient one; {@link Timestamps#INVALID} when it has none. */
    private static long timestampOf(StringView timestamp) {
        long ts = Timestamps.parseMicros(timestamp);
        if (ts == Timestamps.INVALID && timestamp.present && !timestamp.escaped) {
            ts = Timestamps.parseMicrosSlow(timestamp.toString());
        }
        return ts;
    }

    /** Writes a string view as valid UTF-8; an absent view leaves the column NULL. */
    private void string(RowBatch b, Column column, StringView view) {
        if (!view.present || !view.escaped && b.setAsciiString(column, view.address, view.length)) {
            return;
        }
        int n = decode(view);
        b.setString(column, scratch, 0, n);
    }

    /** Decodes the view into the scratch buffer, growing it when needed; returns the decoded length. */
    int decode(StringView view) {
        int needed = Utf8Text.maxDecodedLength(view.length);
        if (needed > scratch.length) {
            scratch = new byte[Math.max(needed, scratch.length * 2)];
        }
        return Utf8Text.decode(view, scratch);
    }

    byte[] scratch() {
        return scratch;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
