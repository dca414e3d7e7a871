package io.tokenomics.corpus;

/**
 * What a reader must count in a small agent corpus ({@link PiCorpus}, {@link HermesCorpus}): its turns, tokens and
 * rejects, and the sum of the agent's own cost of the counted turns in micro-dollars, so that the sum is exact.
 */
public record AgentTotalsAndCost(AgentTotals counts, long agentCostMicros) {
}
