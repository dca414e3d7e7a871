package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.columnar.SharedFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What-if repricing against costs computed here from the turns' tokens and the published rates. */
class WhatifCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // claude-haiku-4-5: no long-context rates.
    private static final double[] HAIKU = {1e-6, 5e-6, 1.25e-6, 2e-6, 0.1e-6};

    @TempDir
    static Path temp;
    static Path data;

    @BeforeAll
    static void ingestTheCcusageReference() {
        data = temp.resolve("data");
        Path reference = SharedFixtures.fixtures().resolve("_synthetic/ccusage_reference");
        GeneratedCorpusReportTest.Output ingest = GeneratedCorpusReportTest.run("ingest", reference.toString(),
                "--data", data.toString());
        assertEquals(0, ingest.code(), ingest.err());
    }

    @Test
    void shouldRepriceEveryTurnAsTheTargetModel() throws Exception {
        JsonNode report = whatif("--as", "claude-haiku-4-5");
        double expected = 0;
        for (JsonNode turn : turns()) {
            if (turn.get("model").asText().equals("<synthetic>")) {
                continue;
            }
            expected += turn.get("input_tokens").asLong() * HAIKU[0] + turn.get("output_tokens").asLong() * HAIKU[1]
                    + turn.get("cache_write_5m_tokens").asLong() * HAIKU[2]
                    + turn.get("cache_write_1h_tokens").asLong() * HAIKU[3]
                    + turn.get("cache_read_tokens").asLong() * HAIKU[4];
        }
        assertEquals(expected, report.get("totals").get("counterfactualCost").asDouble(), expected * 1e-9);
        assertEquals(1.51872, report.get("totals").get("actualCost").asDouble(), 1.51872e-9);
    }

    @Test
    void shouldPriceEveryPromptTokenAsFreshInputWithoutCaching() throws Exception {
        JsonNode report = whatif("--cache-ttl", "none", "--as", "claude-haiku-4-5");
        double expected = 0;
        for (JsonNode turn : turns()) {
            if (!turn.get("model").asText().equals("<synthetic>")) {
                expected += turn.get("context_tokens").asLong() * HAIKU[0]
                        + turn.get("output_tokens").asLong() * HAIKU[1];
            }
        }
        assertEquals(expected, report.get("totals").get("counterfactualCost").asDouble(), expected * 1e-9);
    }

    @Test
    void shouldRefuseAScenarioThatChangesNothingOrAnUnknownModel() {
        assertEquals(2, GeneratedCorpusReportTest.run("whatif", "--data", data.toString()).code());
        assertEquals(2, GeneratedCorpusReportTest.run("whatif", "--data", data.toString(), "--as", "gpt-17").code());
        assertEquals(2, GeneratedCorpusReportTest.run("whatif", "--data", data.toString(), "--cache-ttl", "2h")
                .code());
    }

    private static JsonNode whatif(String... scenario) throws Exception {
        String[] args = new String[scenario.length + 4];
        args[0] = "whatif";
        System.arraycopy(scenario, 0, args, 1, scenario.length);
        args[scenario.length + 1] = "--data";
        args[scenario.length + 2] = data.toString();
        args[scenario.length + 3] = "--json";
        GeneratedCorpusReportTest.Output output = GeneratedCorpusReportTest.run(args);
        assertEquals(0, output.code(), output.err());
        return JSON.readTree(output.out());
    }

    private static JsonNode turns() throws Exception {
        GeneratedCorpusReportTest.Output output = GeneratedCorpusReportTest.run("sql", "--data", data.toString(),
                "--format", "json", "SELECT model, input_tokens, output_tokens, cache_write_5m_tokens,"
                        + " cache_write_1h_tokens, cache_read_tokens, context_tokens FROM turns");
        assertEquals(0, output.code(), output.err());
        return JSON.readTree(output.out());
    }
}
