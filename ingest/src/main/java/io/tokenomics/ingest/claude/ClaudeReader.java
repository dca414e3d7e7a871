package io.tokenomics.ingest.claude;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.CompactionColumn;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.PromptColumn;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.ToolResultColumn;
import io.tokenomics.columnar.ToolUseColumn;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.StringView;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.ScannedFile;
import io.tokenomics.ingest.source.ToolInput;

/**
 * Turns the lines of Claude Code transcripts into rows, for one worker. The lines of one API response usually follow
 * each other (one content block per line, only the last with the final output count): they are collapsed here,
 * keeping the best line by the dedup rule of docs/formats.md and summing the content measures of all of them, so
 * that the commit's global dedup sees one candidate per response and segment.
 */
final class ClaudeReader extends LineReader {
    private static final byte[] AGENT = ClaudeLineParser.ascii("claude");
    private static final byte[] ASSISTANT = ClaudeLineParser.ascii("assistant");
    private static final byte[] USER = ClaudeLineParser.ascii("user");
    private static final byte[] SYSTEM = ClaudeLineParser.ascii("system");
    private static final byte[] COMPACT_BOUNDARY = ClaudeLineParser.ascii("compact_boundary");
    private static final byte[] FAST = ClaudeLineParser.ascii("fast");
    private static final byte[] BASH = ClaudeLineParser.ascii("Bash");

    private final RowSink rows;
    private final RowBatch turns;
    private final RowBatch toolUses;
    private final RowBatch toolResults;
    private final RowBatch prompts;
    private final RowBatch compactions;
    private final ClaudeLineParser parser = new ClaudeLineParser();
    private final ClaudeLine line = new ClaudeLine();
    private final ToolInput toolInput = new ToolInput();

    private ScannedFile file;
    /** The best line of the response being read, written once a line of another response comes. */
    private final ClaudeLine pending = new ClaudeLine();
    private boolean hasPending;
    private long pendingOffset;
    private long pendingTimestamp;
    private long pendingToolUses;
    private long pendingTextChars;
    private long pendingThinkingChars;

    ClaudeReader(RowSink rows) {
        this.rows = rows;
        this.turns = rows.turns();
        this.toolUses = rows.batch(Table.TOOL_USES);
        this.toolResults = rows.batch(Table.TOOL_RESULTS);
        this.prompts = rows.batch(Table.PROMPTS);
        this.compactions = rows.batch(Table.COMPACTIONS);
    }

    @Override
    public void beginSegment(ScannedFile scanned) {
        flush();
        file = scanned;
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
        ClaudeLine r = line;
        long ts = Timestamps.parseLenient(r.timestamp);
        boolean assistant = r.type.equalsAscii(ASSISTANT);
        if (r.hasUsage && (assistant || (!r.type.present && (!r.role.present || r.role.equalsAscii(ASSISTANT))))) {
            // A usage record without its own time is rejected, not given a neighbour's: which neighbour a line
            // sees would depend on where a segment or a run started.
            if (ts == Timestamps.INVALID) {
                return ErrorCode.BAD_TIMESTAMP;
            }
            onUsage(r, offset, ts);
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

    @Override
    public void flush() {
        if (!hasPending) {
            return;
        }
        hasPending = false;
        writeTurn(pending, pendingOffset, pendingTimestamp);
    }

    private void onUsage(ClaudeLine r, long offset, long ts) {
        rows.usageLine();
        if (hasPending && r.messageId.present && pending.messageId.sameBytes(r.messageId)) {
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
        flush();
        pending.copyFrom(r);
        hasPending = true;
        pendingOffset = offset;
        pendingTimestamp = ts;
        pendingToolUses = r.toolUses;
        pendingTextChars = r.textChars;
        pendingThinkingChars = r.thinkingChars;
    }

    /** The dedup preference: a main-chain line, then more output, then more tokens; ties keep the earlier line. */
    private static boolean isBetter(ClaudeLine candidate, ClaudeLine kept) {
        if (candidate.isSidechain != kept.isSidechain) {
            return !candidate.isSidechain;
        }
        if (candidate.outputTokens != kept.outputTokens) {
            return candidate.outputTokens > kept.outputTokens;
        }
        return candidate.totalTokens() > kept.totalTokens();
    }

    private void writeTurn(ClaudeLine r, long offset, long ts) {
        RowBatch b = turns;
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, file.project, 0, file.project.length);
        rows.string(b, TurnColumn.CWD, r.cwd);
        sessionOf(b, TurnColumn.SESSION_ID, r);
        agentOf(b, TurnColumn.AGENT_ID, r);
        b.setBool(TurnColumn.IS_SIDECHAIN, r.isSidechain);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, ts);
        rows.string(b, TurnColumn.MESSAGE_ID, r.messageId);
        rows.string(b, TurnColumn.REQUEST_ID, r.requestId);
        rows.string(b, TurnColumn.MODEL, r.model);
        long w5 = r.cacheWrite5mTokens();
        long w1 = r.cacheWrite1hTokens();
        b.setLong(TurnColumn.INPUT_TOKENS, r.inputTokens);
        b.setLong(TurnColumn.OUTPUT_TOKENS, r.outputTokens);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, w5);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, w1);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, r.cacheRead);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, r.webSearchRequests);
        rows.string(b, TurnColumn.SERVICE_TIER, r.serviceTier);
        rows.string(b, TurnColumn.SPEED, r.speed);
        rows.string(b, TurnColumn.STOP_REASON, r.stopReason);
        b.setLong(TurnColumn.CONTEXT_TOKENS, r.inputTokens + w5 + w1 + r.cacheRead);
        b.setLong(TurnColumn.TOOL_USES, pendingToolUses);
        b.setLong(TurnColumn.TEXT_CHARS, pendingTextChars);
        b.setLong(TurnColumn.THINKING_CHARS, pendingThinkingChars);
        rows.string(b, TurnColumn.VERSION, r.version);
        rows.string(b, TurnColumn.GIT_BRANCH, r.gitBranch);
        rows.host(b, TurnColumn.HOST);
        rows.endTurn(r.model.present ? rows.priceIndex(r.model) : PriceTable.UNPRICED, r.speed.equalsAscii(FAST));
    }

    private void writeToolUses(ClaudeLine r, long offset, long ts) {
        for (int i = 0; i < r.toolUses; i++) {
            RowBatch b = toolUses;
            b.setString(ToolUseColumn.AGENT, AGENT, 0, AGENT.length);
            sessionOf(b, ToolUseColumn.SESSION_ID, r);
            agentOf(b, ToolUseColumn.AGENT_ID, r);
            rows.string(b, ToolUseColumn.MESSAGE_ID, r.messageId);
            RowSink.timestamp(b, ToolUseColumn.TS, ts);
            rows.string(b, ToolUseColumn.TOOL_USE_ID, r.toolUseIds[i]);
            rows.string(b, ToolUseColumn.TOOL_NAME, r.toolNames[i]);
            b.setLong(ToolUseColumn.INPUT_BYTES, r.toolInputBytes[i]);
            writeToolInput(b, r.toolTargets[i], r.toolNames[i].equalsAscii(BASH) ? r.toolCommands[i] : null);
            b.setString(ToolUseColumn.FILE, file.path, 0, file.path.length);
            b.setLong(ToolUseColumn.LINE_OFFSET, offset);
            rows.host(b, ToolUseColumn.HOST);
            rows.endRow(b);
        }
    }

    /** The target file's hash and kind, and a Bash call's program and git subcommand; never their text. */
    private void writeToolInput(RowBatch b, StringView target, StringView command) {
        ToolInput in = toolInput;
        in.readTarget(target);
        if (in.hasTarget()) {
            b.setLong(ToolUseColumn.TARGET_PATH_HASH, in.targetHash());
            b.setBool(ToolUseColumn.TARGET_IS_MEMORY_FILE, in.targetIsMemoryFile());
        }
        if (command == null) {
            return;
        }
        in.readCommand(command);
        if (in.programLength() > 0) {
            b.setString(ToolUseColumn.PROGRAM, in.program(), 0, in.programLength());
        }
        if (in.gitSubcommandLength() > 0) {
            b.setString(ToolUseColumn.GIT_SUBCOMMAND, in.gitSubcommand(), 0, in.gitSubcommandLength());
        }
    }

    private void onUser(ClaudeLine r, long offset, long ts) {
        for (int i = 0; i < r.toolResults; i++) {
            RowBatch b = toolResults;
            b.setString(ToolResultColumn.AGENT, AGENT, 0, AGENT.length);
            sessionOf(b, ToolResultColumn.SESSION_ID, r);
            agentOf(b, ToolResultColumn.AGENT_ID, r);
            RowSink.timestamp(b, ToolResultColumn.TS, ts);
            rows.string(b, ToolResultColumn.TOOL_USE_ID, r.toolResultIds[i]);
            b.setLong(ToolResultColumn.RESULT_BYTES, r.toolResultBytes[i]);
            b.setBool(ToolResultColumn.IS_ERROR, r.toolResultErrors[i]);
            b.setString(ToolResultColumn.FILE, file.path, 0, file.path.length);
            b.setLong(ToolResultColumn.LINE_OFFSET, offset);
            rows.host(b, ToolResultColumn.HOST);
            rows.endRow(b);
        }
        long chars = r.contentIsString ? r.contentStringChars : r.textChars;
        boolean typed = r.contentIsString || r.textBlocks > 0;
        if (typed && r.toolResults == 0 && !r.isMeta && !r.isCompactSummary && !r.isSidechain && chars > 0) {
            RowBatch b = prompts;
            b.setString(PromptColumn.AGENT, AGENT, 0, AGENT.length);
            sessionOf(b, PromptColumn.SESSION_ID, r);
            agentOf(b, PromptColumn.AGENT_ID, r);
            RowSink.timestamp(b, PromptColumn.TS, ts);
            rows.string(b, PromptColumn.UUID, r.uuid);
            b.setLong(PromptColumn.CHARS, chars);
            b.setString(PromptColumn.FILE, file.path, 0, file.path.length);
            b.setLong(PromptColumn.LINE_OFFSET, offset);
            rows.host(b, PromptColumn.HOST);
            rows.endRow(b);
        }
    }

    private void writeCompaction(ClaudeLine r, long offset, long ts) {
        RowBatch b = compactions;
        b.setString(CompactionColumn.AGENT, AGENT, 0, AGENT.length);
        sessionOf(b, CompactionColumn.SESSION_ID, r);
        agentOf(b, CompactionColumn.AGENT_ID, r);
        RowSink.timestamp(b, CompactionColumn.TS, ts);
        rows.string(b, CompactionColumn.UUID, r.uuid);
        rows.string(b, CompactionColumn.TRIGGER, r.compactTrigger);
        b.setLong(CompactionColumn.PRE_TOKENS, r.compactPreTokens);
        b.setString(CompactionColumn.FILE, file.path, 0, file.path.length);
        b.setLong(CompactionColumn.LINE_OFFSET, offset);
        rows.host(b, CompactionColumn.HOST);
        rows.endRow(b);
    }

    private void sessionOf(RowBatch b, Column column, ClaudeLine r) {
        if (r.sessionId.present && r.sessionId.length > 0) {
            rows.string(b, column, r.sessionId);
        } else {
            b.setString(column, file.session, 0, file.session.length);
        }
    }

    private void agentOf(RowBatch b, Column column, ClaudeLine r) {
        if (r.agentId.present && r.agentId.length > 0) {
            rows.string(b, column, r.agentId);
        } else if (file.agent != null) {
            b.setString(column, file.agent, 0, file.agent.length);
        }
    }
}
