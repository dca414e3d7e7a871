package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-made ccusage reference: ccusage 20.0.24 prints $0.918645 with its per-class long-context rule; Anthropic's
 * request-level rule gives $1.51872 (one 250k-token prompt priced entirely at the above-200k rates).
 */
class CcusageReferenceCostTest {
    @TempDir
    Path data;

    @Test
    void shouldPriceBothLongContextRulesAsTheReferenceSays() throws Exception {
        Path reference = Fixtures.fixtures().resolve("_synthetic/ccusage_reference");
        JsonNode expected = new ObjectMapper().readTree(reference.resolve("EXPECTED.json").toFile());
        Fixtures.ingest(data, List.of(reference), 1);

        assertRelative(expected.get("cost_usd_request_rule").asDouble(),
                Fixtures.number(data, "SELECT sum(cost_usd) FROM turns"));
        assertRelative(expected.get("cost_usd_ccusage_rule").asDouble(),
                Fixtures.number(data, "SELECT sum(cost_usd_ccusage) FROM turns"));
        expected.get("per_response_request_rule").fields().forEachRemaining(e -> {
            try {
                assertRelative(e.getValue().asDouble(), Fixtures.number(data,
                        "SELECT cost_usd FROM turns WHERE message_id = '" + e.getKey() + "'"));
            } catch (Exception ex) {
                throw new AssertionError(ex);
            }
        });
        JsonNode tokens = expected.get("tokens");
        assertEquals(tokens.get("total").asLong(), (long) Fixtures.number(data, "SELECT sum(input_tokens"
                + " + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens) FROM turns"));
        assertEquals(tokens.get("cache_creation_1h").asLong(),
                (long) Fixtures.number(data, "SELECT sum(cache_write_1h_tokens) FROM turns"));
    }

    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, Math.abs(expected) * 1e-9 + 1e-12);
    }
}
