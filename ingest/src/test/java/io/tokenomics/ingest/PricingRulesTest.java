package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.tokenomics.columnar.PriceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Costs computed by hand for the cases the two long-context rules and the price-file fallbacks treat differently,
 * with a price file written here so that every rate is known.
 */
class PricingRulesTest {
    // Rates per token of the test price file.
    private static final double IN = 3e-6;
    private static final double OUT = 15e-6;
    private static final double W5 = 3.75e-6;
    private static final double W1 = 6e-6;
    private static final double READ = 0.3e-6;
    private static final double IN_L = 6e-6;
    private static final double OUT_L = 22.5e-6;
    private static final double W5_L = 7.5e-6;
    private static final double READ_L = 0.6e-6;
    // "bare" has only an input and an output price.
    private static final double BARE_IN = 2e-6;
    private static final double BARE_OUT = 8e-6;

    @TempDir
    Path temp;

    @Test
    void shouldPriceEachRequestByBothRulesAsComputedByHand() throws Exception {
        Path pricing = temp.resolve("prices.json");
        Files.writeString(pricing, """
                {"long-model": {"input_cost_per_token": 3e-6, "output_cost_per_token": 15e-6,
                   "cache_creation_input_token_cost": 3.75e-6, "cache_creation_input_token_cost_above_1hr": 6e-6,
                   "cache_read_input_token_cost": 0.3e-6, "input_cost_per_token_above_200k_tokens": 6e-6,
                   "output_cost_per_token_above_200k_tokens": 22.5e-6,
                   "cache_creation_input_token_cost_above_200k_tokens": 7.5e-6,
                   "cache_read_input_token_cost_above_200k_tokens": 0.6e-6},
                 "bare-model": {"input_cost_per_token": 2e-6, "output_cost_per_token": 8e-6},
                 "sample_spec": {"max_tokens": "set to the max"}}
                """);
        Path transcript = temp.resolve("corpus/projects/p/s.jsonl");
        Files.createDirectories(transcript.getParent());
        Files.writeString(transcript, String.join("\n",
                // Just below 200k: 100 + 1000 + 2000 + 196,900 = 200,000, not above the threshold.
                line("m_below", "long-model", 100, 50, 1000, 2000, 196_900),
                // Just above: 200,001 prompt tokens, every class at its long rate (1 h writes at 2x the long input).
                line("m_above", "long-model", 101, 50, 1000, 2000, 196_900),
                // A Bedrock-style name resolves to the same entry.
                line("m_bedrock", "us.anthropic.long-model-v1:0", 10, 20, 30, 40, 50),
                // No cache prices in the file: 5 m writes 1.25x input, 1 h writes 2x, reads 0.1x.
                line("m_bare", "bare-model", 1000, 100, 400, 200, 10_000),
                // Unknown: NULL, never $0.
                line("m_unknown", "glm-4.6", 1000, 100, 0, 0, 0),
                "") );
        Path data = temp.resolve("data");
        PriceTable prices = PriceTable.fromFile(pricing);
        Ingest.run(Ingest.builder(List.of(temp.resolve("corpus")), data).threads(1).prices(() -> prices).host("h")
                .build());

        double below = 100 * IN + 50 * OUT + 1000 * W5 + 2000 * W1 + 196_900 * READ;
        assertCost(data, "m_below", below, below);
        double aboveRequestRule = 101 * IN_L + 50 * OUT_L + 1000 * W5_L + 2000 * (2 * IN_L) + 196_900 * READ_L;
        // ccusage: per class, only tokens above 200k at the long rate; no class here exceeds 200k on its own.
        double aboveCcusageRule = 101 * IN + 50 * OUT + 1000 * W5 + 2000 * W1 + 196_900 * READ;
        assertCost(data, "m_above", aboveRequestRule, aboveCcusageRule);
        double bedrock = 10 * IN + 20 * OUT + 30 * W5 + 40 * W1 + 50 * READ;
        assertCost(data, "m_bedrock", bedrock, bedrock);
        double bare = 1000 * BARE_IN + 100 * BARE_OUT + 400 * 1.25 * BARE_IN + 200 * 2 * BARE_IN
                + 10_000 * 0.1 * BARE_IN;
        assertCost(data, "m_bare", bare, bare);
        assertNull(Fixtures.rows(data, "SELECT cost_usd FROM turns WHERE message_id = 'm_unknown'").get(0).get(0));
        assertNull(Fixtures.rows(data, "SELECT cost_usd_ccusage FROM turns WHERE message_id = 'm_unknown'").get(0)
                .get(0));
    }

    @Test
    void shouldSplitEachClassAtTwoHundredThousandUnderTheCcusageRule() throws Exception {
        Path transcript = temp.resolve("corpus2/projects/p/s.jsonl");
        Files.createDirectories(transcript.getParent());
        // One class alone above 200k: ccusage prices its first 200k at the base rate, the rest at the long rate.
        Files.writeString(transcript, line("m_big", "claude-sonnet-4-20250514", 250_000, 10, 0, 0, 0) + "\n");
        Path data = temp.resolve("data2");
        Fixtures.ingest(data, List.of(temp.resolve("corpus2")), 1);
        double ccusage = 200_000 * 3e-6 + 50_000 * 6e-6 + 10 * 15e-6;
        double request = 250_000 * 6e-6 + 10 * 22.5e-6;
        assertCost(data, "m_big", request, ccusage);
    }

    private static void assertCost(Path data, String messageId, double requestRule, double ccusageRule)
            throws Exception {
        List<Object> row = Fixtures.rows(data, "SELECT cost_usd, cost_usd_ccusage, cost_input_usd + cost_output_usd"
                + " + cost_cache_write_usd + cost_cache_read_usd FROM turns WHERE message_id = '" + messageId + "'")
                .get(0);
        assertEquals(requestRule, (Double) row.get(0), requestRule * 1e-9, messageId + " cost_usd");
        assertEquals(ccusageRule, (Double) row.get(1), ccusageRule * 1e-9, messageId + " cost_usd_ccusage");
        assertEquals(requestRule, (Double) row.get(2), requestRule * 1e-9, messageId + " class costs add up");
    }

    private static String line(String id, String model, long input, long output, long write5m, long write1h,
            long read) {
        return "{\"type\":\"assistant\",\"sessionId\":\"s\",\"timestamp\":\"2026-05-01T10:00:00.000Z\","
                + "\"message\":{\"id\":\"" + id + "\",\"model\":\"" + model + "\",\"usage\":{\"input_tokens\":" + input
                + ",\"output_tokens\":" + output + ",\"cache_creation_input_tokens\":" + (write5m + write1h)
                + ",\"cache_read_input_tokens\":" + read + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":"
                + write5m + ",\"ephemeral_1h_input_tokens\":" + write1h + "}}}}";
    }
}
