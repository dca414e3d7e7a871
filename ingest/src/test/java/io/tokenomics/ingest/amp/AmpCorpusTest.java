package io.tokenomics.ingest.amp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.TotalsWithAgentCost;
import io.tokenomics.corpus.AmpCorpus;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Amp data folder (threads of message usage and threads of the older usage ledger, aborted calls,
 * credits) gives exactly the totals its generator counted.
 */
class AmpCorpusTest {
    @TempDir
    Path temp;

    @Test
    void shouldMeetTheTotalsOfAGeneratedCorpus() throws Exception {
        TotalsWithAgentCost expected = AmpCorpus.write(temp.resolve("corpus"), 80, 20261207L);
        assertTrue(expected.turns() > 150 && expected.agentCostMicros() > 0, expected.toString());
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve("corpus/amp/threads")), 2);
        assertEquals(0, summary.totalRejects(), summary.rejects().toString());
        assertEquals(List.of(expected.turns(), expected.input(), expected.output(), expected.reasoning(),
                expected.cacheWrite(), expected.cacheRead(), expected.agentCostMicros()), Fixtures.rows(data,
                "SELECT count(*), sum(input_tokens)::BIGINT, sum(output_tokens)::BIGINT, sum(reasoning_tokens)::BIGINT,"
                        + " sum(cache_write_5m_tokens + cache_write_1h_tokens)::BIGINT, sum(cache_read_tokens)::BIGINT,"
                        + " coalesce(round(sum(agent_cost) * 1e6), 0)::BIGINT FROM turns").get(0));
    }
}
