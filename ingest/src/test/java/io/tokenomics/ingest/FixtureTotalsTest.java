package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** The Claude totals of {@code _synthetic/EXPECTED.json} and {@code REFERENCE_TOTALS.json}, met exactly. */
class FixtureTotalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKENS = "SELECT sum(input_tokens), sum(output_tokens),"
            + " sum(cache_write_5m_tokens + cache_write_1h_tokens), sum(cache_read_tokens),"
            + " count(*) FILTER (WHERE model IS DISTINCT FROM '<synthetic>')";

    @TempDir
    Path temp;

    @Test
    void shouldIngestEveryFixtureWithoutAnExceptionAndCountAllTheirLines() throws Exception {
        Path data = temp.resolve("all");
        IngestSummary summary = Fixtures.ingest(data, List.of(Fixtures.fixtures()), 2);
        try (Stream<Path> files = Files.walk(Fixtures.fixtures())) {
            // Every JSON Lines file but a Factory Droid session's messages, Gemini CLI's sessions of one JSON
            // document each, Factory Droid's settings files, OpenCode's message files and databases, Amp's threads.
            long logs = files.filter(f -> {
                String name = f.getFileName().toString();
                String path = f.toString().replace('\\', '/');
                boolean droidMessages = path.contains("/.factory/sessions/");
                return name.endsWith(".jsonl") && !droidMessages || name.endsWith(".settings.json")
                        || name.matches("session-.*\\.json") && path.contains("/chats/" + name)
                        || name.endsWith(".json") && path.contains("/storage/message/")
                        || name.matches("opencode(-[A-Za-z0-9_-]+)?\\.db")
                        || name.matches("T-.*\\.json") && path.contains("/threads/");
            }).count();
            assertEquals(logs, summary.filesSeen());
            assertEquals(logs, summary.filesRead());
        }
        assertTrue(summary.turnsTotal() > 500, summary.line());
        assertEquals(summary.totalRejects(), (long) Fixtures.number(data, "SELECT count(*) FROM rejects"));
    }

    @TestFactory
    List<DynamicTest> shouldMeetTheExpectedTotalsOfEachSyntheticClaudeFile() throws Exception {
        JsonNode expected = JSON.readTree(Fixtures.fixtures().resolve("_synthetic/EXPECTED.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!entry.getKey().startsWith("claude_")) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(entry.getKey(), () -> {
                Path data = temp.resolve(entry.getKey());
                Fixtures.ingest(data, List.of(Fixtures.fixtures().resolve("_synthetic").resolve(entry.getKey())), 1);
                assertTotals(data, entry.getValue().get("totals"), entry.getValue().get("responses").asLong(),
                        entry.getValue().get("by_model"), "");
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> shouldMeetTheReferenceTotalsOfTheRealClaudeFixtures() throws Exception {
        JsonNode reference = JSON.readTree(Fixtures.fixtures().resolve("_synthetic/REFERENCE_TOTALS.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = reference.get("groups").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            if (!group.getValue().has("recommended")) {
                continue; // Codex groups: counted by the Codex reader
            }
            tests.add(DynamicTest.dynamicTest(group.getKey(), () -> {
                List<Path> files = new ArrayList<>();
                group.getValue().get("files").forEach(f -> files.add(Fixtures.fixtures().resolve(f.asText())));
                Path data = temp.resolve("group-" + Math.abs(group.getKey().hashCode()));
                Fixtures.ingest(data, files, 2);
                assertTotals(data, group.getValue().get("recommended"), group.getValue().get("responses").asLong(),
                        group.getValue().get("by_model"), "");
            }));
        }
        return tests;
    }

    private static void assertTotals(Path data, JsonNode totals, long responses, JsonNode byModel, String where)
            throws Exception {
        List<Object> row = Fixtures.rows(data, TOKENS + " FROM turns" + where).get(0);
        assertEquals(totals.get("input_tokens").asLong(), number(row.get(0)), "input_tokens");
        assertEquals(totals.get("output_tokens").asLong(), number(row.get(1)), "output_tokens");
        assertEquals(totals.get("cache_creation_input_tokens").asLong(), number(row.get(2)), "cache_creation");
        assertEquals(totals.get("cache_read_input_tokens").asLong(), number(row.get(3)), "cache_read");
        assertEquals(responses, number(row.get(4)), "responses");
        for (Iterator<Map.Entry<String, JsonNode>> it = byModel.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> model = it.next();
            JsonNode m = model.getValue();
            List<Object> r = Fixtures.rows(data, TOKENS + ", sum(cache_write_5m_tokens), sum(cache_write_1h_tokens)"
                    + " FROM turns WHERE model = '" + model.getKey() + "'").get(0);
            String name = model.getKey() + " ";
            assertEquals(m.get("input_tokens").asLong(), number(r.get(0)), name + "input_tokens");
            assertEquals(m.get("output_tokens").asLong(), number(r.get(1)), name + "output_tokens");
            assertEquals(m.get("cache_creation_input_tokens").asLong(), number(r.get(2)), name + "cache_creation");
            assertEquals(m.get("cache_read_input_tokens").asLong(), number(r.get(3)), name + "cache_read");
            assertEquals(m.get("responses").asLong(), number(r.get(4)), name + "responses");
            if (m.has("cache_creation_5m")) {
                assertEquals(m.get("cache_creation_5m").asLong(), number(r.get(5)), name + "5m");
                assertEquals(m.get("cache_creation_1h").asLong(), number(r.get(6)), name + "1h");
            }
        }
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
