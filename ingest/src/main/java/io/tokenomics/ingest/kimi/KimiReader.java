package io.tokenomics.ingest.kimi;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
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
 * Turns the records of Kimi wire files into turns, for one worker: each Kimi Code {@code usage.record} and each
 * kimi-cli {@code StatusUpdate} with a {@code token_usage} is one model call (docs/formats.md, "Kimi wire files").
 * Each record stands alone.
 */
final class KimiReader extends LineReader {
    private static final byte[] AGENT = JsonCursor.ascii("kimi");
    private static final byte[] USAGE_RECORD = JsonCursor.ascii("usage.record");
    private static final byte[] MAIN = JsonCursor.ascii("main");
    private static final byte[] KEY_PREFIX = JsonCursor.ascii("kimi:");

    private final RowSink rows;
    private final RowBatch turns;
    private final KimiLineParser parser = new KimiLineParser();
    private final KimiLine line = new KimiLine();
    private final DedupKey key = new DedupKey();
    private ScannedFile file;
    private byte[] project;
    private byte[] session;
    /** The sub-agent whose file this is ({@code agents/<id>/} or {@code subagents/<id>/}), or null for the main one. */
    private byte[] fileAgent;

    KimiReader(RowSink rows) {
        this.rows = rows;
        this.turns = rows.turns();
    }

    /**
     * The session and project from the path: {@code sessions/<project>/<session>/wire.jsonl} (kimi-cli), with a
     * sub-agent's file in {@code <session>/subagents/<id>/}, or {@code <session>/agents/<id>/} (Kimi Code).
     */
    @Override
    public void beginSegment(ScannedFile scanned) {
        file = scanned;
        String[] parts = new String(scanned.path, StandardCharsets.UTF_8).split("[/\\\\]");
        int folder = parts.length - 2;
        boolean agentFolder = folder >= 2
                && (parts[folder - 1].equals("agents") || parts[folder - 1].equals("subagents"));
        int sessionAt = agentFolder ? folder - 2 : folder;
        fileAgent = agentFolder && !parts[folder].equals("main") ? parts[folder].getBytes(StandardCharsets.UTF_8)
                : null;
        session = sessionAt >= 0 ? parts[sessionAt].getBytes(StandardCharsets.UTF_8) : scanned.session;
        project = sessionAt >= 1 ? parts[sessionAt - 1].getBytes(StandardCharsets.UTF_8) : new byte[0];
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
        KimiLine r = line;
        boolean usageRecord = r.usage.present && r.type.equalsAscii(USAGE_RECORD);
        if (!usageRecord && !r.isStatusUpdate) {
            return null;
        }
        if (r.micros == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        if (usageRecord) {
            boolean namedAgent = r.agentId.present && r.agentId.length > 0 && !r.agentId.equalsAscii(MAIN);
            writeTurn(r, r.usage, offset, namedAgent ? r.agentId : null, namedAgent || fileAgent != null, false);
        } else {
            boolean forwarded = r.statusDepth > 0;
            StringView subagent = forwarded && r.subagentId.present && r.subagentId.length > 0 ? r.subagentId : null;
            writeTurn(r, r.statusUsage, offset, subagent, forwarded || fileAgent != null,
                    r.messageId.present && r.messageIdDepth == r.statusDepth);
        }
        return null;
    }

    /**
     * Input is the uncached input ({@code inputOther}); cache creation is written at the 5-minute rate, as the
     * Anthropic API that alone reports it bills by default; output is all of the output.
     */
    private void writeTurn(KimiLine r, KimiLine.Usage u, long offset, StringView agent, boolean sidechain,
            boolean byMessageId) {
        RowBatch b = turns;
        // A copy of a record (a forked session's, a sub-agent's step forwarded to its parent) names the same call:
        // by the response id where the record has one, else by its time and counters.
        key.start(KEY_PREFIX);
        if (byMessageId) {
            key.append(rows, r.messageId);
        } else {
            key.appendDecimal(r.micros).append(':').appendDecimal(u.inputOther).append(':').appendDecimal(u.output)
                    .append(':').appendDecimal(u.cacheRead).append(':').appendDecimal(u.cacheCreation);
        }
        key.write(b, TurnColumn.MESSAGE_ID);
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, project, 0, project.length);
        b.setString(TurnColumn.SESSION_ID, session, 0, session.length);
        if (agent != null) {
            rows.string(b, TurnColumn.AGENT_ID, agent);
        } else if (fileAgent != null) {
            b.setString(TurnColumn.AGENT_ID, fileAgent, 0, fileAgent.length);
        }
        b.setBool(TurnColumn.IS_SIDECHAIN, sidechain);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, r.micros);
        rows.string(b, TurnColumn.MODEL, r.model);
        b.setLong(TurnColumn.INPUT_TOKENS, u.inputOther);
        b.setLong(TurnColumn.OUTPUT_TOKENS, u.output);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, u.cacheCreation);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, u.cacheRead);
        b.setLong(TurnColumn.REASONING_TOKENS, 0);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, u.inputOther + u.cacheCreation + u.cacheRead);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        rows.host(b, TurnColumn.HOST);
        rows.endTurn(r.model.present ? rows.priceIndex(r.model) : PriceTable.UNPRICED, false);
    }
}
