package io.tokenomics.ingest.qwen;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.TurnColumn;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.source.DedupKey;
import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.ScannedFile;
import java.nio.charset.StandardCharsets;

/**
 * Turns the records of Qwen Code chats into turns, for one worker: an {@code assistant} record with token counts in
 * its {@code usageMetadata} is one model call (docs/formats.md, "Qwen Code chats"). Each record stands alone.
 */
final class QwenReader extends LineReader {
    private static final byte[] AGENT = JsonCursor.ascii("qwen");
    private static final byte[] ASSISTANT = JsonCursor.ascii("assistant");
    private static final byte[] KEY_PREFIX = JsonCursor.ascii("qwen:");

    private final RowSink rows;
    private final RowBatch turns;
    private final QwenLineParser parser = new QwenLineParser();
    private final QwenLine line = new QwenLine();
    private final DedupKey key = new DedupKey();
    private ScannedFile file;
    /** The folder above {@code chats}: Qwen Code's name for the project (its working directory, made a name). */
    private byte[] project;
    /** The file's name without {@code .jsonl}: Qwen Code names a chat by its session. */
    private byte[] stem;

    QwenReader(RowSink rows) {
        this.rows = rows;
        this.turns = rows.turns();
    }

    @Override
    public void beginSegment(ScannedFile scanned) {
        file = scanned;
        String[] parts = new String(scanned.path, StandardCharsets.UTF_8).split("[/\\\\]");
        String name = parts[parts.length - 1];
        stem = (name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name)
                .getBytes(StandardCharsets.UTF_8);
        project = new byte[0];
        for (int i = parts.length - 2; i > 0; i--) {
            if (parts[i].equals("chats")) {
                project = parts[i - 1].getBytes(StandardCharsets.UTF_8);
                break;
            }
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

    /**
     * An {@code assistant} record whose {@code usageMetadata} holds a counter is a turn. One without (an empty
     * object, a stream cut before its usage came) billed nothing we can see and makes no turn.
     */
    @Override
    public ErrorCode onLine(long offset) {
        QwenLine r = line;
        if (!r.hasUsage || !r.type.equalsAscii(ASSISTANT)) {
            return null;
        }
        long ts = Timestamps.parseLenient(r.timestamp);
        if (ts == Timestamps.INVALID) {
            return ErrorCode.BAD_TIMESTAMP;
        }
        rows.usageLine();
        writeTurn(r, offset, ts);
        return null;
    }

    /**
     * The prompt count includes the cached tokens, which are billed at the cache rate: uncached input is the prompt
     * less the cached tokens, plus the tool-use prompt. Thoughts are billed as output; they are apart from the
     * candidates (Gemini's count), unless the total says the candidates already hold them (an OpenAI-compatible
     * provider's completion tokens, converted by Qwen Code).
     */
    private void writeTurn(QwenLine r, long offset, long ts) {
        RowBatch b = turns;
        long input = Math.max(0, r.prompt - r.cached) + r.toolUsePrompt;
        boolean thoughtsInCandidates = r.hasTotal && r.thoughts > 0
                && r.total == r.prompt + r.toolUsePrompt + r.candidates;
        long output = thoughtsInCandidates ? r.candidates : r.candidates + r.thoughts;
        if (r.uuid.present) {
            key.start(KEY_PREFIX).append(rows, r.uuid).write(b, TurnColumn.MESSAGE_ID);
        }
        b.setString(TurnColumn.AGENT, AGENT, 0, AGENT.length);
        b.setString(TurnColumn.PROJECT, project, 0, project.length);
        rows.string(b, TurnColumn.CWD, r.cwd);
        if (r.sessionId.present && r.sessionId.length > 0) {
            rows.string(b, TurnColumn.SESSION_ID, r.sessionId);
        } else {
            b.setString(TurnColumn.SESSION_ID, stem, 0, stem.length);
        }
        rows.string(b, TurnColumn.AGENT_ID, r.agentId);
        b.setBool(TurnColumn.IS_SIDECHAIN, r.isSidechain);
        b.setString(TurnColumn.FILE, file.path, 0, file.path.length);
        b.setLong(TurnColumn.LINE_OFFSET, offset);
        b.setTimestamp(TurnColumn.TS, ts);
        rows.string(b, TurnColumn.MODEL, r.model);
        b.setLong(TurnColumn.INPUT_TOKENS, input);
        b.setLong(TurnColumn.OUTPUT_TOKENS, output);
        b.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, 0);
        b.setLong(TurnColumn.CACHE_READ_TOKENS, r.cached);
        b.setLong(TurnColumn.REASONING_TOKENS, r.thoughts);
        b.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
        b.setLong(TurnColumn.CONTEXT_TOKENS, input + r.cached);
        b.setLong(TurnColumn.TOOL_USES, 0);
        b.setLong(TurnColumn.TEXT_CHARS, 0);
        b.setLong(TurnColumn.THINKING_CHARS, 0);
        rows.string(b, TurnColumn.VERSION, r.version);
        rows.string(b, TurnColumn.GIT_BRANCH, r.gitBranch);
        rows.host(b, TurnColumn.HOST);
        rows.endTurn(r.model.present ? rows.priceIndex(r.model) : PriceTable.UNPRICED, false);
    }
}
