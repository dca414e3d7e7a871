package io.tokenomics.corpus;

/**
 * The totals a correct reader reports from a small agent corpus ({@link OpenCodeCorpus}, {@link AmpCorpus}), in the
 * classes of docs/formats.md ("Token classes"): output includes reasoning, and the agent's own cost is summed in
 * micro-units so that the sum is exact.
 */
public record TotalsWithAgentCost(long turns, long input, long output, long reasoning, long cacheWrite, long cacheRead,
        long agentCostMicros) {

    TotalsWithAgentCost plus(long input, long output, long reasoning, long cacheWrite, long cacheRead,
            long agentCostMicros) {
        return new TotalsWithAgentCost(turns + 1, this.input + input, this.output + output, this.reasoning + reasoning,
                this.cacheWrite + cacheWrite, this.cacheRead + cacheRead, this.agentCostMicros + agentCostMicros);
    }

    static TotalsWithAgentCost none() {
        return new TotalsWithAgentCost(0, 0, 0, 0, 0, 0, 0);
    }
}
