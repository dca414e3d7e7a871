package io.tokenomics.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ccusage 20.0.24's daily totals of a sample ({@code agents/CCUSAGE_TOTALS.json}) beside ours, row for row: UTC day,
 * model, input, output without reasoning (ccusage bills reasoning as output but leaves it out of its output count),
 * cache writes, cache reads, and cost in micro-dollars (null where the model is unpriced).
 */
public final class CcusageDaily {
    /** Our rows in the same shape, from the {@code turns} of a dataset. */
    public static final String OURS = "SELECT strftime(ts AT TIME ZONE 'UTC', '%Y-%m-%d'), model,"
            + " sum(input_tokens)::BIGINT, sum(output_tokens - reasoning_tokens)::BIGINT,"
            + " sum(cache_write_5m_tokens + cache_write_1h_tokens)::BIGINT, sum(cache_read_tokens)::BIGINT,"
            + " round(sum(cost_usd) * 1e6)::BIGINT FROM turns GROUP BY ALL ORDER BY 1, 2";

    private CcusageDaily() {
    }

    /** The sample's folder laid out as the agent lays it out under {@code $HOME}. */
    public static Path home(String agent, String variant) {
        return Fixtures.fixtures().resolve("agents/ccusage-homes").resolve(agent).resolve(variant);
    }

    /** ccusage's rows for {@code agent}'s {@code variant}; a model ccusage found no price for has a null cost. */
    public static List<List<Object>> expected(String agent, String variant) throws IOException {
        JsonNode daily = new ObjectMapper().readTree(Fixtures.fixtures().resolve("agents/CCUSAGE_TOTALS.json")
                .toFile()).path(agent).path(variant).path("daily");
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode day : daily) {
            for (JsonNode model : day.path("modelBreakdowns")) {
                Long cost = model.path("missingPricing").asBoolean() ? null
                        : Math.round(model.path("cost").asDouble() * 1e6);
                rows.add(new ArrayList<>(Arrays.asList(day.path("date").asText(), model.path("modelName").asText(),
                        model.path("inputTokens").asLong(), model.path("outputTokens").asLong(),
                        model.path("cacheCreationTokens").asLong(), model.path("cacheReadTokens").asLong(), cost)));
            }
        }
        return rows;
    }

    /** Our rows from the dataset at {@code data}. */
    public static List<List<Object>> ours(Path data) throws IOException, SQLException {
        return Fixtures.rows(data, OURS);
    }
}
