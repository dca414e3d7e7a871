package io.tokenomics.query;

/**
 * What a self-hosted model costs a turn routed to it ({@code whatif --route PATTERN=local}): either rates per million
 * tokens, every prompt token (input, cache writes and cache reads alike) at the input rate and output at the output
 * rate; or a cost per hour of generation, the hours being the routed turns' output tokens at a stated output speed
 * (prompt processing and idle time not counted). Both are kept as rates per token so the what-if prices a local
 * turn as it prices any other.
 *
 * @param inputPerToken US dollars per prompt token, 0 or more
 * @param outputPerToken US dollars per output token, 0 or more
 * @param costPerHour US dollars per hour of generation, or NaN for rates per million
 * @param tokensPerSecond output tokens generated per second, or NaN for rates per million
 */
public record LocalCost(double inputPerToken, double outputPerToken, double costPerHour, double tokensPerSecond) {
    private static final double SECONDS_PER_HOUR = 3600;

    /** Rates in US dollars per million prompt and output tokens. */
    public static LocalCost perMillion(double inputPerMillion, double outputPerMillion) {
        return new LocalCost(inputPerMillion / 1e6, outputPerMillion / 1e6, Double.NaN, Double.NaN);
    }

    /** A cost per hour of generation at {@code tokensPerSecond} output tokens a second (more than 0). */
    public static LocalCost perHour(double costPerHour, double tokensPerSecond) {
        return new LocalCost(0, costPerHour / SECONDS_PER_HOUR / tokensPerSecond, costPerHour, tokensPerSecond);
    }

    /** Whether the cost is per hour of generation. */
    public boolean hourly() {
        return !Double.isNaN(costPerHour);
    }

    /** The hours of generation that many output tokens take at this cost's speed. */
    public double hours(long outputTokens) {
        return outputTokens / tokensPerSecond / SECONDS_PER_HOUR;
    }
}
