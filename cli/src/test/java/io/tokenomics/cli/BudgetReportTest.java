package io.tokenomics.cli;

import static io.tokenomics.cli.TailReportTest.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code budget} against daily sums, rolling averages and month-to-date figures computed here in UTC. */
class BudgetReportTest {
    static ReportCorpus corpus;
    static TreeMap<LocalDate, Double> spend = new TreeMap<>();

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        for (Turn t : corpus.turns) {
            spend.merge(LocalDate.ofInstant(t.ts(), ZoneOffset.UTC), t.cost() == null ? 0 : t.cost(), Double::sum);
        }
    }

    @Test
    void shouldAverageEachDayOverTheSevenCalendarDaysEndingWithIt() throws Exception {
        JsonNode days = corpus.json("budget").get("days");
        List<LocalDate> calendar = new ArrayList<>();
        for (LocalDate d = spend.firstKey(); !d.isAfter(spend.lastKey()); d = d.plusDays(1)) {
            calendar.add(d);
        }
        assertEquals(calendar.size(), days.size());
        int spikes = 0;
        for (int i = 0; i < calendar.size(); i++) {
            double sum = 0;
            int n = 0;
            for (int j = Math.max(0, i - 6); j <= i; j++) {
                sum += spend.getOrDefault(calendar.get(j), 0.0);
                n++;
            }
            double average = sum / n;
            double cost = spend.getOrDefault(calendar.get(i), 0.0);
            JsonNode day = days.get(i);
            assertEquals(calendar.get(i).toString(), day.get("day").asText());
            close(cost, day.get("cost_usd").asDouble(), "cost " + calendar.get(i));
            close(average, day.get("rolling_7d_usd").asDouble(), "average " + calendar.get(i));
            assertEquals(cost > 2 * average, day.get("spike").asBoolean(), "spike " + calendar.get(i));
            spikes += cost > 2 * average ? 1 : 0;
        }
        assertTrue(spikes < calendar.size());
    }

    @Test
    void shouldCompareTheMonthToDateWithTheBudget() throws Exception {
        LocalDate asOf = spend.lastKey().minusDays(3);
        double spent = 0;
        for (Map.Entry<LocalDate, Double> e : spend.entrySet()) {
            if (!e.getKey().isBefore(asOf.withDayOfMonth(1)) && !e.getKey().isAfter(asOf)) {
                spent += e.getValue();
            }
        }
        JsonNode month = corpus.json("budget", "--until", asOf.toString(), "--monthly-budget", "250")
                .get("month_to_date").get(0);
        close(spent, month.get("spent_usd").asDouble(), "spent");
        close(spent / asOf.getDayOfMonth() * asOf.lengthOfMonth(), month.get("projected_usd").asDouble(),
                "projected");
        close(spent / 250, month.get("budget_used_share").asDouble(), "share");
    }

    @Test
    void shouldListTheSessionsAboveTheLimit() throws Exception {
        Map<String, Double> sessions = new HashMap<>();
        for (Turn t : corpus.turns) {
            if (t.cost() != null) {
                sessions.merge(t.sessionId(), t.cost(), Double::sum);
            }
        }
        double limit = 5;
        long above = sessions.values().stream().filter(c -> c > limit).count();
        assertTrue(above > 0, "some sessions above $" + limit);
        JsonNode listed = corpus.json("budget", "--session-limit", "5").get("sessions_over_limit");
        assertEquals(above, listed.size());
        for (JsonNode s : listed) {
            close(sessions.get(s.get("session_id").asText()) - limit, s.get("over_limit_usd").asDouble(), "over");
        }
        assertEquals(null, corpus.json("budget").get("sessions_over_limit"), "no limit, no section");
    }
}
