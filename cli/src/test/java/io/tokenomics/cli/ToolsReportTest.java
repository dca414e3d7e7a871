package io.tokenomics.cli;

import static io.tokenomics.cli.TailReportTest.close;
import static io.tokenomics.cli.TailReportTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Compaction;
import io.tokenomics.cli.ReportCorpus.ToolResult;
import io.tokenomics.cli.ReportCorpus.ToolUse;
import io.tokenomics.cli.ReportCorpus.Turn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code tools} against counts of the tool tables and a carry cost computed here: each result's estimated tokens
 * (bytes / 4) times, over the turns of its thread after it and up to the next compaction, prompt cost / prompt tokens.
 */
class ToolsReportTest {
    static ReportCorpus corpus;
    static JsonNode report;

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        report = corpus.json("tools", "--top", "3");
    }

    @Test
    void shouldCountCallsResultsBytesAndErrorsPerTool() {
        Map<String, String> toolOf = new HashMap<>();
        Map<String, long[]> expected = new HashMap<>();
        for (ToolUse u : corpus.toolUses) {
            toolOf.put(u.toolUseId(), u.toolName());
            expected.computeIfAbsent(u.toolName(), k -> new long[4])[0]++;
        }
        for (ToolResult r : corpus.toolResults) {
            long[] sums = expected.computeIfAbsent(toolOf.getOrDefault(r.toolUseId(), "(unknown)"), k -> new long[4]);
            sums[1]++;
            sums[2] += r.bytes();
            sums[3] += r.error() ? 1 : 0;
        }
        assertEquals(expected.size(), report.get("by_tool").size());
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            JsonNode tool = row(report.get("by_tool"), "tool_name", e.getKey());
            long[] sums = e.getValue();
            assertEquals(sums[0], tool.get("calls").asLong(), e.getKey());
            assertEquals(sums[1], tool.get("results").asLong(), e.getKey());
            assertEquals(sums[2], tool.get("result_bytes").asLong(), e.getKey());
            close(sums[2] / 4.0, tool.get("result_tokens").asDouble(), e.getKey());
            close((double) sums[3] / sums[1], tool.get("error_rate").asDouble(), e.getKey());
        }
    }

    @Test
    void shouldChargeEachResultToThePromptsThatCarriedIt() {
        Map<String, List<Turn>> threads = new HashMap<>();
        for (Turn t : corpus.turns) {
            if (!t.synthetic()) {
                threads.computeIfAbsent(t.thread(), k -> new ArrayList<>()).add(t);
            }
        }
        Map<String, List<Compaction>> compactions = new HashMap<>();
        corpus.compactions.forEach(c -> compactions.computeIfAbsent(c.thread(), k -> new ArrayList<>()).add(c));
        Map<String, String> toolOf = new HashMap<>();
        corpus.toolUses.forEach(u -> toolOf.put(u.toolUseId(), u.toolName()));
        Map<String, Double> carry = new HashMap<>();
        for (ToolResult r : corpus.toolResults) {
            Double usd = carry(r, threads.getOrDefault(r.thread(), List.of()),
                    compactions.getOrDefault(r.thread(), List.of()));
            if (usd != null) {
                carry.merge(toolOf.getOrDefault(r.toolUseId(), "(unknown)"), usd, Double::sum);
            }
        }
        assertTrue(carry.values().stream().mapToDouble(Double::doubleValue).sum() > 1, "results cost to carry");
        for (Map.Entry<String, Double> e : carry.entrySet()) {
            close(e.getValue(), row(report.get("by_tool"), "tool_name", e.getKey()).get("carry_usd").asDouble(),
                    e.getKey());
        }
    }

    @Test
    void shouldListTheLargestResults() {
        List<Long> sizes = new ArrayList<>();
        corpus.toolResults.forEach(r -> sizes.add(r.bytes()));
        sizes.sort(java.util.Comparator.reverseOrder());
        JsonNode largest = report.get("largest_results");
        assertEquals(3, largest.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(sizes.get(i), largest.get(i).get("result_bytes").asLong());
        }
    }

    private static Double carry(ToolResult r, List<Turn> thread, List<Compaction> compactions) {
        Double rateSum = null;
        Integer segment = null;
        for (Turn t : thread) {
            if (!t.ts().isAfter(r.ts())) {
                continue;
            }
            int turnSegment = (int) compactions.stream().filter(c -> !c.ts().isAfter(t.ts())).count();
            if (segment == null) {
                segment = turnSegment;
            } else if (turnSegment != segment) {
                break;
            }
            if (t.context() > 0 && t.costInput() != null && t.costWrite() != null && t.costRead() != null) {
                double rate = (t.costInput() + t.costWrite() + t.costRead()) / t.context();
                rateSum = (rateSum == null ? 0 : rateSum) + rate;
            }
        }
        return rateSum == null ? null : r.bytes() / 4.0 * rateSum;
    }
}
