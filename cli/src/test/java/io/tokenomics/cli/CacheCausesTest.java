package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cause of each cache miss (views.sql, cache_misses) on one session written turn by turn so that each cause
 * occurs where the test says, with the calls that must not count beside those that must.
 */
class CacheCausesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SONNET = "claude-sonnet-4-5-20250929";
    private static final String OPUS = "claude-opus-4-6";

    @TempDir
    static Path temp;
    static Path data;

    /** One request: minute of the session, model, tokens, tool calls as JSON blocks. */
    private record Request(double minute, String model, long read, long write5m, long write1h, String... calls) {
    }

    private static final List<Request> SESSION = List.of(
            new Request(0, SONNET, 0, 20_000, 0),
            new Request(1, SONNET, 20_000, 100, 0),
            new Request(10, SONNET, 0, 20_110, 0), // idle_expiry: 9 minutes on 5-minute writes
            new Request(11, OPUS, 0, 20_200, 0), // model_switch
            new Request(12, OPUS, 20_200, 100, 0, edit("Edit", "/p/CLAUDE.md")),
            new Request(13, OPUS, 0, 20_400, 0), // memory_edit: the previous response edited CLAUDE.md
            new Request(14, OPUS, 20_400, 50, 0, "{\"type\":\"tool_use\",\"id\":\"toolu_skill\",\"name\":\"Skill\","
                    + "\"input\":{\"command\":\"pdf\"}}"),
            new Request(15, OPUS, 0, 20_500, 0), // skill_load
            new Request(16, OPUS, 20_500, 0, 1_000, edit("Edit", "/p/src/Main.java")),
            new Request(30, OPUS, 0, 21_500, 0), // unexplained: 14 minutes on 1-hour writes, a code edit before
            new Request(31, OPUS, 21_500, 0, 100, edit("Read", "/p/CLAUDE.md")),
            new Request(31.5, OPUS, 0, 21_600, 0), // unexplained: reading a memory file changes nothing
            new Request(32, OPUS, 21_600, 100, 0),
            new Request(122, OPUS, 0, 21_700, 0)); // idle_expiry: 90 minutes, beyond even a 1-hour cache

    @BeforeAll
    static void ingest() throws Exception {
        Path file = temp.resolve("corpus/projects/p/s-causes.jsonl");
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < SESSION.size(); i++) {
            Request r = SESSION.get(i);
            long seconds = Math.round(r.minute() * 60);
            String calls = String.join(",", r.calls());
            lines.add("{\"type\":\"assistant\",\"sessionId\":\"s-causes\",\"timestamp\":\"2026-03-02T"
                    + String.format(java.util.Locale.ROOT, "%02d:%02d:%02d", 9 + seconds / 3600, seconds / 60 % 60,
                            seconds % 60)
                    + ".000Z\",\"uuid\":\"u-" + i + "\",\"message\":{\"id\":\"msg_cause_" + i + "\",\"model\":\""
                    + r.model() + "\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"ok\"}"
                    + (calls.isEmpty() ? "" : "," + calls) + "],\"usage\":{\"input_tokens\":10,\"output_tokens\":50,"
                    + "\"cache_creation_input_tokens\":" + (r.write5m() + r.write1h()) + ",\"cache_read_input_tokens\":"
                    + r.read() + ",\"cache_creation\":{\"ephemeral_5m_input_tokens\":" + r.write5m()
                    + ",\"ephemeral_1h_input_tokens\":" + r.write1h() + "}}}}");
        }
        Files.write(file, lines);
        data = temp.resolve("data");
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run("ingest", temp.resolve("corpus")
                .toString(), "--data", data.toString(), "--quiet");
        assertEquals(0, out.code(), out.err());
    }

    @Test
    void shouldGiveEachMissTheFirstCauseThatHolds() throws Exception {
        JsonNode rows = sql("SELECT turn, cause, rewritten_tokens FROM cache_misses ORDER BY turn");
        Map<Long, String> causes = new LinkedHashMap<>();
        for (JsonNode row : rows) {
            causes.put(row.get("turn").asLong(), row.get("cause").asText());
        }
        assertEquals(Map.of(3L, "idle_expiry", 4L, "model_switch", 6L, "memory_edit", 8L, "skill_load",
                10L, "unexplained", 12L, "unexplained", 14L, "idle_expiry"), causes);
        // The previous prompt (10 + 20,100) against this one (10 + 20,110): the smaller one could have been read.
        assertEquals(20_110, rows.get(0).get("rewritten_tokens").asLong());
    }

    @Test
    void shouldShowSpendPerCauseInTheCacheReport() throws Exception {
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run("cache", "--data", data.toString(),
                "--no-refresh", "--json", "--section", "causes");
        assertEquals(0, out.code(), out.err());
        Map<String, Long> misses = new LinkedHashMap<>();
        double share = 0;
        for (JsonNode row : JSON.readTree(out.out()).get("causes")) {
            misses.put(row.get("cause").asText(), row.get("misses").asLong());
            share += row.get("cost_share").asDouble();
        }
        assertEquals(Map.of("idle_expiry", 2L, "model_switch", 1L, "memory_edit", 1L, "skill_load", 1L,
                "unexplained", 2L), misses);
        assertEquals(1.0, share, 1e-9);
    }

    @Test
    void shouldTurnOnlyTheIdleMissesAnHourLongCacheAvoidsIntoReads() throws Exception {
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run("whatif", "--cache-ttl", "1h",
                "--data", data.toString(), "--no-refresh", "--json");
        assertEquals(0, out.code(), out.err());
        long avoided = 0;
        long tokens = 0;
        for (JsonNode model : JSON.readTree(out.out()).get("models")) {
            avoided += model.get("avoidedCacheMisses").asLong();
            tokens += model.get("avoidedCacheMissTokens").asLong();
        }
        // The 9-minute pause only: the 90-minute one outlives an hour, the others have causes a TTL does not cure.
        assertEquals(1, avoided);
        assertEquals(20_110, tokens);
        // Sonnet 4.5 at 1-hour writes ($6/M) with the 20,110 avoided tokens read ($0.30/M) instead.
        double expected = 0;
        for (Request r : SESSION) {
            if (!r.model().equals(SONNET)) {
                continue;
            }
            long writes = r.write5m() + r.write1h();
            long read = r.read();
            if (r.minute() == 10) {
                writes -= 20_110;
                read += 20_110;
            }
            expected += 10 * 3e-6 + 50 * 15e-6 + writes * 6e-6 + read * 0.3e-6;
        }
        JsonNode sonnet = null;
        for (JsonNode model : JSON.readTree(out.out()).get("models")) {
            if (model.get("sourceModel").asText().equals(SONNET)) {
                sonnet = model;
            }
        }
        assertEquals(expected, sonnet.get("counterfactualCost").asDouble(), 1e-9);
    }

    private static String edit(String tool, String path) {
        return "{\"type\":\"tool_use\",\"id\":\"toolu_" + tool + path.hashCode() + "\",\"name\":\"" + tool
                + "\",\"input\":{\"file_path\":\"" + path + "\"}}";
    }

    private static JsonNode sql(String query) throws Exception {
        GeneratedCorpusReportTest.Output out = GeneratedCorpusReportTest.run("sql", "--data", data.toString(),
                "--no-refresh", "--format", "json", query);
        assertEquals(0, out.code(), out.err());
        return JSON.readTree(out.out());
    }
}
