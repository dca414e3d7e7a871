package io.tokenomics.cli;

import static io.tokenomics.cli.TailReportTest.assertDistribution;
import static io.tokenomics.cli.TailReportTest.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Prompt;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code tasks} against tasks cut here: each turn goes to the latest main-thread prompt of its session before it. */
class TasksReportTest {
    static ReportCorpus corpus;
    static JsonNode report;
    static Map<String, List<Turn>> tasks = new LinkedHashMap<>();

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        report = corpus.json("tasks", "--top", "3");
        Map<String, List<Prompt>> prompts = new HashMap<>();
        for (Prompt p : corpus.prompts) {
            if (p.agentId() == null) {
                prompts.computeIfAbsent(p.sessionId(), k -> new ArrayList<>()).add(p);
            }
        }
        prompts.values().forEach(list -> list.sort(Comparator.comparing(Prompt::ts)));
        for (Turn t : corpus.turns) {
            Prompt task = null;
            for (Prompt p : prompts.getOrDefault(t.sessionId(), List.of())) {
                if (!p.ts().isAfter(t.ts())) {
                    task = p;
                }
            }
            if (task != null) {
                tasks.computeIfAbsent(task.uuid(), k -> new ArrayList<>()).add(t);
            }
        }
    }

    @Test
    void shouldCountTasksAndTheirCost() {
        JsonNode summary = report.get("summary").get(0);
        assertTrue(tasks.size() > 100, "tasks: " + tasks.size());
        assertEquals(tasks.size(), summary.get("tasks").asLong());
        close(costs().stream().mapToDouble(Double::doubleValue).sum(), summary.get("cost_usd").asDouble(), "cost");
        long turns = tasks.values().stream().mapToLong(List::size).sum();
        close((double) turns / tasks.size(), summary.get("turns_per_task").asDouble(), "turns per task");
    }

    @Test
    void shouldGiveTheDistributionOfTaskCostAndTurns() {
        assertDistribution(costs(), report.get("distribution"), "cost_usd");
        List<Double> turns = new ArrayList<>();
        tasks.values().forEach(t -> turns.add((double) t.size()));
        assertDistribution(turns, report.get("distribution"), "turns");
    }

    @Test
    void shouldListTheCostliestTasks() {
        List<Double> costs = costs();
        costs.sort(Comparator.reverseOrder());
        JsonNode costliest = report.get("costliest_tasks");
        assertEquals(3, costliest.size());
        for (int i = 0; i < 3; i++) {
            close(costs.get(i), costliest.get(i).get("cost_usd").asDouble(), "rank " + i);
        }
    }

    private static List<Double> costs() {
        List<Double> costs = new ArrayList<>();
        for (List<Turn> task : tasks.values()) {
            Double cost = TailReportTest.sessionCost(task);
            if (cost != null) {
                costs.add(cost);
            }
        }
        return costs;
    }
}
