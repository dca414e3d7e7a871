package io.tokenomics.ingest.kimi;

import io.tokenomics.corpus.AgentTotals;
import io.tokenomics.corpus.KimiCorpus;
import io.tokenomics.ingest.AgentCorpusCheck;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of both Kimi wire shapes (usage records of both scopes beside their step events, StatusUpdates
 * forwarded from sub-agents and kept in their own files, forked sessions, context files, a cut line, a record
 * without a time) gives exactly the generator's totals, in all and per day, and its rejects.
 */
class KimiCorpusIngestTest {
    @TempDir
    Path temp;

    @Test
    void shouldCountEveryCallOfAGeneratedCorpusOnce() throws Exception {
        Path home = temp.resolve(".kimi");
        AgentTotals expected = KimiCorpus.write(home, 60, 22);
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(home.resolve("sessions")), 2);
        AgentCorpusCheck.assertCounted(expected, summary, data, "kimi");
    }
}
