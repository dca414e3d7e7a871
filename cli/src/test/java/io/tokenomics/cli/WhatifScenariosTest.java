package io.tokenomics.cli;

import static io.tokenomics.cli.TailReportTest.close;
import static io.tokenomics.cli.TailReportTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Prompt;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The plan/execute and self-hosted what-ifs against costs computed here from the turns and prompts tables and the
 * published rates: a session's planner turns are those after its first prompt that got a response and before the
 * next prompt, its executor turns those after later prompts; a turn routed to local costs its tokens at the given
 * rates, or its output tokens' hours at the given speed times the cost per hour.
 */
class WhatifScenariosTest {
    // Input, output, 5-minute write, 1-hour write, cache read per token; neither has long-context rates.
    private static final double[] OPUS_4_6 = {5e-6, 25e-6, 6.25e-6, 10e-6, 0.5e-6};
    private static final double[] HAIKU_4_5 = {1e-6, 5e-6, 1.25e-6, 2e-6, 0.1e-6};
    private static final String HAIKU = "claude-haiku-4-5-20251001";

    static ReportCorpus corpus;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = ReportCorpus.of(11, 300);
    }

    @Test
    void shouldPricePlannerTurnsOnOneModelAndExecutorTurnsOnAnother() throws Exception {
        JsonNode report = corpus.json("whatif", "--plan-with", "opus", "--execute-with", "claude-haiku-4-5");
        assertEquals("claude-opus-4-6", report.get("scenario").get("planWith").asText());
        Map<String, double[]> expected = new HashMap<>(); // planner turns, executor turns, actual, what-if
        long outside = 0;
        for (Map.Entry<Turn, Boolean> phased : phases().entrySet()) {
            Turn t = phased.getKey();
            if (phased.getValue() == null) {
                outside++;
                continue;
            }
            boolean planner = phased.getValue();
            double[] sums = expected.computeIfAbsent(t.sessionId(), k -> new double[4]);
            sums[planner ? 0 : 1]++;
            sums[2] += recorded(t);
            sums[3] += t.model() == null || t.synthetic() ? 0 : cost(t, planner ? OPUS_4_6 : HAIKU_4_5);
        }
        assertTrue(outside > 0 && expected.size() > 100, outside + " turns outside tasks, " + expected.size());
        JsonNode sessions = report.get("sessions");
        assertEquals(expected.size(), sessions.size());
        double actual = 0;
        double counterfactual = 0;
        int planned = 0;
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            JsonNode s = row(sessions, "sessionId", e.getKey());
            double[] sums = e.getValue();
            assertEquals((long) sums[0], s.get("plannerTurns").asLong(), e.getKey());
            assertEquals((long) sums[1], s.get("executorTurns").asLong(), e.getKey());
            close(sums[2], s.get("actualCost").asDouble(), e.getKey());
            close(sums[3], s.get("counterfactualCost").asDouble(), e.getKey());
            actual += sums[2];
            counterfactual += sums[3];
            planned += sums[1] > 0 ? 1 : 0;
        }
        assertTrue(planned > 50, planned + " sessions with executor turns");
        close(actual, report.get("totals").get("actualCost").asDouble(), "actual");
        close(counterfactual, report.get("totals").get("counterfactualCost").asDouble(), "what if");
        assertEquals(outside, report.get("totals").get("turnsOutsideTasks").asLong());
    }

    @Test
    void shouldKeepThePhaseNoModelIsGivenFor() throws Exception {
        JsonNode report = corpus.json("whatif", "--plan-with", "claude-haiku-4-5");
        Map<String, Double> expected = new HashMap<>();
        phases().forEach((t, planner) -> {
            if (planner != null) {
                double cost = planner && t.model() != null && !t.synthetic() ? cost(t, HAIKU_4_5) : recorded(t);
                expected.merge(t.sessionId(), cost, Double::sum);
            }
        });
        assertEquals(expected.size(), report.get("sessions").size());
        for (Map.Entry<String, Double> e : expected.entrySet()) {
            close(e.getValue(), row(report.get("sessions"), "sessionId", e.getKey()).get("counterfactualCost")
                    .asDouble(), e.getKey());
        }
    }

    @Test
    void shouldPriceTurnsRoutedToLocalAtTheirTokensTimesTheRates() throws Exception {
        JsonNode report = corpus.json("whatif", "--route", "haiku=local", "--local-input-per-million", "0.4",
                "--local-output-per-million", "1.6");
        double expected = 0;
        long turns = 0;
        for (Turn t : corpus.turns) {
            if (HAIKU.equals(t.model())) {
                expected += (t.input() + t.write5m() + t.write1h() + t.read()) * 0.4e-6 + t.output() * 1.6e-6;
                turns++;
            }
        }
        assertTrue(turns > 50, turns + " Haiku turns");
        JsonNode haiku = row(report.get("models"), "sourceModel", HAIKU);
        assertEquals("local", haiku.get("targetModel").asText());
        assertEquals(turns, haiku.get("turns").asLong());
        close(expected, haiku.get("counterfactualCost").asDouble(), "local");
        for (JsonNode model : report.get("models")) {
            if (!model.get("sourceModel").asText().equals(HAIKU)) {
                assertTrue(!model.get("targetModel").asText().equals("local"), model.toString());
                close(model.get("actualCost").asDouble(), model.get("counterfactualCost").asDouble(),
                        model.get("sourceModel").asText());
            }
        }
        close(0.4, report.get("local").get("inputPerMillion").asDouble(), "input rate");
        JsonNode globbed = corpus.json("whatif", "--route", "claude-haiku-*=local", "--route", "opus=sonnet",
                "--local-input-per-million", "0.4", "--local-output-per-million", "1.6");
        close(expected, row(globbed.get("models"), "sourceModel", HAIKU).get("counterfactualCost").asDouble(),
                "glob");
        JsonNode wholeName = corpus.json("whatif", "--route", "haiku*=local", "--local-input-per-million", "0.4");
        assertEquals(HAIKU, row(wholeName.get("models"), "sourceModel", HAIKU).get("targetModel").asText(),
                "a glob matches the whole name");
    }

    @Test
    void shouldPriceAnHourlyLocalCostForTheHoursItsOutputTakesAtTheGivenSpeed() throws Exception {
        JsonNode report = corpus.json("whatif", "--route", "haiku=local", "--local-cost-per-hour", "2.50",
                "--local-tokens-per-second", "40");
        long output = 0;
        for (Turn t : corpus.turns) {
            output += HAIKU.equals(t.model()) ? t.output() : 0;
        }
        double hours = output / 40.0 / 3600;
        JsonNode local = report.get("local");
        assertEquals(output, local.get("outputTokens").asLong());
        close(hours, local.get("hours").asDouble(), "hours");
        close(hours * 2.50, row(report.get("models"), "sourceModel", HAIKU).get("counterfactualCost").asDouble(),
                "hours x rate");
        ReportCorpus.Output table = corpus.report("whatif", "--route", "haiku=local", "--local-cost-per-hour", "2.50",
                "--local-tokens-per-second", "40");
        assertTrue(table.out().contains(String.format(java.util.Locale.ROOT, "local: $2.50 an hour for %.3f hours: the"
                + " routed turns' %,d output tokens at 40 tokens/s", hours, output)), table.out());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--route haiku | route 'haiku' is not PATTERN=MODEL or PATTERN=local",
        "--route haiku=gpt-17 | no price for model 'gpt-17' in --route haiku=gpt-17",
        "--plan-with gpt-17 | no price for model 'gpt-17' in --plan-with",
        "--plan-with opus --as sonnet | they do not combine with --as, --from or --route",
        "--route haiku=local | a route to local needs its cost",
        "--route haiku=local --local-input-per-million -0.5 | --local-input-per-million -0.5: a cost is",
        "--route haiku=local --local-cost-per-hour 2 --local-input-per-million 1 | not both",
        "--route haiku=local --local-cost-per-hour 2 | go together",
        "--route haiku=local --local-cost-per-hour 2 --local-tokens-per-second 0 | a speed is more than 0",
        "--local-output-per-million 1 --as haiku | add --route PATTERN=local"})
    void shouldRefuseAMistakeInOneLineWithExitCode2(String arguments, String message) {
        List<String> args = new ArrayList<>(List.of("whatif"));
        args.addAll(List.of(arguments.trim().split(" ")));
        ReportCorpus.Output out = corpus.report(args.toArray(new String[0]));
        assertEquals(2, out.code(), out.err());
        assertEquals(1, out.err().strip().lines().count(), out.err());
        assertTrue(out.err().contains(message), out.err());
        assertEquals("", out.out());
    }

    /**
     * Each turn and whether it is a planner turn (true), an executor turn (false) or in no task (null): its task is
     * the latest main-thread prompt of its session at or before it; the first task is the earliest prompt with a turn.
     */
    private static Map<Turn, Boolean> phases() {
        Map<String, List<Prompt>> prompts = new HashMap<>();
        for (Prompt p : corpus.prompts) {
            if (p.agentId() == null) {
                prompts.computeIfAbsent(p.sessionId(), k -> new ArrayList<>()).add(p);
            }
        }
        Comparator<Prompt> order = Comparator.comparing(Prompt::ts).thenComparing(Prompt::uuid);
        prompts.values().forEach(list -> list.sort(order));
        Map<Turn, Prompt> taskOf = new HashMap<>();
        Map<String, Prompt> firstTask = new HashMap<>();
        for (Turn t : corpus.turns) {
            Prompt task = null;
            for (Prompt p : prompts.getOrDefault(t.sessionId(), List.of())) {
                if (!p.ts().isAfter(t.ts())) {
                    task = p;
                }
            }
            taskOf.put(t, task);
            if (task != null) {
                firstTask.merge(t.sessionId(), task, (a, b) -> order.compare(a, b) <= 0 ? a : b);
            }
        }
        Map<Turn, Boolean> phases = new HashMap<>();
        taskOf.forEach((t, task) -> phases.put(t, task == null ? null : task.equals(firstTask.get(t.sessionId()))));
        return phases;
    }

    /** A turn's stored cost; an unpriced turn adds nothing to a sum, as in every report. */
    private static double recorded(Turn t) {
        return t.cost() == null ? 0 : t.cost();
    }

    private static double cost(Turn t, double[] rates) {
        return t.input() * rates[0] + t.output() * rates[1] + t.write5m() * rates[2] + t.write1h() * rates[3]
                + t.read() * rates[4];
    }
}
