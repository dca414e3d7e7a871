package io.tokenomics.ingest.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.ingest.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OpenCode against ccusage 20.0.24's daily totals of the same samples: real messages (rewritten from real
 * {@code opencode export} files into the storage layout, as ccusage cannot read exports) and hand-made ones, message
 * files and the SQLite database: input, output, cache writes and reads, and cost per day and model, to the token and
 * to the micro-dollar. Where ccusage is wrong we differ, and each difference is asserted here and explained in
 * docs/formats.md ("OpenCode").
 */
class OpenCodeTotalsTest {
    private static final String DAYS = "SELECT strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d'), model,"
            + " sum(input_tokens)::BIGINT, sum(output_tokens - reasoning_tokens)::BIGINT,"
            + " sum(cache_write_5m_tokens)::BIGINT, sum(cache_read_tokens)::BIGINT,"
            + " round(sum(cost_usd) * 1e6)::BIGINT FROM turns GROUP BY ALL ORDER BY 1, 2";

    @TempDir
    Path temp;

    /**
     * One difference. On 2026-04-06 OpenCode 1.3 wrote gpt-5.3-codex's reasoning inside {@code output}
     * ({@code total} = input + output + cache): ccusage counts those 1,829 tokens a second time in its cost; we count
     * them once, so our output without reasoning is 952 where ccusage's output is 2,781, and our cost is $0.0926268
     * where ccusage's is $0.1182328. On the same day ccusage takes kimi-k2.5's cost from the {@code cost} OpenCode
     * wrote ($0.0258744); ours comes from the price table, which gives the same, and OpenCode's is kept in
     * {@code agent_cost}.
     */
    @Test
    void shouldCountTheRealMessagesAsCcusageDoesButReasoningOnceAndOurPrices() throws Exception {
        Path data = ingest("derived-from-real");
        List<List<Object>> expected = ccusageDays("derived-from-real", Map.of(
                "2026-04-06 gpt-5.3-codex", List.<Long>of(952L, 92_627L)));
        assertEquals(expected, Fixtures.rows(data, DAYS));
        assertEquals(List.of(List.of("gpt-5.3-codex", 2_781L, 1_829L)), Fixtures.rows(data, "SELECT model,"
                + " sum(output_tokens)::BIGINT, sum(reasoning_tokens)::BIGINT FROM turns"
                + " WHERE ts < '2026-04-07' AND ts >= '2026-04-06' AND model = 'gpt-5.3-codex' GROUP BY model"));
        assertEquals(List.of(List.of("kimi-k2.5", 25_874L), List.of("other", 0L)), Fixtures.rows(data,
                "SELECT CASE WHEN model = 'kimi-k2.5' THEN model ELSE 'other' END, round(sum(agent_cost) * 1e6)::BIGINT"
                        + " FROM turns GROUP BY ALL ORDER BY 1"));
    }

    /**
     * Message files of both storage layouts and the database, each message counted once. One difference: our price
     * table has no claude-3-5-sonnet-20241022 (ccusage's has), so that day's cost is NULL, which reports name.
     */
    @Test
    void shouldCountTheHandMadeMessagesAndTheDatabaseAsCcusageDoes() throws Exception {
        Path data = ingest("synthetic");
        assertEquals(ccusageDays("synthetic", Map.of("2024-12-01 claude-3-5-sonnet-20241022",
                Arrays.asList(500L, null))), Fixtures.rows(data, DAYS));
        assertEquals(List.of(List.of("opencode:msg-assistant-sql-001", "test-session-123")), Fixtures.rows(data,
                "SELECT message_id, session_id FROM turns WHERE file LIKE '%opencode.db'"));
    }

    private Path ingest(String variant) throws Exception {
        Path opencode = Fixtures.fixtures().resolve("agents/ccusage-homes/opencode/" + variant
                + "/.local/share/opencode");
        Path data = temp.resolve("data-" + variant);
        Fixtures.ingest(data, List.of(opencode), 2);
        return data;
    }

    /** ccusage's days, a row per day and model, with our figures where we differ: day and model to output, cost. */
    private static List<List<Object>> ccusageDays(String variant, Map<String, List<Long>> differences)
            throws Exception {
        JsonNode days = new ObjectMapper().readTree(Fixtures.fixtures().resolve("agents/CCUSAGE_TOTALS.json")
                .toFile()).path("opencode").path(variant).path("daily");
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode day : days) {
            for (JsonNode model : day.path("modelBreakdowns")) {
                String date = day.path("date").asText();
                String name = model.path("modelName").asText();
                List<Long> ours = differences.get(date + " " + name);
                rows.add(Arrays.asList(date, name, model.path("inputTokens").asLong(),
                        ours != null ? ours.get(0) : (Long) model.path("outputTokens").asLong(),
                        model.path("cacheCreationTokens").asLong(), model.path("cacheReadTokens").asLong(),
                        ours != null ? ours.get(1) : (Long) Math.round(model.path("cost").asDouble() * 1e6)));
            }
        }
        return rows;
    }
}
