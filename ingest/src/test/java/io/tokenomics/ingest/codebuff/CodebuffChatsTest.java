package io.tokenomics.ingest.codebuff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.AgentTotalsAndCost;
import io.tokenomics.corpus.CodebuffCorpus;
import io.tokenomics.ingest.AgentCorpusCheck;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Codebuff's chats (docs/formats.md, "Codebuff"): a generated home meets its totals per day, read once and again;
 * hand-made chats show each usage shape, a chat rewritten with more messages, and a chat with a counter that is no
 * count. No real Codebuff chat is among the fixtures.
 */
class CodebuffChatsTest {
    private static final String TURNS = "SELECT message_id, session_id, project, model,"
            + " strftime(ts, '%Y-%m-%d %H:%M:%S'), input_tokens, output_tokens, cache_write_5m_tokens,"
            + " cache_read_tokens, agent_cost FROM turns ORDER BY message_id";
    private static final String SESSION = "manicode/shop/2026-01-02T03-04-05.678Z";

    @TempDir
    Path temp;

    @Test
    void shouldCountEveryCallOfAGeneratedHomeOnce() throws Exception {
        Path home = temp.resolve("home");
        AgentTotalsAndCost expected = CodebuffCorpus.write(home, 60, 2026_12_07L);
        assertTrue(expected.counts().all()[0] > 200 && expected.counts().rejects() > 3, expected.toString());
        List<Path> roots = new CodebuffSource().defaultRoots(Map.of(), home);
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, roots, 2);
        AgentCorpusCheck.assertCounted(expected.counts(), summary, data, "codebuff");
        assertEquals(List.of(List.of(expected.agentCostMicros())), Fixtures.rows(data,
                "SELECT round(sum(agent_cost) * 1e6)::BIGINT FROM turns"));
        Fixtures.ingest(data, roots, 2);
        assertEquals(List.of(List.of(expected.counts().all()[0])), Fixtures.rows(data, "SELECT count(*) FROM turns"));
    }

    /**
     * Anthropic's counts; OpenAI's, whose prompt holds its cached tokens; counts in {@code metadata.codebuff.usage}
     * and in the run state's history; a total beyond the counts billed as output; a message without a time dated by
     * the chat's folder and keyed by its place; credits without tokens are no turn. A chat Codebuff rewrote with one
     * message grown and one more keeps one row per message.
     */
    @Test
    void shouldReadEachUsageShapeAndCountARewrittenChatByItsMessages() throws Exception {
        Path projects = temp.resolve(".config/manicode/projects");
        Path chat = Files.createDirectories(projects.resolve("shop/chats/2026-01-02T03-04-05.678Z"))
                .resolve("chat-messages.json");
        String anthropic = "{\"id\":\"m1\",\"variant\":\"ai\",\"timestamp\":\"2026-01-02T03:05:00Z\",\"credits\":1.5,"
                + "\"metadata\":{\"model\":\"claude-sonnet-4-5\",\"usage\":{\"inputTokens\":100,\"outputTokens\":20,"
                + "\"cacheCreationInputTokens\":30,\"cacheReadInputTokens\":400,\"totalTokens\":560}}}";
        String openAi = "{\"id\":\"m2\",\"role\":\"assistant\",\"createdAt\":1767323200,\"metadata\":{\"model\":"
                + "\"gpt-5\",\"usage\":{\"prompt_tokens\":500,\"completion_tokens\":50,\"prompt_tokens_details\":"
                + "{\"cached_tokens\":300},\"total_tokens\":550}}}";
        String nested = "{\"id\":\"m3\",\"variant\":\"agent\",\"timestamp\":1767323300000,\"metadata\":{\"codebuff\":"
                + "{\"model\":\"gpt-5\",\"usage\":{\"input_tokens\":10,\"output_tokens\":0,\"total_tokens\":25}}}}";
        String runState = "{\"variant\":\"ai\",\"metadata\":{\"runState\":{\"sessionState\":{\"mainAgentState\":"
                + "{\"messageHistory\":[{\"role\":\"assistant\",\"providerOptions\":{\"usage\":{\"inputTokens\":9,"
                + "\"cacheReadInputTokens\":99}}},{\"role\":\"assistant\",\"providerOptions\":{\"usage\":"
                + "{\"inputTokens\":7,\"outputTokens\":3},\"codebuff\":{\"model\":\"claude-opus-4-5\"}}}]}}}}}";
        String creditsOnly = "{\"id\":\"m5\",\"variant\":\"ai\",\"credits\":2,\"metadata\":{\"model\":\"gpt-5\"}}";
        Files.writeString(chat, "[" + String.join(",", "{\"variant\":\"user\",\"content\":\"hi\"}", anthropic, openAi)
                + "]");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(projects), 1);
        Files.writeString(chat, "[" + String.join(",", "{\"variant\":\"user\",\"content\":\"hi\"}",
                anthropic.replace("20,", "60,").replace("560", "600"), openAi, nested, runState,
                creditsOnly) + "]");
        IngestSummary summary = Fixtures.ingest(data, List.of(projects), 1);
        assertEquals(0, summary.totalRejects(), summary.rejects().toString());
        assertEquals(List.of(
                row("@4", "claude-opus-4-5", "2026-01-02 03:04:05", 7, 3, 0, 99, null),
                row("m1", "claude-sonnet-4-5", "2026-01-02 03:05:00", 100, 60 + 10, 30, 400, 1.5),
                row("m2", "gpt-5", "2026-01-02 03:06:40", 200, 50, 0, 300, null),
                row("m3", "gpt-5", "2026-01-02 03:08:20", 10, 15, 0, 0, null)),
                Fixtures.rows(data, TURNS));
    }

    /** A counter that is no count makes the chat a reject: its other calls are not counted either. */
    @Test
    void shouldRejectAChatWithACounterThatIsNoCount() throws Exception {
        Path chat = Files.createDirectories(temp.resolve("projects/shop/chats/2026-01-02T03-04-05.678Z"))
                .resolve("chat-messages.json");
        Files.writeString(chat, "[{\"id\":\"m1\",\"variant\":\"ai\",\"timestamp\":\"2026-01-02T03:05:00Z\","
                + "\"metadata\":{\"usage\":{\"inputTokens\":100,\"outputTokens\":-2}}}]");
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve("projects")), 1);
        assertEquals(Map.of("bad_usage", 1L), summary.rejects());
        assertEquals(List.of(List.of(0L)), Fixtures.rows(data, "SELECT count(*) FROM turns"));
    }

    @Test
    void shouldFindTheChatsWhereCodebuffKeepsThem() {
        Path home = Path.of("/home/me");
        CodebuffSource source = new CodebuffSource();
        assertEquals(List.of(home.resolve(".config/manicode/projects"), home.resolve(".config/manicode-dev/projects"),
                home.resolve(".config/manicode-staging/projects")), source.defaultRoots(Map.of(), home));
        assertEquals(List.of(Path.of("/a/projects"), Path.of("/b/projects")),
                source.defaultRoots(Map.of("CODEBUFF_DATA_DIR", "/a, /b/projects"), home));
    }

    private static List<Object> row(String id, String model, String time, long input, long output, long cacheWrite,
            long cacheRead, Double credits) {
        return Arrays.asList("codebuff:" + SESSION + ":" + id, SESSION, "shop", model, time, input, output,
                cacheWrite, cacheRead, credits);
    }
}
