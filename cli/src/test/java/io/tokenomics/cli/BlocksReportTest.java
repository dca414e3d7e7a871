package io.tokenomics.cli;

import static io.tokenomics.cli.TailReportTest.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.cli.ReportCorpus.Turn;
import io.tokenomics.query.BillingBlock;
import io.tokenomics.query.BillingBlocks;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportFilter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code blocks} against 5-hour windows cut here from the turn timestamps: a window starts at the UTC hour of the
 * first turn not in the previous window; a turn belongs to the window while it is at most 5 hours after the window's
 * start and at most 5 hours after the turn before it.
 */
class BlocksReportTest {
    static final Duration FIVE_HOURS = Duration.ofHours(5);

    static ReportCorpus corpus;
    static List<List<Turn>> windows = new ArrayList<>();

    @BeforeAll
    static void run() throws Exception {
        corpus = ReportCorpus.of(11, 300);
        List<Turn> ordered = new ArrayList<>(corpus.turns);
        ordered.sort(Comparator.comparing(Turn::ts).thenComparing(Turn::lineOffset));
        Instant start = null;
        Instant previous = null;
        for (Turn t : ordered) {
            if (start == null || Duration.between(start, t.ts()).compareTo(FIVE_HOURS) > 0
                    || Duration.between(previous, t.ts()).compareTo(FIVE_HOURS) > 0) {
                windows.add(new ArrayList<>());
                start = t.ts().truncatedTo(ChronoUnit.HOURS);
            }
            windows.get(windows.size() - 1).add(t);
            previous = t.ts();
        }
    }

    @Test
    void shouldCutTheSameWindowsWithTheirTokensAndCost() throws Exception {
        JsonNode blocks = corpus.json("blocks").get("blocks");
        List<JsonNode> used = new ArrayList<>();
        int gaps = 0;
        for (JsonNode b : blocks) {
            if (b.get("isGap").asBoolean()) {
                gaps++;
                assertEquals(0, b.get("entries").asLong());
            } else {
                used.add(b);
            }
        }
        assertEquals(windows.size(), used.size(), "blocks");
        assertTrue(windows.size() > 20, "windows: " + windows.size());
        int expectedGaps = 0;
        for (int i = 0; i < windows.size(); i++) {
            List<Turn> w = windows.get(i);
            JsonNode b = used.get(i);
            Instant start = w.get(0).ts().truncatedTo(ChronoUnit.HOURS);
            assertEquals(start, Instant.parse(b.get("startTime").asText()), "start " + i);
            assertEquals(start.plus(FIVE_HOURS), Instant.parse(b.get("endTime").asText()), "end " + i);
            assertEquals(w.get(w.size() - 1).ts().truncatedTo(ChronoUnit.MILLIS),
                    Instant.parse(b.get("actualEndTime").asText()), "last activity " + i);
            assertEquals(w.size(), b.get("entries").asLong(), "turns " + i);
            assertEquals(w.stream().mapToLong(Turn::tokens).sum(), b.get("totalTokens").asLong(), "tokens " + i);
            close(w.stream().mapToDouble(t -> t.cost() == null ? 0 : t.cost()).sum(), b.get("costUSD").asDouble(),
                    "cost " + i);
            assertFalse(b.get("isActive").asBoolean(), "the corpus is in the past");
            if (i > 0) {
                List<Turn> before = windows.get(i - 1);
                if (Duration.between(before.get(before.size() - 1).ts(), w.get(0).ts()).compareTo(FIVE_HOURS) > 0) {
                    expectedGaps++;
                }
            }
        }
        assertEquals(expectedGaps, gaps, "idle gaps");
    }

    @Test
    void shouldProjectTheActiveBlockAtItsBurnRate() throws Exception {
        List<Turn> window = windows.subList(1, windows.size()).stream().filter(w -> w.size() > 20
                && lastOf(w).plusSeconds(60).isBefore(startOf(w).plus(FIVE_HOURS))).findFirst().orElseThrow();
        Instant first = window.get(0).ts();
        Instant last = lastOf(window);
        Instant now = last.plusSeconds(60);
        Instant end = startOf(window).plus(FIVE_HOURS);
        List<BillingBlock> blocks;
        try (QuerySession session = QuerySession.open(corpus.data, ZoneOffset.UTC, 2)) {
            blocks = BillingBlocks.query(session, ReportFilter.NONE, now);
        }
        BillingBlock b = blocks.stream().filter(x -> x.start().equals(startOf(window))).findFirst().orElseThrow();
        assertTrue(b.active(), "the block holding now is active");
        double minutes = Duration.between(first, last).toNanos() / 60e9;
        long tokens = window.stream().mapToLong(Turn::tokens).sum();
        double cost = window.stream().mapToDouble(t -> t.cost() == null ? 0 : t.cost()).sum();
        close(tokens / minutes, b.burnRate().tokensPerMinute(), "tokens per minute");
        close(cost / minutes * 60, b.burnRate().costPerHour(), "cost per hour");
        double remaining = Duration.between(now, end).toNanos() / 60e9;
        assertEquals(Math.round(tokens + tokens / minutes * remaining), b.projection(now).totalTokens());
        assertEquals(Math.round(remaining), b.projection(now).remainingMinutes());
        assertFalse(blocks.get(0).active(), "an earlier block is over");
        assertNull(blocks.get(0).projection(now), "only the active block is projected");
    }

    private static Instant startOf(List<Turn> window) {
        return window.get(0).ts().truncatedTo(ChronoUnit.HOURS);
    }

    private static Instant lastOf(List<Turn> window) {
        return window.get(window.size() - 1).ts();
    }

    @Test
    void shouldMeasureTheTokenLimitAgainstTheLargestFinishedBlock() {
        long max = windows.stream().mapToLong(w -> w.stream().mapToLong(Turn::tokens).sum()).max().orElseThrow();
        ReportCorpus.Output table = corpus.report("blocks", "--token-limit", "max");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("% of limit"), table.out());
        assertEquals(1, table.out().lines().filter(l -> l.contains(String.format("%,d", max))
                && l.contains("100.0%")).count(), "the largest block is at 100 %");
        assertEquals(2, corpus.report("blocks", "--token-limit", "lots").code());
    }
}
