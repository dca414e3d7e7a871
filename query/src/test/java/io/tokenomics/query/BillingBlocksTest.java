package io.tokenomics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The 5-hour windows on hand-made turns, case by case as ccusage's own tests state its rule. */
class BillingBlocksTest {
    private static final Instant TEN = Instant.parse("2024-01-01T10:00:00Z");
    private static final Instant LONG_AGO = Instant.parse("2025-01-01T00:00:00Z");

    @Test
    void shouldKeepTurnsWithinFiveHoursInOneBlockFromTheHour() {
        BillingBlocks fold = new BillingBlocks(LONG_AGO);
        turn(fold, "2024-01-01T10:55:30Z", 1000, 500, "claude-sonnet-4");
        turn(fold, "2024-01-01T11:55:30Z", 1000, 500, "claude-opus-4");
        turn(fold, "2024-01-01T12:55:30Z", 1000, 500, "claude-sonnet-4");
        List<BillingBlock> blocks = fold.finish();
        assertEquals(1, blocks.size());
        BillingBlock b = blocks.get(0);
        assertEquals(TEN, b.start());
        assertEquals(Instant.parse("2024-01-01T15:00:00Z"), b.end());
        assertEquals(Instant.parse("2024-01-01T12:55:30Z"), b.lastActivity());
        assertEquals(3, b.turns());
        assertEquals(4500, b.totalTokens());
        assertEquals(List.of("claude-sonnet-4", "claude-opus-4"), b.models());
        assertFalse(b.active());
    }

    @Test
    void shouldPutAGapBlockBetweenTurnsMoreThanFiveHoursApart() {
        BillingBlocks fold = new BillingBlocks(LONG_AGO);
        turn(fold, "2024-01-01T10:00:00Z", 1, 1, "m");
        turn(fold, "2024-01-01T12:00:00Z", 1, 1, "m");
        turn(fold, "2024-01-01T18:00:00Z", 1, 1, "m");
        List<BillingBlock> blocks = fold.finish();
        assertEquals(3, blocks.size());
        assertEquals(2, blocks.get(0).turns());
        assertTrue(blocks.get(1).gap());
        assertEquals(Instant.parse("2024-01-01T17:00:00Z"), blocks.get(1).start(), "5 hours after the last turn");
        assertEquals(Instant.parse("2024-01-01T18:00:00Z"), blocks.get(1).end(), "the next turn");
        assertEquals(0, blocks.get(1).turns());
        assertEquals(Instant.parse("2024-01-01T18:00:00Z"), blocks.get(2).start());
    }

    @Test
    void shouldStartANewBlockFiveHoursAfterTheStartEvenWithoutAPause() {
        BillingBlocks fold = new BillingBlocks(LONG_AGO);
        for (int hour = 10; hour <= 16; hour++) {
            turn(fold, "2024-01-01T" + hour + ":30:00Z", 1, 1, "m");
        }
        List<BillingBlock> blocks = fold.finish();
        assertEquals(2, blocks.size(), "10:30 to 14:30 in the 10:00 block, 15:30 and 16:30 in the 15:00 block");
        assertEquals(5, blocks.get(0).turns());
        assertEquals(Instant.parse("2024-01-01T15:00:00Z"), blocks.get(1).start());
        assertFalse(blocks.get(1).gap());
    }

    @Test
    void shouldKeepATurnExactlyFiveHoursAfterTheStartInTheBlock() {
        BillingBlocks fold = new BillingBlocks(LONG_AGO);
        turn(fold, "2024-01-01T10:00:00Z", 1, 1, "m");
        turn(fold, "2024-01-01T14:00:00Z", 1, 1, "m");
        turn(fold, "2024-01-01T15:00:00Z", 1, 1, "m");
        assertEquals(1, fold.finish().size(), "ccusage starts a new block only after more than 5 hours");
    }

    @Test
    void shouldMarkTheBlockHoldingNowActiveAndProjectIt() {
        Instant now = Instant.parse("2024-01-01T12:00:00Z");
        BillingBlocks fold = new BillingBlocks(now);
        turn(fold, "2024-01-01T10:00:00Z", 6000, 0, "m");
        turn(fold, "2024-01-01T11:00:00Z", 6000, 0, "m");
        BillingBlock b = fold.finish().get(0);
        assertTrue(b.active());
        assertEquals(200, b.burnRate().tokensPerMinute(), 1e-9, "12,000 tokens in 60 minutes");
        assertEquals(180, b.projection(now).remainingMinutes());
        assertEquals(12_000 + 200 * 180, b.projection(now).totalTokens());
        assertNull(new BillingBlocks(now).finish().stream().findFirst().orElse(null));
    }

    @Test
    void shouldHaveNoBurnRateForASingleInstantOrAGap() {
        BillingBlocks fold = new BillingBlocks(LONG_AGO);
        turn(fold, "2024-01-01T10:00:00Z", 1, 1, "m");
        turn(fold, "2024-01-01T20:00:00Z", 1, 1, "m");
        List<BillingBlock> blocks = fold.finish();
        assertNull(blocks.get(0).burnRate());
        assertNull(blocks.get(1).burnRate());
        assertNull(blocks.get(0).projection(LONG_AGO));
    }

    @Test
    void shouldKeepTheBlocksThatStartInThePeriod() {
        BillingBlocks fold = new BillingBlocks(LONG_AGO);
        turn(fold, "2024-01-01T22:00:00Z", 1, 1, "m");
        turn(fold, "2024-01-02T02:00:00Z", 1, 1, "m");
        turn(fold, "2024-01-02T03:30:00Z", 1, 1, "m");
        List<BillingBlock> all = fold.finish();
        assertEquals(2, all.size(), "22:00 on the 1st and 03:00 on the 2nd (UTC)");
        ReportFilter secondDay = new ReportFilter(LocalDate.parse("2024-01-02"), null, null, null);
        assertEquals(1, BillingBlocks.inPeriod(all, secondDay, ZoneOffset.UTC).size());
        assertEquals(2, BillingBlocks.inPeriod(all, secondDay, ZoneOffset.ofHours(2)).size(),
                "two hours east, the first block starts at midnight of the 2nd");
    }

    @Test
    void shouldRefuseTurnsOutOfOrder() {
        BillingBlocks fold = new BillingBlocks(LONG_AGO);
        turn(fold, "2024-01-01T10:00:00Z", 1, 1, "m");
        assertThrows(IllegalArgumentException.class, () -> turn(fold, "2024-01-01T09:00:00Z", 1, 1, "m"));
    }

    private static void turn(BillingBlocks fold, String ts, long input, long output, String model) {
        Instant t = Instant.parse(ts);
        fold.add(t.getEpochSecond() * 1_000_000L + t.getNano() / 1000, model, input, output, 0, 0, 0.01, true);
    }
}
