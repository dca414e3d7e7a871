package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables on a terminal: colour that moves no column, and the sparkline of {@code daily}. */
class TerminalOutputTest {
    private static final String ESCAPE = "\u001b\\[[0-9;]*m";

    @Test
    void shouldPaintATableWithoutMovingItsColumns() {
        String[] header = {"Model", "Turns", "Cost (USD)"};
        List<String[]> rows = List.of(new String[] {"opus-4-6", "1,200", "$12.50"},
            new String[] {"glm-4.6", "10", "-"});
        String[] total = {"Total", "1,210", "$12.50"};
        boolean[] right = {false, true, true};
        Palette.Tone[] tones = {null, null, Palette.Tone.MONEY};
        String plain = table(header, rows, total, right, tones, Palette.PLAIN);
        String painted = table(header, rows, total, right, tones, Palette.ANSI);
        assertFalse(plain.contains("\u001b"), plain);
        assertEquals(plain, painted.replaceAll(ESCAPE, ""));
        assertTrue(painted.contains("\u001b[32m$12.50\u001b[0m"), painted);
        assertTrue(painted.contains("\u001b[2m-\u001b[0m"), "a missing value is dim: " + painted);
        assertTrue(painted.contains("\u001b[1mTotal\u001b[0m"), painted);
    }

    private static String table(String[] header, List<String[]> rows, String[] total, boolean[] right,
            Palette.Tone[] tones, Palette palette) {
        StringWriter s = new StringWriter();
        TextTable.print(new PrintWriter(s, true), header, rows, total, right, tones, palette);
        return s.toString();
    }

    @Test
    void shouldScaleTheBlocksToTheCostliestPeriod() {
        assertEquals("█", UsageOutput.spark(40, 40));
        assertEquals("▁", UsageOutput.spark(0.01, 40));
        assertEquals("▄", UsageOutput.spark(20, 40));
        assertEquals("", UsageOutput.spark(0, 40));
        assertEquals("", UsageOutput.spark(0, 0));
    }

    @Test
    void shouldDrawEachDaysCostDownTheDailyTable() throws Exception {
        ReportCorpus corpus = ReportCorpus.of(11, 300);
        JsonNode days = corpus.json("daily").get("daily");
        Map<String, Double> costs = new HashMap<>();
        double max = 0;
        for (JsonNode d : days) {
            // a day with unpriced turns has no bar: its cost is not known
            costs.put(d.get("date").asText(), d.has("unpricedTurns") ? 0 : d.get("totalCost").asDouble());
            max = Math.max(max, d.get("totalCost").asDouble());
        }
        ReportCorpus.Output table = corpus.report("daily");
        assertEquals(0, table.code(), table.err());
        int seen = 0;
        int tallest = 0;
        for (String line : table.out().lines().toList()) {
            String date = line.length() >= 10 ? line.substring(0, 10) : "";
            if (!costs.containsKey(date)) {
                continue;
            }
            String expected = UsageOutput.spark(costs.get(date), max);
            assertTrue(line.endsWith("  " + expected) || expected.isEmpty(), line);
            seen++;
            tallest += expected.equals("█") ? 1 : 0;
        }
        assertEquals(costs.size(), seen);
        assertTrue(tallest >= 1, "the costliest day is a full block");
        assertFalse(table.out().contains("\u001b"), "no colour when not on a terminal");
    }
}
