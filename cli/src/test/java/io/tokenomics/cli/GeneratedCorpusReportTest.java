package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.ingest.generate.CorpusGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the command line: a generated corpus (every defect of FORMATS.md section 1 in it) is
 * ingested, and {@code daily --json} must equal the generator's expected totals, per day, to the token.
 */
class GeneratedCorpusReportTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path temp;
    static Path corpus;
    static Path data;
    static JsonNode expected;

    @BeforeAll
    static void generateAndIngest() throws Exception {
        corpus = temp.resolve("corpus");
        data = temp.resolve("data");
        CorpusGenerator.Result result = CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 400, 7, 0));
        expected = JSON.readTree(result.expectedFile().toFile());
        Output ingest = run("ingest", corpus.toString(), "--data", data.toString());
        assertEquals(0, ingest.code, ingest.err);
        assertTrue(ingest.out.contains("ingested"), ingest.out);
    }

    @Test
    void shouldReportEveryDayToTheTokenInUtc() throws Exception {
        Output daily = run("daily", "--data", data.toString(), "--json", "--tz", "UTC");
        assertEquals(0, daily.code, daily.err);
        JsonNode report = JSON.readTree(daily.out);
        Map<String, JsonNode> byDate = new HashMap<>();
        report.get("daily").forEach(d -> byDate.put(d.get("date").asText(), d));
        JsonNode expectedDays = expected.get("daily_utc");
        assertEquals(expectedDays.size(), byDate.size(), "days");
        for (Iterator<Map.Entry<String, JsonNode>> it = expectedDays.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> day = it.next();
            JsonNode actual = byDate.get(day.getKey());
            JsonNode want = day.getValue();
            assertEquals(want.get("input_tokens").asLong(), actual.get("inputTokens").asLong(), day.getKey());
            assertEquals(want.get("output_tokens").asLong(), actual.get("outputTokens").asLong(), day.getKey());
            assertEquals(want.get("cache_creation_5m_tokens").asLong()
                    + want.get("cache_creation_1h_tokens").asLong(), actual.get("cacheCreationTokens").asLong());
            assertEquals(want.get("cache_creation_1h_tokens").asLong(), actual.get("cacheCreation1hTokens").asLong());
            assertEquals(want.get("cache_read_tokens").asLong(), actual.get("cacheReadTokens").asLong(), day.getKey());
        }
        JsonNode totals = expected.get("totals");
        assertEquals(totals.get("input_tokens").asLong() + totals.get("output_tokens").asLong()
                + totals.get("cache_creation_5m_tokens").asLong() + totals.get("cache_creation_1h_tokens").asLong()
                + totals.get("cache_read_tokens").asLong(), report.get("totals").get("totalTokens").asLong());
        assertEquals("glm-4.6", report.get("unpricedModels").get(0).get("modelName").asText());
    }

    @Test
    void shouldCountTheRejectsAndResponsesTheGeneratorWrote() throws Exception {
        Output rejects = run("sql", "--data", data.toString(), "--format", "json",
                "SELECT reason, count(*) AS n FROM rejects GROUP BY reason ORDER BY reason");
        assertEquals(0, rejects.code, rejects.err);
        Map<String, Long> counted = new HashMap<>();
        JSON.readTree(rejects.out).forEach(r -> counted.put(r.get("reason").asText(), r.get("n").asLong()));
        expected.get("rejects").fields().forEachRemaining(e -> assertEquals(e.getValue().asLong(),
                counted.getOrDefault(e.getKey(), 0L), e.getKey()));
        Output turns = run("sql", "--data", data.toString(), "--format", "csv", "SELECT count(*) FROM turns");
        assertEquals(expected.get("responses").asLong(), Long.parseLong(turns.out.split("\n")[1].trim()));
    }

    @Test
    void shouldSayOneLineAndExitTwoOnAUserMistake() {
        Output badDate = run("daily", "--data", data.toString(), "--since", "2026-13-45");
        assertEquals(2, badDate.code);
        assertTrue(badDate.err.contains("not a date"), badDate.err);
        Output badZone = run("daily", "--data", data.toString(), "--tz", "Mars/Olympus");
        assertEquals(2, badZone.code);
        assertEquals(1, badZone.err.strip().lines().count(), badZone.err);
        Output badSql = run("sql", "--data", data.toString(), "SELEKT 1");
        assertEquals(2, badSql.code);
        assertTrue(badSql.err.startsWith("tokenomics: SQL error"), badSql.err);
        Output unknown = run("daily", "--data", data.toString(), "--frobnicate");
        assertEquals(2, unknown.code);
    }

    record Output(int code, String out, String err) {
    }

    static Output run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Output(code, out.toString(), err.toString());
    }
}
