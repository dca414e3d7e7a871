package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tail} against percentiles and shares computed here from the turns: sessions' sums in Java, quantiles by
 * linear interpolation as DuckDB's quantile_cont defines them.
 */
class TailReportTest {
    static ReportCorpus corpus;
    static JsonNode report;
    static Map<String, List<Turn>> bySession;

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        report = corpus.json("tail", "--top", "5");
        bySession = new LinkedHashMap<>();
        for (Turn t : corpus.turns) {
            bySession.computeIfAbsent(t.sessionId(), k -> new ArrayList<>()).add(t);
        }
    }

    @Test
    void shouldGiveThePercentilesOfSessionCostTurnsAndTokens() {
        List<Double> costs = new ArrayList<>();
        List<Double> turns = new ArrayList<>();
        List<Double> tokens = new ArrayList<>();
        for (List<Turn> session : bySession.values()) {
            Double cost = sessionCost(session);
            if (cost != null) {
                costs.add(cost);
            }
            turns.add((double) session.size());
            tokens.add((double) session.stream().mapToLong(Turn::tokens).sum());
        }
        assertDistribution(costs, report.get("sessions"), "cost_usd");
        assertDistribution(turns, report.get("sessions"), "turns");
        assertDistribution(tokens, report.get("sessions"), "total_tokens");
    }

    @Test
    void shouldGiveThePercentilesOfTurnCost() {
        List<Double> costs = new ArrayList<>();
        for (Turn t : corpus.turns) {
            if (t.cost() != null && !t.synthetic()) {
                costs.add(t.cost());
            }
        }
        assertDistribution(costs, report.get("turns"), "cost_usd");
    }

    @Test
    void shouldGiveTheShareOfSpendInTheCostliestOnePercentFiveAndTen() {
        List<Double> costs = new ArrayList<>();
        bySession.values().forEach(s -> {
            Double c = sessionCost(s);
            if (c != null) {
                costs.add(c);
            }
        });
        costs.sort(Comparator.reverseOrder());
        double total = costs.stream().mapToDouble(Double::doubleValue).sum();
        JsonNode sessions = row(report.get("concentration"), "unit", "sessions");
        assertEquals(costs.size(), sessions.get("count").asLong());
        for (int pct : new int[] {1, 5, 10}) {
            int n = (int) Math.ceil(costs.size() * pct / 100.0);
            double top = costs.subList(0, n).stream().mapToDouble(Double::doubleValue).sum();
            close(top / total, sessions.get("top_" + pct + "pct_share").asDouble(), "top " + pct + " %");
        }
        close(ReportCorpus.quantile(costs, 0.99) / ReportCorpus.quantile(costs, 0.5),
                sessions.get("p99_over_p50").asDouble(), "p99/p50");
        assertTrue(sessions.get("top_10pct_share").asDouble() > sessions.get("top_1pct_share").asDouble());
    }

    @Test
    void shouldListTheCostliestSessionsWithTheClassThatDominated() {
        List<Map.Entry<String, Double>> ranked = new ArrayList<>();
        for (Map.Entry<String, List<Turn>> e : bySession.entrySet()) {
            Double cost = sessionCost(e.getValue());
            if (cost != null) {
                ranked.add(Map.entry(e.getKey(), cost));
            }
        }
        ranked.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        JsonNode listed = report.get("costliest_sessions");
        assertEquals(5, listed.size());
        for (int i = 0; i < 5; i++) {
            String id = ranked.get(i).getKey();
            assertEquals(id, listed.get(i).get("session_id").asText(), "rank " + i);
            close(ranked.get(i).getValue(), listed.get(i).get("cost_usd").asDouble(), id);
            assertEquals(dominantClass(bySession.get(id)), listed.get(i).get("dominant_class").asText(), id);
        }
    }

    private static String dominantClass(List<Turn> session) {
        Map<String, Double> byClass = new HashMap<>();
        for (Turn t : session) {
            byClass.merge("input", t.costInput() == null ? 0 : t.costInput(), Double::sum);
            byClass.merge("output", t.costOutput() == null ? 0 : t.costOutput(), Double::sum);
            byClass.merge("cache write", t.costWrite() == null ? 0 : t.costWrite(), Double::sum);
            byClass.merge("cache read", t.costRead() == null ? 0 : t.costRead(), Double::sum);
        }
        return byClass.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    /** A session's cost: the sum of its priced turns; null when no turn is priced. */
    static Double sessionCost(List<Turn> session) {
        Double sum = null;
        for (Turn t : session) {
            if (t.cost() != null) {
                sum = (sum == null ? 0 : sum) + t.cost();
            }
        }
        return sum;
    }

    static void assertDistribution(List<Double> values, JsonNode rows, String column) {
        close(values.stream().mapToDouble(Double::doubleValue).average().orElseThrow(),
                row(rows, "statistic", "mean").get(column).asDouble(), column + " mean");
        close(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow(),
                row(rows, "statistic", "max").get(column).asDouble(), column + " max");
        for (int p : new int[] {50, 90, 95, 99}) {
            close(ReportCorpus.quantile(values, p / 100.0), row(rows, "statistic", "p" + p).get(column).asDouble(),
                    column + " p" + p);
        }
    }

    static JsonNode row(JsonNode rows, String key, String value) {
        for (JsonNode r : rows) {
            if (value.equals(r.get(key).asText())) {
                return r;
            }
        }
        throw new AssertionError("no row with " + key + " = " + value + " in " + rows);
    }

    /** Equal up to the rounding of summing doubles in another order. */
    static void close(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-9 * Math.max(1, Math.abs(expected)), what);
    }
}
