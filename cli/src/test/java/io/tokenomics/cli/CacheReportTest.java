package io.tokenomics.cli;

import static io.tokenomics.cli.TailReportTest.close;
import static io.tokenomics.cli.TailReportTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code cache} and the {@code sessions} view's cache columns against a loop over the turns ({@link CacheMisses}). */
class CacheReportTest {
    static ReportCorpus corpus;
    static JsonNode report;
    static List<Turn> misses;

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        report = corpus.json("cache", "--top", "3");
        misses = CacheMisses.of(corpus);
    }

    @Test
    void shouldFindTheMissesTheRuleDefines() {
        assertTrue(misses.size() > 10, "the corpus has misses: " + misses.size());
        JsonNode total = row(report.get("hit_ratio"), "grouped_by", "total");
        assertEquals(misses.size(), total.get("misses").asLong());
    }

    @Test
    void shouldCountTheMissesOfEverySessionInTheSessionsView() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (Turn t : misses) {
            expected.merge(t.sessionId(), 1L, Long::sum);
        }
        ReportCorpus.Output out = corpus.report("sql", "--format", "json",
                "SELECT session_id, cache_misses FROM sessions");
        assertEquals(0, out.code(), out.err());
        JsonNode rows = new ObjectMapper().readTree(out.out());
        assertEquals(corpus.turns.stream().map(Turn::sessionId).distinct().count(), rows.size());
        for (JsonNode r : rows) {
            assertEquals(expected.getOrDefault(r.get("session_id").asText(), 0L), r.get("cache_misses").asLong(),
                    r.get("session_id").asText());
        }
    }

    /** The generator's misses of known causes (idle gaps beyond each TTL, switches, memory edits, skill loads). */
    @Test
    void shouldFindExactlyTheGeneratedMissesOfEachCause() throws Exception {
        Map<String, Long> expected = new HashMap<>();
        for (JsonNode part : List.of(corpus.expected.get("cache_misses"), corpus.expected.get("codex")
                .get("cache_misses"))) {
            part.get("by_cause").fields().forEachRemaining(e -> expected.merge(e.getKey(), e.getValue().asLong(),
                    Long::sum));
        }
        expected.values().removeIf(n -> n == 0);
        assertEquals(Set.of("idle_expiry", "model_switch", "memory_edit", "skill_load", "unexplained"),
                expected.keySet(), "every cause is generated");
        assertEquals(expected, counts("SELECT cause, count(*) FROM cache_misses GROUP BY cause"));
        JsonNode byTtl = corpus.expected.get("cache_misses").get("idle_expiry_by_ttl_s");
        assertEquals(Map.of("300", byTtl.get("300").asLong(), "3600", byTtl.get("3600").asLong()),
                counts("SELECT CAST(cache_ttl_s AS VARCHAR), count(*) FROM cache_misses"
                        + " WHERE agent = 'claude' AND cause = 'idle_expiry' GROUP BY ALL"));
        JsonNode causes = report.get("causes");
        long reported = 0;
        for (JsonNode row : causes) {
            reported += row.get("misses").asLong();
        }
        assertEquals(misses.size(), reported, "the cache report's causes cover every miss");
    }

    private static Map<String, Long> counts(String sql) throws Exception {
        ReportCorpus.Output out = corpus.report("sql", "--format", "csv", sql);
        assertEquals(0, out.code(), out.err());
        Map<String, Long> counts = new HashMap<>();
        out.out().lines().skip(1).forEach(line -> {
            String[] fields = line.split(",");
            counts.put(fields[0], Long.parseLong(fields[1]));
        });
        return counts;
    }

    @Test
    void shouldGiveTheHitRatioAndWriteMixInTotalAndPerModel() {
        Map<String, long[]> byModel = new HashMap<>();
        long[] all = new long[3];
        for (Turn t : corpus.turns) {
            if (t.synthetic()) {
                continue;
            }
            for (long[] sums : new long[][] {all, byModel.computeIfAbsent(t.model(), k -> new long[3])}) {
                sums[0] += t.read();
                sums[1] += t.context();
                sums[2] += t.write1h();
            }
        }
        JsonNode total = row(report.get("hit_ratio"), "grouped_by", "total");
        close((double) all[0] / all[1], total.get("hit_ratio").asDouble(), "hit ratio");
        for (Map.Entry<String, long[]> e : byModel.entrySet()) {
            JsonNode model = row(report.get("hit_ratio"), "key", e.getKey());
            assertEquals("model", model.get("grouped_by").asText());
            close((double) e.getValue()[0] / e.getValue()[1], model.get("hit_ratio").asDouble(), e.getKey());
            assertEquals(e.getValue()[2], model.get("write_1h_tokens").asLong(), e.getKey());
        }
    }

    @Test
    void shouldPriceAMissAsTheTokensItCouldHaveReadAtWriteMinusReadPrice() {
        JsonNode costliest = report.get("misses").get(0);
        Turn miss = misses.stream()
                .filter(t -> t.sessionId().equals(costliest.get("session_id").asText())
                        && t.context() == costliest.get("context_tokens").asLong())
                .findFirst().orElseThrow();
        long previousContext = costliest.get("prev_context_tokens").asLong();
        double uncachedPrice = (miss.costInput() + miss.costWrite()) / (miss.input() + miss.write5m() + miss.write1h());
        double readPrice = miss.read() > 0 ? miss.costRead() / miss.read() : 0.1 * miss.costInput() / miss.input();
        double expected = (Math.min(previousContext, miss.context()) - miss.read()) * (uncachedPrice - readPrice);
        close(expected, costliest.get("cache_miss_usd").asDouble(), "miss cost");
        assertTrue(expected > 0);
        for (JsonNode m : report.get("misses")) {
            assertTrue(m.get("cache_miss_usd").asDouble() <= expected, "the costliest first");
        }
    }
}
