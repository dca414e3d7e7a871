package io.tokenomics.columnar;

/**
 * USD per token of one model, each token class resolved: the rules of docs/formats.md ("Missing rates") for missing
 * cache prices and long-context rates are applied once, here, so the kernels only multiply.
 *
 * @param name the price-table entry this came from
 * @param longContext whether the model has long-context rates; the {@code *Long} fields are meaningless if not
 * @param longContextThreshold the prompt size above which the long rates apply: 200k (Anthropic) or 272k (OpenAI)
 * @param fastMultiplier the factor for {@code usage.speed == "fast"}, 1 where the table has none
 */
public record ModelPrice(String name, double input, double output, double cacheWrite5m, double cacheWrite1h,
        double cacheRead, boolean longContext, long longContextThreshold, double inputLong, double outputLong,
        double cacheWrite5mLong, double cacheWrite1hLong, double cacheReadLong, double fastMultiplier) {

    /** Anthropic's prompt size (input + cache writes + cache reads) above which the long rates apply. */
    public static final long LONG_CONTEXT_THRESHOLD = 200_000;
    /** OpenAI's: the {@code *_above_272k_tokens} rates of GPT-5.4 and later. */
    public static final long OPENAI_LONG_CONTEXT_THRESHOLD = 272_000;

    /** Anthropic's server-side web search: $10 per 1,000 requests. */
    public static final double WEB_SEARCH_PER_REQUEST = 0.01;
}
