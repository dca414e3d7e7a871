package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

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
