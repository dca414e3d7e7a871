package io.tokenomics.cli;

import static io.tokenomics.cli.TailReportTest.close;
import static io.tokenomics.cli.TailReportTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code models} against sums per model and a count of the models each session's main thread used. */
class ModelsReportTest {
    static ReportCorpus corpus;
    static JsonNode report;

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        report = corpus.json("models");
    }

    @Test
    void shouldSumTurnsTokensAndCostPerModel() {
        Map<String, long[]> counts = new HashMap<>();
        Map<String, Double> costs = new HashMap<>();
        for (Turn t : corpus.turns) {
            if (t.synthetic()) {
                continue;
            }
            long[] c = counts.computeIfAbsent(t.model(), k -> new long[2]);
            c[0]++;
            c[1] += t.read();
            if (t.cost() != null) {
                costs.merge(t.model(), t.cost(), Double::sum);
            }
        }
        assertEquals(counts.size(), report.get("by_model").size());
        double total = costs.values().stream().mapToDouble(Double::doubleValue).sum();
        for (Map.Entry<String, long[]> e : counts.entrySet()) {
            JsonNode model = row(report.get("by_model"), "model", e.getKey());
            assertEquals(e.getValue()[0], model.get("turns").asLong(), e.getKey());
            assertEquals(e.getValue()[1], model.get("cache_read_tokens").asLong(), e.getKey());
            if (costs.containsKey(e.getKey())) {
                close(costs.get(e.getKey()), model.get("cost_usd").asDouble(), e.getKey());
                close(costs.get(e.getKey()) / total, model.get("cost_share").asDouble(), e.getKey());
            } else {
                assertEquals(e.getValue()[0], model.get("unpriced_turns").asLong(), e.getKey());
            }
        }
    }

    @Test
    void shouldSetSessionsThatSwitchModelAgainstTheOthers() {
        Map<String, Set<String>> mainModels = new HashMap<>();
        Map<String, Double> cost = new HashMap<>();
        for (Turn t : corpus.turns) {
            mainModels.computeIfAbsent(t.sessionId(), k -> new HashSet<>());
            if (t.agentId() == null && t.model() != null && !t.synthetic()) {
                mainModels.get(t.sessionId()).add(t.model());
            }
            if (t.cost() != null) {
                cost.merge(t.sessionId(), t.cost(), Double::sum);
            }
        }
        long switching = mainModels.values().stream().filter(m -> m.size() > 1).count();
        double switchingCost = mainModels.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .mapToDouble(e -> cost.getOrDefault(e.getKey(), 0.0)).sum();
        assertTrue(switching > 0, "some sessions switch model");
        JsonNode switches = row(report.get("switching"), "session_kind", "switches model");
        JsonNode single = row(report.get("switching"), "session_kind", "one model");
        assertEquals(switching, switches.get("sessions").asLong());
        assertEquals(mainModels.size() - switching, single.get("sessions").asLong());
        close(switchingCost, switches.get("cost_usd").asDouble(), "cost of switching sessions");
        long listed = 0;
        for (JsonNode sequence : report.get("sequences")) {
            assertTrue(sequence.get("models_in_order").asText().contains(" > "));
            listed += sequence.get("sessions").asLong();
        }
        assertTrue(listed <= switching && listed > 0);
    }
}
