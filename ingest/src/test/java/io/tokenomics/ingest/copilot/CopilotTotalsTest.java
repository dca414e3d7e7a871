package io.tokenomics.ingest.copilot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub Copilot CLI's session state and span files against ccusage 20.0.24's daily totals of the same samples (a
 * real session, and ccusage's hand-made ones): uncached input, output, cache reads, cache writes and cost per day and
 * model, to the token and to the micro-dollar. A session kept in two folders (an earlier checkpoint beside it) counts
 * once, where ccusage counts it twice (docs/formats.md, "GitHub Copilot CLI").
 */
class CopilotTotalsTest {
    private static final String DAYS = "SELECT strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d'), model,"
            + " sum(input_tokens)::BIGINT, sum(output_tokens)::BIGINT, sum(cache_read_tokens)::BIGINT,"
            + " sum(cache_write_5m_tokens + cache_write_1h_tokens)::BIGINT, round(sum(cost_usd) * 1e6)::BIGINT"
            + " FROM turns GROUP BY ALL ORDER BY 1, 2";

    @TempDir
    Path temp;

    /** 6,598,288 input = 6,954 uncached + 6,079,080 read + 512,254 written; $15.653795 by claude-fable-5's rates. */
    @Test
    void shouldCountTheRealSessionAsCcusageDoes() throws Exception {
        assertEquals(ccusage("real"), days("real", 0));
    }

    /**
     * The same session with an earlier checkpoint of it in a second folder: both hold the one shutdown, whose
     * interval counts once. ccusage counts it twice, so its day is twice the real one.
     */
    @Test
    void shouldCountASessionKeptInTwoFoldersOnce() throws Exception {
        List<List<Object>> real = ccusage("real");
        assertEquals(real, days("real-with-checkpoint-dups", 0));
        List<Object> twice = new ArrayList<>(real.get(0).subList(0, 2));
        for (Object value : real.get(0).subList(2, 7)) {
            twice.add(2 * (long) value);
        }
        assertEquals(List.of(twice), ccusage("real-with-checkpoint-dups"));
    }

    /**
     * ccusage's samples: two shutdowns of one session (70 then 100 - 10 - 10 = 80 uncached input, the second less the
     * first), a span at the second's very time (already in it), a span of a session without a session state
     * (7 / 8), a shutdown with credits only beside its tokens (40 / 10), sessions without usage, and one line that is
     * no JSON (a reject, which ccusage skips).
     */
    @Test
    void shouldCountTheHandMadeSamplesAsCcusageDoes() throws Exception {
        assertEquals(ccusage("synthetic"), days("synthetic", 1));
    }

    /**
     * The spans after a session's latest shutdown are one turn keyed by the interval that shutdown opened; the next
     * shutdown's increase has the same key and replaces it (it holds one more call, whose span was lost), so
     * ingesting before and after that shutdown counts the interval once. A span before the shutdown is in it; a span
     * of a session without a session state is a turn of its own; a checkpoint copy of the session in another folder
     * adds nothing.
     */
    @Test
    void shouldCountSpansAfterTheLatestShutdownOnceTheNextShutdownHasCome() throws Exception {
        Path home = temp.resolve("home/.copilot");
        Path events = Files.createDirectories(home.resolve("session-state/s1")).resolve("events.jsonl");
        Path copy = Files.createDirectories(home.resolve("session-state/s1-checkpoint")).resolve("events.jsonl");
        Path spans = Files.createDirectories(home.resolve("otel")).resolve("trace.jsonl");
        String start = "{\"type\":\"session.start\",\"data\":{\"sessionId\":\"s1\",\"copilotVersion\":\"1.0.80\","
                + "\"context\":{\"cwd\":\"/home/dev/shop\"}},\"id\":\"e1\",\"timestamp\":\"2026-05-01T10:00:00Z\"}";
        String first = shutdown("d1", "2026-05-01T10:30:00Z", 10_000, 500, 6_000, 1_000, 100);
        Files.writeString(events, start + "\n" + first + "\n");
        Files.writeString(copy, start + "\n" + first + "\n");
        Files.writeString(spans, String.join("\n",
                span("t1", "a", "s1", "2026-05-01T10:29:00Z", 2_000, 100, 1_500, 0),
                span("t2", "b", "s1", "2026-05-01T11:00:00Z", 3_000, 200, 2_000, 500),
                span("t2", "c", "s1", "2026-05-01T11:05:00Z", 1_000, 50, 800, 0),
                span("t3", "d", "other", "2026-05-01T12:00:00Z", 400, 40, 0, 0)) + "\n");
        Path data = temp.resolve("data");
        List<Path> roots = new CopilotSource().defaultRoots(Map.of(), home.getParent());
        Fixtures.ingest(data, roots, 2);
        // Input with its cache reads and writes, those two, output, reads, writes, turns: the shutdown, spans b and c,
        // span d.
        assertEquals(List.of(List.of(14_400L, 10_300L, 790L, 8_800L, 1_500L, 3L)), Fixtures.rows(data, TOTALS));
        Files.writeString(events, shutdown("d2", "2026-05-01T11:30:00Z", 15_000, 770, 8_800, 1_500, 100) + "\n",
                StandardOpenOption.APPEND);
        Fixtures.ingest(data, roots, 2);
        assertEquals(List.of(List.of(15_400L, 10_300L, 810L, 8_800L, 1_500L, 3L)), Fixtures.rows(data, TOTALS));
        assertEquals(List.of(List.of("shop", "s1", "1.0.80"), List.of("shop", "s1", "1.0.80"),
                        java.util.Arrays.asList("", "other", null)),
                Fixtures.rows(data, "SELECT project, session_id, version FROM turns ORDER BY ts"));
    }

    private static final String TOTALS = "SELECT sum(input_tokens + cache_read_tokens + cache_write_5m_tokens)::BIGINT,"
            + " sum(cache_read_tokens + cache_write_5m_tokens)::BIGINT, sum(output_tokens)::BIGINT,"
            + " sum(cache_read_tokens)::BIGINT, sum(cache_write_5m_tokens)::BIGINT, count(*) FROM turns";

    private static String shutdown(String id, String time, long input, long output, long read, long written,
            long reasoning) {
        return "{\"type\":\"session.shutdown\",\"data\":{\"totalNanoAiu\":123.0,\"modelMetrics\":{"
                + "\"claude-sonnet-4.5\":{\"requests\":{\"count\":3,\"cost\":1},\"usage\":{\"inputTokens\":" + input
                + ",\"outputTokens\":" + output + ",\"cacheReadTokens\":" + read + ",\"cacheWriteTokens\":" + written
                + ",\"reasoningTokens\":" + reasoning + "}}}},\"id\":\"" + id + "\",\"timestamp\":\"" + time + "\"}";
    }

    private static String span(String trace, String spanId, String session, String end, long input, long output,
            long read, long written) {
        long seconds = java.time.Instant.parse(end).getEpochSecond();
        return "{\"type\":\"span\",\"traceId\":\"" + trace + "\",\"spanId\":\"" + spanId + "\",\"name\":"
                + "\"chat claude-sonnet-4.5\",\"endTime\":[" + seconds + ",250000000],\"attributes\":{"
                + "\"gen_ai.operation.name\":\"chat\",\"gen_ai.response.model\":\"claude-sonnet-4.5-1m\","
                + "\"gen_ai.conversation.id\":\"" + session + "\",\"gen_ai.usage.input_tokens\":" + input
                + ",\"gen_ai.usage.output_tokens\":" + output + ",\"gen_ai.usage.cache_read.input_tokens\":" + read
                + ",\"gen_ai.usage.cache_creation.input_tokens\":" + written + "}}";
    }

    private List<List<Object>> days(String variant, long rejects) throws Exception {
        Path home = Fixtures.fixtures().resolve("agents/ccusage-homes/copilot").resolve(variant);
        Path data = temp.resolve("data-" + variant);
        IngestSummary summary = Fixtures.ingest(data, new CopilotSource().defaultRoots(Map.of(), home), 2);
        assertEquals(rejects, summary.totalRejects(), summary.line());
        return Fixtures.rows(data, DAYS);
    }

    private static List<List<Object>> ccusage(String variant) throws Exception {
        JsonNode totals = new ObjectMapper().readTree(Fixtures.fixtures().resolve("agents/CCUSAGE_TOTALS.json")
                .toFile()).path("copilot").path(variant).path("daily");
        List<List<Object>> expected = new ArrayList<>();
        for (JsonNode day : totals) {
            for (JsonNode model : day.path("modelBreakdowns")) {
                expected.add(List.of(day.path("date").asText(), model.path("modelName").asText(),
                        model.path("inputTokens").asLong(), model.path("outputTokens").asLong(),
                        model.path("cacheReadTokens").asLong(), model.path("cacheCreationTokens").asLong(),
                        Math.round(model.path("cost").asDouble() * 1e6)));
            }
        }
        return expected;
    }
}
