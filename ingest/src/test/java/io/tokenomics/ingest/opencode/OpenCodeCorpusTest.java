package io.tokenomics.ingest.opencode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.TotalsWithAgentCost;
import io.tokenomics.corpus.OpenCodeCorpus;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated OpenCode data folder (database and message files, sessions in either or both, reasoning inside and
 * outside output, aborted calls, rows spread over lines) gives exactly the totals its generator counted, read once
 * and read again.
 */
class OpenCodeCorpusTest {
    @TempDir
    Path temp;

    @Test
    void shouldMeetTheTotalsOfAGeneratedCorpus() throws Exception {
        TotalsWithAgentCost expected = OpenCodeCorpus.write(temp.resolve("corpus"), 60, 20261207L);
        assertTrue(expected.turns() > 100 && expected.agentCostMicros() > 0, expected.toString());
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve("corpus/opencode")), 2);
        assertEquals(0, summary.totalRejects(), summary.rejects().toString());
        assertEquals(List.of(), summary.problems());
        assertEquals(totals(expected), totals(data));
        Fixtures.ingest(data, List.of(temp.resolve("corpus/opencode")), 2);
        assertEquals(totals(expected), totals(data));
    }

    static List<Object> totals(TotalsWithAgentCost t) {
        return List.of(t.turns(), t.input(), t.output(), t.reasoning(), t.cacheWrite(), t.cacheRead(),
                t.agentCostMicros());
    }

    static List<Object> totals(Path data) throws Exception {
        return Fixtures.rows(data, "SELECT count(*), sum(input_tokens)::BIGINT, sum(output_tokens)::BIGINT,"
                + " sum(reasoning_tokens)::BIGINT, sum(cache_write_5m_tokens + cache_write_1h_tokens)::BIGINT,"
                + " sum(cache_read_tokens)::BIGINT, coalesce(round(sum(agent_cost) * 1e6), 0)::BIGINT FROM turns")
                .get(0);
    }
}
