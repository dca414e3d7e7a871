package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tables of the ccusage-shaped reports as a terminal shows them: they fit {@code COLUMNS}, a cost with an
 * unpriced turn in it is "-" (never a partial sum), and the ccusage options (--order, --compact) change them as
 * ccusage's do.
 */
class UsageTableTest {
    static ReportCorpus corpus;

    @BeforeAll
    static void corpus() throws Exception {
        corpus = ReportCorpus.of(11, 300);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daily", "weekly", "monthly", "session", "blocks", "daily --instances --breakdown",
        "weekly --breakdown", "blocks --token-limit max"})
    void shouldFitOneHundredColumns(String report) {
        ReportCorpus.Output o = corpus.reportWith(Map.of("COLUMNS", "100"), report.split(" "));
        assertEquals(0, o.code(), o.err());
        for (String line : o.out().lines().toList()) {
            assertTrue(line.codePointCount(0, line.length()) <= 100, report + ": " + line.length() + ": " + line);
        }
        assertTrue(o.out().contains("Cost (USD)"), o.out());
    }

    @Test
    void shouldKeepFullRowsWhenPipedWithoutColumns() {
        ReportCorpus.Output o = corpus.report("session");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().lines().anyMatch(l -> l.length() > 150), "the session table keeps every column");
        assertTrue(o.out().contains("Cache write") && o.out().contains("Total tokens"), o.out());
    }

    @Test
    void shouldWrapTheModelsOfADayInsideTheirCell() {
        ReportCorpus.Output o = corpus.reportWith(Map.of("COLUMNS", "80"), "daily");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("Date")).findFirst().orElseThrow());
        int models = lines.get(header).indexOf("Models");
        boolean continued = false;
        for (String line : lines.subList(header + 2, lines.size())) {
            if (line.startsWith("          ") && line.length() > models && line.charAt(models) != ' ') {
                continued = true;
            }
        }
        assertTrue(continued, "a model list continues on a line of its own:\n" + o.out());
    }

    @Test
    void shouldLeaveOutTheCacheAndTotalColumnsWhenCompact() {
        ReportCorpus.Output o = corpus.report("daily", "--compact");
        assertEquals(0, o.code(), o.err());
        assertFalse(o.out().contains("Cache write") || o.out().contains("Cache read")
                || o.out().contains("Total tokens"), o.out());
        assertTrue(o.out().contains("Input") && o.out().contains("Output") && o.out().contains("Cost (USD)"),
                o.out());
        assertFalse(o.out().contains("Left out"), "--compact asked for it: no note");
    }

    @Test
    void shouldShowADashWhereATurnHadNoPrice() throws Exception {
        Map<String, Long> unpricedByDay = new HashMap<>();
        for (Turn t : corpus.turns) {
            if (t.cost() == null && !t.synthetic()) {
                unpricedByDay.merge(LocalDate.ofInstant(t.ts(), ZoneOffset.UTC).toString(), 1L, Long::sum);
            }
        }
        assertFalse(unpricedByDay.isEmpty(), "the corpus has unpriced models");
        ReportCorpus.Output o = corpus.report("daily");
        assertEquals(0, o.code(), o.err());
        for (String line : o.out().lines().toList()) {
            String day = line.length() >= 10 ? line.substring(0, 10) : "";
            if (unpricedByDay.containsKey(day)) {
                assertTrue(line.endsWith("  -"), "an unpriced day's cost is -: " + line);
            } else if (day.startsWith("20")) {
                assertTrue(line.contains("$"), line);
            }
            if (line.startsWith("Total")) {
                assertTrue(line.endsWith("  -"), line);
            }
        }
        JsonNode json = corpus.json("daily");
        for (JsonNode d : json.get("daily")) {
            Long unpriced = unpricedByDay.get(d.get("date").asText());
            assertEquals(unpriced == null ? 0 : unpriced, d.path("unpricedTurns").asLong(), d.toString());
            double priced = 0;
            for (Turn t : corpus.turns) {
                if (t.cost() != null && LocalDate.ofInstant(t.ts(), ZoneOffset.UTC).toString()
                        .equals(d.get("date").asText())) {
                    priced += t.cost();
                }
            }
            assertEquals(priced, d.get("totalCost").asDouble(), 1e-9, "the priced sum");
        }
        long total = unpricedByDay.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(total, json.get("totals").get("unpricedTurns").asLong());
        ReportCorpus.Output blocks = corpus.report("blocks");
        assertTrue(blocks.out().lines().anyMatch(l -> l.endsWith("  -")), blocks.out());
        assertFalse(blocks.out().contains(" 1 turns"), blocks.out());
    }

    @Test
    void shouldOrderNewestFirstWithOrderDesc() throws Exception {
        List<String> ascending = dates(corpus.json("daily"));
        List<String> descending = dates(corpus.json("daily", "--order", "desc"));
        List<String> reversed = new ArrayList<>(ascending);
        java.util.Collections.reverse(reversed);
        assertEquals(reversed, descending);
        assertTrue(ascending.size() > 2);
        JsonNode sessions = corpus.json("session", "--order", "desc").get("sessions");
        assertTrue(sessions.get(0).get("lastActivity").asText()
                .compareTo(sessions.get(sessions.size() - 1).get("lastActivity").asText()) > 0);
    }

    private static List<String> dates(JsonNode report) {
        List<String> dates = new ArrayList<>();
        report.get("daily").forEach(d -> dates.add(d.get("date").asText()));
        return dates;
    }

    @Test
    void shouldTitleTheDailyTableWithItsTimeZone() {
        ReportCorpus.Output o = corpus.report("daily");
        assertEquals("Tokens and cost per day (UTC)", o.out().lines().findFirst().orElse(""));
    }

    @Test
    void shouldShowWholeSessionIdsAndTheirLastActivity() {
        ReportCorpus.Output o = corpus.reportWith(Map.of("COLUMNS", "100"), "session");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("Last activity"), o.out());
        for (Turn t : corpus.turns.subList(0, 20)) {
            if (!t.synthetic() && t.agentId() == null) {
                assertTrue(o.out().contains(t.sessionId()), "the whole id " + t.sessionId());
            }
        }
    }
}
