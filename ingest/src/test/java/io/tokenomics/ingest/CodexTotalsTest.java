package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Codex totals of {@code _synthetic/EXPECTED.json} and {@code REFERENCE_TOTALS.json}, met exactly. Codex's
 * nested counters map to our disjoint classes: input = input - cached, cache read = cached, output as is
 * (reasoning inside it, also kept apart); so Codex's input is our input + cache read, its total ours without writes.
 */
class CodexTotalsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOTALS = "SELECT sum(input_tokens + cache_read_tokens), sum(cache_read_tokens),"
            + " sum(output_tokens), sum(reasoning_tokens), sum(input_tokens + cache_read_tokens + output_tokens),"
            + " count(*) FROM turns WHERE agent = 'codex'";

    @TempDir
    Path temp;

    @TestFactory
    List<DynamicTest> shouldMeetTheExpectedTotalsOfEveryCodexFixture() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        JsonNode expected = JSON.readTree(Fixtures.fixtures().resolve("_synthetic/EXPECTED.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("files").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> file = it.next();
            if (file.getKey().startsWith("codex_")) {
                tests.add(test(file.getKey(), Fixtures.fixtures().resolve("_synthetic").resolve(file.getKey()),
                        file.getValue()));
            }
        }
        JsonNode reference = JSON.readTree(Fixtures.fixtures().resolve("_synthetic/REFERENCE_TOTALS.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = reference.get("groups").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> group = it.next();
            if (group.getValue().has("totals")) {
                tests.add(test(group.getKey(), Fixtures.fixtures().resolve(group.getKey()), group.getValue()));
            }
        }
        return tests;
    }

    @org.junit.jupiter.api.Test
    void shouldReadACompressedRolloutAsItsPlainSibling() throws Exception {
        Path plain = Fixtures.fixtures().resolve("_synthetic/codex_token_count_dedup.jsonl");
        Path dir = temp.resolve("zst/sessions/2026/03/02");
        java.nio.file.Files.createDirectories(dir);
        Path compressed = dir.resolve("rollout-2026-03-02T14-00-00-019ca1b2-0000-7000-8000-00000000c0de.jsonl.zst");
        try (java.io.OutputStream out = new com.github.luben.zstd.ZstdOutputStream(
                java.nio.file.Files.newOutputStream(compressed))) {
            out.write(java.nio.file.Files.readAllBytes(plain));
        }
        Path fromPlain = temp.resolve("plain-data");
        Path fromCompressed = temp.resolve("zst-data");
        Fixtures.ingest(fromPlain, List.of(plain), 1);
        IngestSummary summary = Fixtures.ingest(fromCompressed, List.of(temp.resolve("zst")), 1);
        assertEquals(1, summary.filesRead());
        assertEquals(Fixtures.rows(fromPlain, TOTALS), Fixtures.rows(fromCompressed, TOTALS));
    }

    private DynamicTest test(String name, Path file, JsonNode expected) {
        return DynamicTest.dynamicTest(name, () -> {
            Path data = temp.resolve("d" + Math.abs(name.hashCode()));
            IngestSummary summary = Fixtures.ingest(data, List.of(file), 1);
            JsonNode totals = expected.get("totals");
            List<Object> row = Fixtures.rows(data, TOTALS).get(0);
            if (totals.isEmpty()) {
                assertEquals(0L, number(row.get(5)), name + " events");
                return;
            }
            String[] fields = {"input_tokens", "cached_input_tokens", "output_tokens", "reasoning_output_tokens",
                "total_tokens"};
            for (int i = 0; i < fields.length; i++) {
                assertEquals(totals.get(fields[i]).asLong(), number(row.get(i)), name + " " + fields[i]);
            }
            long events = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.get("by_model").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> model = it.next();
                List<Object> m = Fixtures.rows(data, TOTALS + " AND model = '" + model.getKey() + "'").get(0);
                for (int i = 0; i < fields.length; i++) {
                    assertEquals(model.getValue().get(fields[i]).asLong(), number(m.get(i)),
                            name + " " + model.getKey() + " " + fields[i]);
                }
                if (model.getValue().has("events")) {
                    assertEquals(model.getValue().get("events").asLong(), number(m.get(5)), name + " events");
                }
                events += number(m.get(5));
            }
            assertEquals(events, number(row.get(5)), name + ": every event has a model");
            assertEquals(0, summary.totalRejects(), name + " rejects: " + summary.line());
        });
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
