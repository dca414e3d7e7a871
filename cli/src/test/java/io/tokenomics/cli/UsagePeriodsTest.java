package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code weekly}, {@code monthly} and {@code daily --instances/--breakdown} against the generator's own daily
 * totals (expected.json, tallied while writing, Claude and Codex sessions) summed into weeks and months here, and
 * per-project sums of the turns.
 */
class UsagePeriodsTest {
    static ReportCorpus corpus;
    /** Input, output, 5 m + 1 h writes, reads per UTC day, as the generator wrote them. */
    static TreeMap<LocalDate, long[]> days = new TreeMap<>();

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        for (Iterator<Map.Entry<String, JsonNode>> it = corpus.expected.get("daily_utc").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = e.getValue();
            addDay(e.getKey(), new long[] {d.get("input_tokens").asLong(), d.get("output_tokens").asLong(),
                d.get("cache_creation_5m_tokens").asLong() + d.get("cache_creation_1h_tokens").asLong(),
                d.get("cache_read_tokens").asLong()});
        }
        // Codex sessions: cached input is a cache read, the rest of the input is fresh; Codex writes no cache
        JsonNode codex = corpus.expected.get("codex").get("daily_utc");
        for (Iterator<Map.Entry<String, JsonNode>> it = codex.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode d = e.getValue();
            long cached = d.get("cached_input_tokens").asLong();
            addDay(e.getKey(), new long[] {d.get("input_tokens").asLong() - cached, d.get("output_tokens").asLong(),
                0, cached});
        }
    }

    private static void addDay(String day, long[] counters) {
        long[] sums = days.computeIfAbsent(LocalDate.parse(day), d -> new long[4]);
        for (int i = 0; i < 4; i++) {
            sums[i] += counters[i];
        }
    }

    @Test
    void shouldSumWeeksFromSundayAndFromMonday() throws Exception {
        for (DayOfWeek first : new DayOfWeek[] {DayOfWeek.SUNDAY, DayOfWeek.MONDAY}) {
            Map<String, long[]> weeks = new TreeMap<>();
            days.forEach((day, t) -> add(weeks, day.with(TemporalAdjusters.previousOrSame(first)).toString(), t));
            JsonNode report = corpus.json("weekly", "--start-of-week", first.name().toLowerCase());
            assertPeriods(weeks, report.get("weekly"), "week");
            assertTrue(weeks.size() > 3);
        }
    }

    @Test
    void shouldSumMonths() throws Exception {
        Map<String, long[]> months = new TreeMap<>();
        days.forEach((day, t) -> add(months, day.toString().substring(0, 7), t));
        assertPeriods(months, corpus.json("monthly").get("monthly"), "month");
    }

    @Test
    void shouldGroupEachDayByProjectAsCcusageDoes() throws Exception {
        Map<String, Map<String, Long>> expected = new HashMap<>();
        for (Turn t : corpus.turns) {
            expected.computeIfAbsent(t.project(), k -> new HashMap<>())
                    .merge(LocalDate.ofInstant(t.ts(), ZoneOffset.UTC).toString(), t.tokens(), Long::sum);
        }
        JsonNode projects = corpus.json("daily", "--instances").get("projects");
        assertEquals(expected.keySet(), fieldNames(projects));
        assertTrue(expected.size() > 1, "several projects");
        for (Map.Entry<String, Map<String, Long>> p : expected.entrySet()) {
            JsonNode rows = projects.get(p.getKey());
            assertEquals(p.getValue().size(), rows.size(), p.getKey());
            for (JsonNode row : rows) {
                assertEquals(p.getValue().get(row.get("date").asText()), row.get("totalTokens").asLong(),
                        p.getKey() + " " + row.get("date").asText());
            }
        }
    }

    @Test
    void shouldShowARowPerModelUnderEachDayWithBreakdown() {
        Set<String> dayModels = new HashSet<>();
        for (Turn t : corpus.turns) {
            if (t.model() != null && !t.synthetic()) {
                dayModels.add(LocalDate.ofInstant(t.ts(), ZoneOffset.UTC) + t.model());
            }
        }
        ReportCorpus.Output table = corpus.report("daily", "--breakdown");
        assertEquals(0, table.code(), table.err());
        long modelRows = table.out().lines().filter(l -> l.contains("└ ")).count();
        assertEquals(dayModels.size(), modelRows);
        ReportCorpus.Output plain = corpus.report("daily");
        assertEquals(table.out().lines().count() - modelRows, plain.out().lines().count());
    }

    private static void add(Map<String, long[]> periods, String key, long[] t) {
        long[] sums = periods.computeIfAbsent(key, k -> new long[4]);
        for (int i = 0; i < 4; i++) {
            sums[i] += t[i];
        }
    }

    private static void assertPeriods(Map<String, long[]> expected, JsonNode rows, String keyName) {
        assertEquals(expected.size(), rows.size(), keyName + "s");
        for (JsonNode row : rows) {
            long[] want = expected.get(row.get(keyName).asText());
            String key = row.get(keyName).asText();
            assertEquals(want[0], row.get("inputTokens").asLong(), key);
            assertEquals(want[1], row.get("outputTokens").asLong(), key);
            assertEquals(want[2], row.get("cacheCreationTokens").asLong(), key);
            assertEquals(want[3], row.get("cacheReadTokens").asLong(), key);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
