package io.tokenomics.ingest.pi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.AgentTotalsAndCost;
import io.tokenomics.corpus.PiCorpus;
import io.tokenomics.ingest.AgentCorpusCheck;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import io.tokenomics.ingest.source.Source.NameMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenClaw's transcripts, in pi's format (docs/formats.md, "pi and OpenClaw"): a generated home meets its totals per
 * day; hand-made transcripts show a model taken from the last model change, the message's own time, and a deleted or
 * reset copy of a transcript counted once. No real OpenClaw transcript is among the fixtures.
 */
class OpenClawTranscriptsTest {
    private static final String SESSION = "0b9e8a52-3f4c-4d7e-9a10-5c6d7e8f9a0b";

    @TempDir
    Path temp;

    /** The whole home is a root: the transcripts, named as Claude's are, are found as OpenClaw's by their place. */
    @Test
    void shouldCountEveryCallOfAGeneratedHomeOnce() throws Exception {
        Path home = temp.resolve("home");
        AgentTotalsAndCost expected = PiCorpus.writeOpenClaw(home, 60, 2026_12_07L);
        assertTrue(expected.counts().all()[0] > 300 && expected.counts().rejects() > 5, expected.toString());
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(home), 2);
        AgentCorpusCheck.assertCounted(expected.counts(), summary, data, "openclaw");
        assertEquals(List.of(List.of(expected.agentCostMicros(), 0L)), Fixtures.rows(data,
                "SELECT round(sum(agent_cost) * 1e6)::BIGINT, count(*) FILTER (model IS NULL) FROM turns"));
    }

    /**
     * A message without a model takes the last model change's (a {@code model_change} entry, or a
     * {@code model-snapshot} custom entry); the message's own time dates it; the copy OpenClaw keeps of a reset
     * session counts once, and only what the live transcript adds is new.
     */
    @Test
    void shouldTakeTheModelOfTheLastChangeAndCountACopiedTranscriptOnce() throws Exception {
        Path sessions = Files.createDirectories(temp.resolve(".openclaw/agents/main/sessions"));
        String early = String.join("\n",
                "{\"type\":\"session\",\"version\":3,\"id\":\"" + SESSION
                        + "\",\"timestamp\":\"2026-01-02T03:00:00Z\"}",
                "{\"type\":\"model_change\",\"id\":\"a1\",\"timestamp\":\"2026-01-02T03:00:00Z\",\"provider\":"
                        + "\"anthropic\",\"modelId\":\"claude-sonnet-4-5\"}",
                PiSessionsTest.assistant("2026-01-02T03:00:05.000Z", 1767322800000L, "x", 100, 20, 0, 0, 120, "0.25")
                        .replace("\"model\":\"x\",", ""),
                "{\"type\":\"custom\",\"customType\":\"model-snapshot\",\"id\":\"a2\",\"data\":{\"provider\":"
                        + "\"openai\",\"modelId\":\"gpt-5.1-codex\"}}",
                PiSessionsTest.assistant("2026-01-03T00:00:05.000Z", 1767398399000L, "x", 7, 3, 0, 0, 10, null)
                        .replace("\"model\":\"x\",", "")) + "\n";
        Files.writeString(sessions.resolve(SESSION + ".jsonl.reset.2026-01-03T01-00-00.000Z"), early);
        Files.writeString(sessions.resolve(SESSION + ".jsonl"), early + PiSessionsTest.assistant(
                "2026-01-03T02:00:00.000Z", 1767405600000L, "claude-opus-4-5", 5, 1, 0, 0, 6, null) + "\n");
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve(".openclaw")), 2);
        assertEquals(0, summary.totalRejects(), summary.rejects().toString());
        assertEquals(List.of(
                row("1767322800000000:100:20:0:0", "claude-sonnet-4-5", "2026-01-02 03:00:00", 100, 0.25),
                row("1767398399000000:7:3:0:0", "gpt-5.1-codex", "2026-01-02 23:59:59", 7, null),
                row("1767405600000000:5:1:0:0", "claude-opus-4-5", "2026-01-03 02:00:00", 5, null)),
                Fixtures.rows(data, "SELECT message_id, session_id, project, model, strftime(ts, '%Y-%m-%d %H:%M:%S'),"
                        + " input_tokens, agent_cost FROM turns ORDER BY ts"));
    }

    @Test
    void shouldFindTheTranscriptsWhereOpenClawKeepsThem() {
        Path home = Path.of("/home/me");
        OpenClawSource source = new OpenClawSource();
        assertEquals(List.of(home.resolve(".openclaw/agents"), home.resolve(".clawdbot/agents"),
                home.resolve(".moltbot/agents"), home.resolve(".moldbot/agents")), source.defaultRoots(Map.of(), home));
        assertEquals(List.of(Path.of("/a/agents"), Path.of("/b/agents")),
                source.defaultRoots(Map.of("OPENCLAW_DIR", "/a,/b"), home));
        Path sessions = Path.of("/c/agents/main/sessions");
        assertEquals(NameMatch.MINE, source.nameMatch(sessions.resolve(SESSION + ".jsonl")));
        assertEquals(NameMatch.MINE, source.nameMatch(sessions.resolve(SESSION + ".jsonl.deleted.2026-01-03")));
        assertEquals(NameMatch.MINE, source.nameMatch(sessions.resolve(SESSION + "-topic-7.jsonl")));
        assertEquals(NameMatch.NOT_MINE, source.nameMatch(sessions.resolve(SESSION + ".jsonl.bak-1")));
        assertEquals(NameMatch.NOT_MINE, source.nameMatch(sessions.resolve("sessions.json")));
        assertEquals(NameMatch.NOT_MINE, source.nameMatch(Path.of("/c/main/sessions", SESSION + ".jsonl")));
    }

    private static List<Object> row(String key, String model, String time, long input, Double cost) {
        return Arrays.asList("openclaw:" + key, SESSION, "main", model, time, input, cost);
    }
}
