package io.tokenomics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A 5-hour billing window as ccusage defines it ({@link BillingBlocks}), or the idle time between two windows
 * ({@code gap}: no turns, from 5 hours after the last turn to the next turn).
 *
 * @param start the UTC hour of the block's first turn (a gap: 5 hours after the last turn before it)
 * @param end {@code start} + 5 hours (a gap: the next turn)
 * @param firstActivity the first turn's time; null for a gap
 * @param lastActivity the last turn's time; null for a gap
 * @param active whether the block holds "now": less than 5 hours since its last turn and before its end
 * @param turns the turns in the block
 * @param costUsd the priced turns' cost; {@code unpricedTurns} had no price
 * @param models the models used, in order of first use, {@code <synthetic>} excluded
 */
public record BillingBlock(Instant start, Instant end, Instant firstActivity, Instant lastActivity, boolean active,
        boolean gap, long turns, long inputTokens, long outputTokens, long cacheCreationTokens, long cacheReadTokens,
        double costUsd, long unpricedTurns, List<String> models) {

    public BillingBlock {
        models = List.copyOf(models);
    }

    /** All four token classes, as ccusage's {@code totalTokens}. */
    public long totalTokens() {
        return inputTokens + outputTokens + cacheCreationTokens + cacheReadTokens;
    }

    /**
     * How fast the block used tokens and money between its first and last turn; null for a gap or a block whose
     * turns all share one instant.
     *
     * @param tokensPerMinute all token classes
     * @param tokensPerMinuteForIndicator input and output only (ccusage's field of the same name)
     */
    public record BurnRate(double tokensPerMinute, double tokensPerMinuteForIndicator, double costPerHour) {
    }

    /** Where the active block ends if it keeps its burn rate: tokens and cost by its end, minutes left. */
    public record Projection(long totalTokens, double totalCost, long remainingMinutes) {
    }

    public BurnRate burnRate() {
        if (gap || firstActivity == null) {
            return null;
        }
        double minutes = Duration.between(firstActivity, lastActivity).toNanos() / 60e9;
        if (minutes <= 0) {
            return null;
        }
        return new BurnRate(totalTokens() / minutes, (inputTokens + outputTokens) / minutes, costUsd / minutes * 60);
    }

    /** The projection of an active block at {@code now}, rounded as ccusage rounds it; null otherwise. */
    public Projection projection(Instant now) {
        BurnRate rate = burnRate();
        if (!active || rate == null) {
            return null;
        }
        double remaining = Math.max(0, Duration.between(now, end).toNanos() / 60e9);
        double tokens = totalTokens() + rate.tokensPerMinute() * remaining;
        double cost = costUsd + rate.costPerHour() / 60 * remaining;
        return new Projection(Math.round(tokens), Math.round(cost * 100) / 100.0, Math.round(remaining));
    }
}
