package io.tokenomics.columnar;

import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * Prices every turn of a filled {@code turns} batch: the cost columns are computed from the token columns and a
 * price index per row (looked up once per model by the batch's producer, not per row here).
 *
 * <p>Two rules (docs/formats.md, "Pricing"). {@code cost_usd} follows Anthropic: when input + cache writes + cache
 * reads of one request exceed 200k tokens, every class of that request is priced at its long-context rate.
 * {@code cost_usd_ccusage} follows ccusage: each class separately, the part of it above 200k at the long rate.
 * Unpriced rows get NULL costs; {@code <synthetic>} rows cost 0. Fast mode multiplies the token cost.
 */
public final class CostKernel {
    private CostKernel() {
    }

    /**
     * @param priceIndex the price index of each row: an index of {@code prices}, {@link PriceTable#UNPRICED} or
     *     {@link PriceTable#FREE}
     * @param fast whether each row was served in fast mode
     */
    public static void apply(RowBatch turns, int[] priceIndex, boolean[] fast, PriceTable prices) {
        BatchColumns columns = new BatchColumns(turns.root());
        int rows = turns.rowCount();
        // A call per row, not a loop body: see docs/architecture.md ("Client compiler only").
        for (int i = 0; i < rows; i++) {
            columns.price(i, priceIndex[i], fast[i], prices);
        }
    }

    /** The columns of one batch that pricing reads and writes. */
    private static final class BatchColumns {
        final BigIntVector input;
        final BigIntVector output;
        final BigIntVector write5m;
        final BigIntVector write1h;
        final BigIntVector read;
        final BigIntVector searches;
        final Float8Vector cost;
        final Float8Vector costInput;
        final Float8Vector costOutput;
        final Float8Vector costWrite;
        final Float8Vector costRead;
        final Float8Vector costCcusage;
        final Float8Vector costSearch;

        BatchColumns(VectorSchemaRoot root) {
            input = (BigIntVector) root.getVector(TurnColumn.INPUT_TOKENS.ordinal());
            output = (BigIntVector) root.getVector(TurnColumn.OUTPUT_TOKENS.ordinal());
            write5m = (BigIntVector) root.getVector(TurnColumn.CACHE_WRITE_5M_TOKENS.ordinal());
            write1h = (BigIntVector) root.getVector(TurnColumn.CACHE_WRITE_1H_TOKENS.ordinal());
            read = (BigIntVector) root.getVector(TurnColumn.CACHE_READ_TOKENS.ordinal());
            searches = (BigIntVector) root.getVector(TurnColumn.WEB_SEARCH_REQUESTS.ordinal());
            cost = (Float8Vector) root.getVector(TurnColumn.COST_USD.ordinal());
            costInput = (Float8Vector) root.getVector(TurnColumn.COST_INPUT_USD.ordinal());
            costOutput = (Float8Vector) root.getVector(TurnColumn.COST_OUTPUT_USD.ordinal());
            costWrite = (Float8Vector) root.getVector(TurnColumn.COST_CACHE_WRITE_USD.ordinal());
            costRead = (Float8Vector) root.getVector(TurnColumn.COST_CACHE_READ_USD.ordinal());
            costCcusage = (Float8Vector) root.getVector(TurnColumn.COST_USD_CCUSAGE.ordinal());
            costSearch = (Float8Vector) root.getVector(TurnColumn.COST_WEB_SEARCH_USD.ordinal());
        }

        void price(int i, int index, boolean fast, PriceTable prices) {
            long searchCount = searches.get(i);
            if (index == PriceTable.UNPRICED) {
                costSearch.set(i, searchCount * ModelPrice.WEB_SEARCH_PER_REQUEST);
                return;
            }
            if (index == PriceTable.FREE) {
                cost.set(i, 0);
                costInput.set(i, 0);
                costOutput.set(i, 0);
                costWrite.set(i, 0);
                costRead.set(i, 0);
                costCcusage.set(i, 0);
                costSearch.set(i, 0);
                return;
            }
            ModelPrice p = prices.price(index);
            long in = input.get(i);
            long out = output.get(i);
            long w5 = write5m.get(i);
            long w1 = write1h.get(i);
            long rd = read.get(i);
            double multiplier = fast ? p.fastMultiplier() : 1;
            boolean isLong = p.longContext() && in + w5 + w1 + rd > p.longContextThreshold();
            double ci = in * (isLong ? p.inputLong() : p.input()) * multiplier;
            double co = out * (isLong ? p.outputLong() : p.output()) * multiplier;
            double cw = (w5 * (isLong ? p.cacheWrite5mLong() : p.cacheWrite5m())
                    + w1 * (isLong ? p.cacheWrite1hLong() : p.cacheWrite1h())) * multiplier;
            double cr = rd * (isLong ? p.cacheReadLong() : p.cacheRead()) * multiplier;
            costInput.set(i, ci);
            costOutput.set(i, co);
            costWrite.set(i, cw);
            costRead.set(i, cr);
            cost.set(i, ci + co + cw + cr);
            costCcusage.set(i, ccusageCost(p, in, out, w5, w1, rd) * multiplier);
            costSearch.set(i, searchCount * ModelPrice.WEB_SEARCH_PER_REQUEST);
        }
    }

    /** ccusage's rule: each class on its own, the tokens of it above 200k at the long rate. */
    static double ccusageCost(ModelPrice p, long in, long out, long w5, long w1, long rd) {
        long threshold = p.longContext() ? p.longContextThreshold() : Long.MAX_VALUE;
        return tiered(in, p.input(), p.inputLong(), threshold)
                + tiered(out, p.output(), p.outputLong(), threshold)
                + tiered(w5, p.cacheWrite5m(), p.cacheWrite5mLong(), threshold)
                + tiered(w1, p.cacheWrite1h(), p.cacheWrite1hLong(), threshold)
                + tiered(rd, p.cacheRead(), p.cacheReadLong(), threshold);
    }

    private static double tiered(long tokens, double base, double above, long threshold) {
        if (tokens <= threshold) {
            return tokens * base;
        }
        return threshold * base + (tokens - threshold) * above;
    }
}
