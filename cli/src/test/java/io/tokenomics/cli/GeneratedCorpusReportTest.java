package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.corpus.CorpusGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through the command line: a generated corpus (every defect of docs/formats.md in it, and Codex
 * rollouts beside the Claude transcripts) is ingested, and {@code daily --json} must equal the generator's expected
 * totals, per day, to the token: the Claude totals plus the Codex ones mapped to our classes (input = Codex input -
 * cached, cache read = cached, output = output).
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
        // the corpus dir holds projects/ (a Claude config dir) and codex/ (a CODEX_HOME, read with it)
        Output ingest = run("ingest", corpus.toString(), "--data",
                data.toString());
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
        Map<String, long[]> expectedDays = new TreeMap<>(); // input, output, writes 5m, writes 1h, cache read
        expected.get("daily_utc").fields().forEachRemaining(e -> add(expectedDays, e.getKey(), new long[] {
            e.getValue().get("input_tokens").asLong(), e.getValue().get("output_tokens").asLong(),
            e.getValue().get("cache_creation_5m_tokens").asLong(),
            e.getValue().get("cache_creation_1h_tokens").asLong(),
            e.getValue().get("cache_read_tokens").asLong()}));
        JsonNode codex = expected.get("codex");
        assertTrue(codex.get("events").asLong() > 0, "the corpus has Codex sessions");
        codex.get("daily_utc").fields().forEachRemaining(e -> add(expectedDays, e.getKey(), new long[] {
            e.getValue().get("input_tokens").asLong() - e.getValue().get("cached_input_tokens").asLong(),
            e.getValue().get("output_tokens").asLong(), 0, 0, e.getValue().get("cached_input_tokens").asLong()}));
        assertEquals(expectedDays.keySet(), new TreeSet<>(byDate.keySet()), "days");
        for (Map.Entry<String, long[]> day : expectedDays.entrySet()) {
            JsonNode actual = byDate.get(day.getKey());
            long[] want = day.getValue();
            assertEquals(want[0], actual.get("inputTokens").asLong(), day.getKey());
            assertEquals(want[1], actual.get("outputTokens").asLong(), day.getKey());
            assertEquals(want[2] + want[3], actual.get("cacheCreationTokens").asLong(), day.getKey());
            assertEquals(want[3], actual.get("cacheCreation1hTokens").asLong(), day.getKey());
            assertEquals(want[4], actual.get("cacheReadTokens").asLong(), day.getKey());
        }
        JsonNode totals = expected.get("totals");
        assertEquals(totals.get("input_tokens").asLong() + totals.get("output_tokens").asLong()
                + totals.get("cache_creation_5m_tokens").asLong() + totals.get("cache_creation_1h_tokens").asLong()
                + totals.get("cache_read_tokens").asLong() + codex.get("totals").get("total_tokens").asLong(),
                report.get("totals").get("totalTokens").asLong());
        Set<String> unpriced = new TreeSet<>();
        report.get("unpricedModels").forEach(m -> unpriced.add(m.get("modelName").asText()));
        assertEquals(Set.of(CorpusGenerator.UNPRICED_CODEX_MODEL), unpriced);
    }

    private static void add(Map<String, long[]> days, String day, long[] counters) {
        long[] sum = days.computeIfAbsent(day, d -> new long[counters.length]);
        for (int i = 0; i < counters.length; i++) {
            sum[i] += counters[i];
        }
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
        Output turns = run("sql", "--data", data.toString(), "--format", "csv",
                "SELECT count(*) FILTER (WHERE agent = 'claude'), count(*) FILTER (WHERE agent = 'codex') FROM turns");
        String[] counts = turns.out.split("\n")[1].trim().split(",");
        assertEquals(expected.get("responses").asLong(), Long.parseLong(counts[0].trim()));
        assertEquals(expected.get("codex").get("events").asLong(), Long.parseLong(counts[1].trim()));
    }

    @Test
    void shouldRunAStatementThatReturnsNoRowsAndSayWhatItDid(@TempDir Path dir)
            throws Exception {
        Path export = dir.resolve("turns.parquet");
        Output copy = run("sql", "--data", data.toString(),
                "COPY (SELECT * FROM turns WHERE agent = 'claude') TO '" + export + "' (FORMAT PARQUET)");
        assertEquals(0, copy.code, copy.err);
        assertEquals("done: " + expected.get("responses").asLong() + " rows", copy.err.strip());
        Output read = run("sql", "--data", data.toString(), "--format", "csv",
                "SELECT count(*) FROM read_parquet('" + export + "')");
        assertEquals(expected.get("responses").asLong(), Long.parseLong(read.out.split("\n")[1].trim()));
    }

    @Test
    void shouldListTheUnpricedModelsWithTheirTurnsAndTheEntryEveryOtherModelMatched() throws Exception {
        Output unpriced = run("models", "--data", data.toString(), "--unpriced", "--json");
        assertEquals(0, unpriced.code, unpriced.err);
        Set<String> names = new java.util.HashSet<>();
        JSON.readTree(unpriced.out).get("pricing").forEach(m -> {
            names.add(m.get("model").asText());
            assertTrue(m.get("turns").asLong() > 0);
            assertTrue(m.get("cost_usd").isNull());
        });
        assertEquals(Set.of(CorpusGenerator.UNPRICED_CODEX_MODEL), names);
        Output all = run("models", "--data", data.toString(), "--section", "pricing", "--json");
        Map<String, String> entries = new HashMap<>();
        JSON.readTree(all.out).get("pricing").forEach(m -> entries.put(m.get("model").asText(),
                m.get("price_entry").asText()));
        assertEquals("claude-opus-4-6", entries.get("claude-opus-4-6"));
        assertEquals("gpt-5.3-codex", entries.get("gpt-5.3-codex"));
        assertEquals("zai/glm-4.6", entries.get("glm-4.6"), "the Claude sessions' gateway model, at Z.ai's price");
    }

    @Test
    void shouldReportOneAgentWithAgentOption() throws Exception {
        Output codex = run("daily", "--data", data.toString(), "--json", "--tz", "UTC", "--agent", "codex");
        assertEquals(0, codex.code, codex.err);
        JsonNode totals = JSON.readTree(codex.out).get("totals");
        JsonNode expectedCodex = expected.get("codex").get("totals");
        assertEquals(expectedCodex.get("total_tokens").asLong(), totals.get("totalTokens").asLong());
        assertEquals(expectedCodex.get("cached_input_tokens").asLong(), totals.get("cacheReadTokens").asLong());
        Output claude = run("daily", "--data", data.toString(), "--json", "--tz", "UTC", "--agent", "claude");
        JsonNode claudeTotals = JSON.readTree(claude.out).get("totals");
        assertEquals(expected.get("totals").get("output_tokens").asLong(), claudeTotals.get("outputTokens").asLong());
        assertEquals(2, run("daily", "--data", data.toString(), "--agent", "cursor").code);
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
