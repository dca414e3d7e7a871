package io.tokenomics.ingest.kimi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.ingest.CcusageDaily;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kimi wire files against ccusage 20.0.24's daily totals of the same samples, and the rules where we differ from it
 * (docs/formats.md, "Kimi wire files"): the compaction call Kimi Code records with {@code usageScope: "session"} is
 * counted, kimi-cli's sub-agent steps forwarded to the parent are counted, and a copied step counts once.
 */
class KimiTotalsTest {
    @TempDir
    Path temp;

    /**
     * Two Kimi Code sessions, one with a sub-agent: every {@code usageScope: "turn"} record gives ccusage's tokens.
     * The one {@code usageScope: "session"} record, which ccusage leaves out, is the compaction call that follows the
     * {@code llm.request} of kind {@code compaction} (1,411 input, 937 output, 40,960 cache reads on 2026-08-01; the
     * turn records sum to 41,668 input, so it is no total of them): we count it, so our cost is $0.195390 where
     * ccusage's is $0.182519, at the same kimi-k2.7-code prices.
     */
    @Test
    void shouldCountTheRealWireFilesAsCcusageDoesAndTheCompactionCallBesides() throws Exception {
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(CcusageDaily.home("kimi", "real").resolve(".kimi-code/sessions")), 2);
        List<List<Object>> expected = CcusageDaily.expected("kimi", "real");
        List<Object> day = expected.get(0);
        day.set(2, (Long) day.get(2) + 1_411);
        day.set(3, (Long) day.get(3) + 937);
        day.set(5, (Long) day.get(5) + 40_960);
        day.set(6, 195_390L);
        assertEquals(expected, CcusageDaily.ours(data));
        assertEquals(List.of(Arrays.asList(null, false, 23L), List.of("agent-0", true, 3L)),
                Fixtures.rows(data, "SELECT agent_id, is_sidechain, count(*) FROM turns GROUP BY ALL ORDER BY 1"
                        + " NULLS FIRST"));
    }

    /**
     * kimi-cli's wire format, whose StatusUpdate carries a step's tokens and response id. A sub-agent's steps are
     * forwarded to the parent inside SubagentEvents (before March 2026 that was their only record; since, the
     * sub-agent's own wire file has them too), and {@code /fork} copies a session's records into a new one: each
     * step counts once, by its response id. A StatusUpdate without tokens and the session's context file count
     * nothing. The wire names no model, so the turns are unpriced.
     */
    @Test
    void shouldCountEachStatusUpdateStepOnceWhereverItIsWritten() throws Exception {
        Path sessions = temp.resolve(".kimi/sessions/3f2a");
        String parentStep = status("1770983427.123", "chatcmpl-1", "100", "50", "10", "20");
        String forwardedOld = "{\"timestamp\":1770983430.0,\"message\":{\"type\":\"SubagentEvent\",\"payload\":"
                + "{\"task_tool_call_id\":\"call_1\",\"event\":" + event("chatcmpl-sub-1", "7", "3", "0", "0") + "}}}";
        String forwarded = "{\"timestamp\":1770983431.0,\"message\":{\"type\":\"SubagentEvent\",\"payload\":"
                + "{\"parent_tool_call_id\":\"call_2\",\"agent_id\":\"a7\",\"subagent_type\":\"coder\",\"event\":"
                + event("chatcmpl-sub-2", "9", "4", "100", "0") + "}}}";
        write(sessions.resolve("ses1/wire.jsonl"), "{\"type\":\"metadata\",\"protocol_version\":\"1.3\"}",
                "{\"timestamp\":1770983426.4,\"message\":{\"type\":\"TurnBegin\",\"payload\":{\"user_input\":\"hi\"}}}",
                parentStep,
                "{\"timestamp\":1770983428.5,\"message\":{\"type\":\"StatusUpdate\",\"payload\":{\"context_usage\":0.2,"
                        + "\"token_usage\":null,\"message_id\":null,\"plan_mode\":true}}}",
                forwardedOld, forwarded);
        write(sessions.resolve("ses1/subagents/a7/wire.jsonl"),
                status("1770983430.9", "chatcmpl-sub-2", "9", "4", "100", "0"));
        write(sessions.resolve("ses1/context.jsonl"), "{\"role\":\"_usage\",\"token_count\":12345}");
        write(sessions.resolve("ses2/wire.jsonl"), "{\"type\":\"metadata\",\"protocol_version\":\"1.3\"}", parentStep);
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve(".kimi/sessions")), 2);
        assertEquals(3, summary.filesSeen());
        assertEquals(List.of(
                        Arrays.asList("kimi:chatcmpl-1", "ses1", "3f2a", null, false, null, 100L, 50L, 20L, 10L,
                                "2026-02-13 11:50:27.123"),
                        Arrays.asList("kimi:chatcmpl-sub-1", "ses1", "3f2a", null, true, null, 7L, 3L, 0L, 0L,
                                "2026-02-13 11:50:30.000"),
                        Arrays.asList("kimi:chatcmpl-sub-2", "ses1", "3f2a", "a7", true, null, 9L, 4L, 0L, 100L,
                                "2026-02-13 11:50:30.900")),
                Fixtures.rows(data, "SELECT message_id, session_id, project, agent_id, is_sidechain, model,"
                        + " input_tokens, output_tokens, cache_write_5m_tokens, cache_read_tokens,"
                        + " strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M:%S.%g') FROM turns ORDER BY message_id"));
    }

    private static String status(String timestamp, String messageId, String input, String output, String read,
            String write) {
        return "{\"timestamp\":" + timestamp + ",\"message\":" + event(messageId, input, output, read, write) + "}";
    }

    private static String event(String messageId, String input, String output, String read, String write) {
        return "{\"type\":\"StatusUpdate\",\"payload\":{\"context_usage\":0.1,\"token_usage\":{\"input_other\":"
                + input + ",\"output\":" + output + ",\"input_cache_read\":" + read + ",\"input_cache_creation\":"
                + write + "},\"message_id\":\"" + messageId + "\"}}";
    }

    private static void write(Path file, String... lines) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }
}
