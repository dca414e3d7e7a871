package io.tokenomics.ingest.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Amp threads against ccusage 20.0.24's daily totals of real threads: input, output, cache writes and reads, and
 * cost per day and model, to the token and to the micro-dollar; and the usage ledger of older threads, which takes
 * precedence over the messages' usage as in ccusage (docs/formats.md, "Amp").
 */
class AmpTotalsTest {
    @TempDir
    Path temp;

    @Test
    void shouldCountTheRealThreadsAsCcusageDoes() throws Exception {
        Path agents = Fixtures.fixtures().resolve("agents");
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(agents.resolve("ccusage-homes/amp/real/.local/share/amp/threads")), 2);
        JsonNode days = new ObjectMapper().readTree(agents.resolve("CCUSAGE_TOTALS.json").toFile())
                .path("amp").path("real").path("daily");
        List<List<Object>> expected = new ArrayList<>();
        for (JsonNode day : days) {
            for (JsonNode model : day.path("modelBreakdowns")) {
                expected.add(List.of(day.path("date").asText(), model.path("modelName").asText(),
                        model.path("inputTokens").asLong(), model.path("outputTokens").asLong(),
                        model.path("cacheCreationTokens").asLong(), model.path("cacheReadTokens").asLong(),
                        Math.round(model.path("cost").asDouble() * 1e6)));
            }
        }
        assertEquals(expected, Fixtures.rows(data, "SELECT strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d'), model,"
                + " sum(input_tokens)::BIGINT, sum(output_tokens)::BIGINT, sum(cache_write_5m_tokens)::BIGINT,"
                + " sum(cache_read_tokens)::BIGINT, round(sum(cost_usd) * 1e6)::BIGINT FROM turns"
                + " GROUP BY ALL ORDER BY 1, 2"));
        assertEquals(List.of(List.of("testing-git-amp", "/Users/svarlamov/projects/testing-git-amp", 6L)),
                Fixtures.rows(data, "SELECT project, cwd, count(*) FROM turns GROUP BY ALL"));
    }

    /**
     * A thread with a usage ledger: one turn per event, its cache tokens from the message it billed, its credits kept
     * in {@code agent_cost}; the messages' own usage is not counted again. A total alone is output; a call of no
     * tokens is none; a usage without a readable time rejects its thread.
     */
    @Test
    void shouldCountTheLedgerEventsOfAThreadThatHasOne() throws Exception {
        Path threads = Files.createDirectories(temp.resolve("amp/threads"));
        Files.writeString(threads.resolve("T-ledger.json"), "{\"v\":3,\"id\":\"T-ledger\",\"messages\":["
                + "{\"role\":\"user\",\"messageId\":0},"
                + "{\"role\":\"assistant\",\"messageId\":1,\"usage\":{\"model\":\"claude-sonnet-4-5\","
                + "\"inputTokens\":99,\"outputTokens\":99,\"cacheCreationInputTokens\":30,"
                + "\"cacheReadInputTokens\":40,\"timestamp\":\"2026-01-02T00:00:01Z\"}}],"
                + "\"usageLedger\":{\"events\":["
                + "{\"id\":\"e1\",\"timestamp\":\"2026-01-02T00:00:00Z\",\"model\":\"claude-sonnet-4-5\","
                + "\"tokens\":{\"input\":10,\"output\":20},\"credits\":1.5,\"toMessageId\":1},"
                + "{\"id\":\"e2\",\"timestamp\":\"2026-01-02T00:00:02Z\",\"model\":\"claude-sonnet-4-5\","
                + "\"tokens\":{\"total\":345}},"
                + "{\"id\":\"e3\",\"timestamp\":\"2026-01-02T00:00:03Z\",\"model\":\"claude-sonnet-4-5\","
                + "\"tokens\":{\"input\":0,\"output\":0}}]}}");
        Files.writeString(threads.resolve("T-no-time.json"), "{\"id\":\"T-no-time\",\"messages\":["
                + "{\"role\":\"assistant\",\"messageId\":1,\"usage\":{\"model\":\"claude-sonnet-4-5\","
                + "\"inputTokens\":5,\"outputTokens\":6}}]}");
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve("amp")), 1);
        assertEquals(List.of(
                Arrays.asList("amp:T-ledger:event:e1", 10L, 20L, 30L, 40L, 1.5),
                Arrays.asList("amp:T-ledger:event:e2", 0L, 345L, 0L, 0L, null)),
                Fixtures.rows(data, "SELECT message_id, input_tokens, output_tokens, cache_write_5m_tokens,"
                        + " cache_read_tokens, agent_cost FROM turns ORDER BY message_id"));
        assertEquals(Map.of("bad_timestamp", 1L), summary.rejects());
    }

    @Test
    void shouldFindTheThreadsWhereAmpKeepsThem() {
        Path home = Path.of("/home/u");
        assertEquals(List.of(Path.of("/home/u/.local/share/amp/threads")), new AmpSource().defaultRoots(Map.of(),
                home));
        assertEquals(List.of(Path.of("/a/threads"), Path.of("/b/threads")),
                new AmpSource().defaultRoots(Map.of("AMP_DATA_DIR", "/a,/b"), home));
    }
}
