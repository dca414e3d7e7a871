package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PriceTableTest {
    private static final PriceTable EMBEDDED = PriceTable.embedded();

    /** The embedded table is what scripts/update-prices makes of the shared LiteLLM file: same models, same prices. */
    @Test
    void shouldMatchTheSharedLiteLlmFileEntryForEntry() throws Exception {
        Path shared = sharedPricing();
        PriceTable file = PriceTable.fromFile(shared);
        assertEquals(file.size(), EMBEDDED.size());
        for (int i = 0; i < file.size(); i++) {
            ModelPrice expected = file.price(i);
            assertEquals(expected, EMBEDDED.price(EMBEDDED.indexOf(expected.name())), expected.name());
        }
    }

    @Test
    void shouldMatchDatedUndatedPrefixedAndSuffixedNames() {
        assertEquals("claude-sonnet-4-5-20250929", name("claude-sonnet-4-5-20250929"));
        assertEquals("claude-sonnet-4-5", name("anthropic/claude-sonnet-4-5"));
        assertEquals("claude-sonnet-4-5-20250929-v1:0", name("us.anthropic.claude-sonnet-4-5-20250929-v1:0"));
        assertEquals("claude-sonnet-4-5-20250929", name("claude-sonnet-4-5@20250929"));
        assertEquals("claude-opus-4-6", name("claude-opus-4-6-thinking-unknown-suffix").substring(0, 15));
        assertEquals("claude-haiku-4-5", name("claude-haiku-4-5-20991231"));
        assertEquals(PriceTable.UNPRICED, EMBEDDED.indexOf("glm-4.6"));
        assertEquals(PriceTable.FREE, EMBEDDED.indexOf("<synthetic>"));
    }

    /** Claude Code and the API accept aliases that LiteLLM lists only in their dated form. */
    @Test
    void shouldPriceEveryClaudeAliasAsItsNewestDatedEntry() {
        assertEquals("claude-sonnet-4-20250514", name("claude-sonnet-4"));
        assertEquals("claude-sonnet-4-20250514", name("claude-sonnet-4-0"));
        assertEquals("claude-opus-4-20250514", name("claude-opus-4"));
        assertEquals("claude-opus-4-20250514", name("claude-opus-4-0"));
        assertEquals("claude-opus-4-1", name("claude-opus-4-1"));
        assertEquals("claude-opus-4-1", name("claude-opus-4-1-latest"));
        assertEquals("claude-3-7-sonnet-20250219", name("claude-3-7-sonnet-latest"));
        assertEquals("claude-3-opus-20240229", name("claude-3-opus-latest"));
        assertEquals("claude-sonnet-4-20250514", name("anthropic/claude-sonnet-4"));
        assertEquals("claude-4-sonnet-20250514", name("claude-4-sonnet"));
    }

    /** ccusage prices glm-4.6, which LiteLLM lists only as zai/glm-4.6 and under resellers' longer prefixes. */
    @Test
    void shouldMatchAnEntryListedOnlyUnderAProviderPrefix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{"
                + "\"deepinfra/zai-org/GLM-4.6\": {\"input_cost_per_token\": 9e-07},"
                + "\"openrouter/z-ai/glm-4.6\": {\"input_cost_per_token\": 8e-07},"
                + "\"zai/glm-4.6\": {\"input_cost_per_token\": 6e-07, \"output_cost_per_token\": 2.2e-06},"
                + "\"glm-4.5\": {\"input_cost_per_token\": 5e-07},"
                + "\"zai/glm-4.5\": {\"input_cost_per_token\": 4e-07}}");
        PriceTable table = PriceTable.fromFile(file);
        assertEquals("zai/glm-4.6", table.price(table.indexOf("glm-4.6")).name());
        assertEquals("zai/glm-4.6", table.price(table.indexOf("GLM-4.6")).name());
        assertEquals("zai/glm-4.6", table.price(table.indexOf("z-ai/glm-4.6")).name());
        assertEquals("glm-4.5", table.price(table.indexOf("glm-4.5")).name(), "a bare entry wins over a prefixed one");
        assertEquals(PriceTable.UNPRICED, table.indexOf("glm-4.7"));
    }

    @Test
    void shouldDeriveMissingCacheAndLongContextRatesFromTheInputRate() {
        ModelPrice sonnet4 = EMBEDDED.price(EMBEDDED.indexOf("claude-sonnet-4-20250514"));
        assertTrue(sonnet4.longContext());
        assertEquals(6e-6, sonnet4.inputLong(), 1e-18);
        assertEquals(2 * 6e-6, sonnet4.cacheWrite1hLong(), 1e-18);
        ModelPrice opus46 = EMBEDDED.price(EMBEDDED.indexOf("claude-opus-4-6"));
        assertEquals(false, opus46.longContext());
        assertEquals(6.0, opus46.fastMultiplier(), 0);
    }

    /** The context window is LiteLLM's max_input_tokens, as ccusage's statusline takes it; 0 where none is given. */
    @Test
    void shouldKeepEachEntrysContextWindow(@TempDir Path dir) throws Exception {
        assertEquals(200_000, EMBEDDED.contextWindow(EMBEDDED.indexOf("claude-sonnet-4-5")));
        assertEquals(1_000_000, EMBEDDED.contextWindow(EMBEDDED.indexOf("claude-opus-4-6")));
        Path file = dir.resolve("prices.json");
        Files.writeString(file, "{\"a\": {\"input_cost_per_token\": 1e-06, \"max_input_tokens\": 8192},"
                + "\"b\": {\"max_input_tokens\": 4096}, \"c\": {\"input_cost_per_token\": 2e-06}}");
        PriceTable table = PriceTable.fromFile(file);
        assertEquals(8192, table.contextWindow(table.indexOf("a")));
        assertEquals(0, table.contextWindow(table.indexOf("c")));
    }

    private static String name(String model) {
        int index = EMBEDDED.indexOf(model);
        return index < 0 ? "unpriced" : EMBEDDED.price(index).name();
    }

    static Path sharedPricing() {
        Path path = SharedFixtures.pricing();
        assertTrue(Files.exists(path), "shared price file missing: " + path);
        return path;
    }
}
