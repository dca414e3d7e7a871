package io.tokenomics.cli;

import static io.tokenomics.cli.TailReportTest.assertDistribution;
import static io.tokenomics.cli.TailReportTest.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Compaction;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code context} against growth multipliers and compaction counts computed here from the turns. */
class ContextReportTest {
    static ReportCorpus corpus;
    static JsonNode report;
    static Map<String, Double> growth = new LinkedHashMap<>();
    static Map<String, Long> compactions = new HashMap<>();

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        report = corpus.json("context", "--top", "5");
        Map<String, List<Turn>> mainThreads = new LinkedHashMap<>();
        for (Turn t : corpus.turns) {
            if (t.agentId() == null && !t.synthetic()) {
                mainThreads.computeIfAbsent(t.sessionId(), k -> new ArrayList<>()).add(t);
            }
        }
        for (Map.Entry<String, List<Turn>> e : mainThreads.entrySet()) {
            List<Turn> thread = e.getValue();
            long first = thread.get(0).context();
            if (first > 0) {
                double sum = thread.stream().mapToLong(Turn::context).sum();
                growth.put(e.getKey(), sum / (thread.size() * (double) first));
            }
        }
        for (Compaction c : corpus.compactions) {
            compactions.merge(c.sessionId(), 1L, Long::sum);
        }
    }

    @Test
    void shouldGiveTheDistributionOfGrowthAndCompactions() {
        assertTrue(growth.values().stream().anyMatch(g -> g > 2), "some prompts grew");
        assertDistribution(new ArrayList<>(growth.values()), report.get("distribution"), "growth_multiplier");
        List<Double> counts = new ArrayList<>();
        growth.keySet().forEach(s -> counts.add((double) compactions.getOrDefault(s, 0L)));
        assertDistribution(counts, report.get("distribution"), "compactions");
    }

    @Test
    void shouldCountTheSessionsThatCompacted() {
        JsonNode summary = report.get("summary").get(0);
        assertEquals(corpus.compactions.size(), summary.get("compactions").asLong());
        assertEquals(compactions.size(), summary.get("compacted_sessions").asLong());
        assertTrue(corpus.compactions.size() > 0, "the corpus has compactions");
    }

    @Test
    void shouldListTheSessionsWhosePromptsGrewTheMost() {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>(growth.entrySet());
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        JsonNode worst = report.get("worst_sessions");
        assertEquals(5, worst.size());
        for (int i = 0; i < 5; i++) {
            assertEquals(ranked.get(i).getKey(), worst.get(i).get("session_id").asText(), "rank " + i);
            close(ranked.get(i).getValue(), worst.get(i).get("growth_multiplier").asDouble(), "growth");
            assertEquals(compactions.getOrDefault(ranked.get(i).getKey(), 0L),
                    worst.get(i).get("compactions").asLong());
        }
    }
}
