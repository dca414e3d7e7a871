package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The done criteria of issue 5 on a corpus of a seed no report was developed on: the percentiles of session cost
 * are exact, and the cache invalidations the generator made (requests that read less than the request before them
 * left in the cache, while the prompt stayed large) are found within 10 %.
 */
class HeldOutCorpusTest {
    private static final long HELD_OUT_SEED = 20_270_105L;

    @Test
    void shouldGiveExactPercentilesOfSessionCost() throws Exception {
        ReportCorpus corpus = ReportCorpus.of(HELD_OUT_SEED, 250);
        Map<String, List<Turn>> sessions = new LinkedHashMap<>();
        corpus.turns.forEach(t -> sessions.computeIfAbsent(t.sessionId(), k -> new ArrayList<>()).add(t));
        List<Double> costs = new ArrayList<>();
        for (List<Turn> s : sessions.values()) {
            Double cost = TailReportTest.sessionCost(s);
            if (cost != null) {
                costs.add(cost);
            }
        }
        JsonNode distribution = corpus.json("tail", "--section", "sessions").get("sessions");
        TailReportTest.assertDistribution(costs, distribution, "cost_usd");
    }

    @Test
    void shouldFindTheCacheInvalidationsWithinTenPercent() throws Exception {
        ReportCorpus corpus = ReportCorpus.of(HELD_OUT_SEED, 250);
        long made = CacheMisses.expiries(corpus).size();
        JsonNode total = TailReportTest.row(corpus.json("cache", "--section", "hit_ratio").get("hit_ratio"),
                "grouped_by", "total");
        long found = total.get("misses").asLong();
        assertTrue(made > 20, "the generator expired caches: " + made);
        assertTrue(Math.abs(found - made) <= 0.1 * made, "found " + found + " of " + made);
        assertEquals(CacheMisses.of(corpus).size(), found);
    }
}
