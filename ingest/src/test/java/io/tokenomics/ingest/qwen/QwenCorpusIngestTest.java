package io.tokenomics.ingest.qwen;

import io.tokenomics.corpus.AgentTotals;
import io.tokenomics.corpus.QwenCorpus;
import io.tokenomics.ingest.AgentCorpusCheck;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Qwen Code corpus (both counting conventions of thoughts, records written twice, telemetry copies,
 * forked sessions, glued and cut lines) gives exactly the generator's totals, in all and per day, and its rejects.
 */
class QwenCorpusIngestTest {
    @TempDir
    Path temp;

    @Test
    void shouldCountEveryCallOfAGeneratedCorpusOnce() throws Exception {
        Path home = temp.resolve(".qwen");
        AgentTotals expected = QwenCorpus.write(home, 60, 21);
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(home.resolve("projects")), 2);
        AgentCorpusCheck.assertCounted(expected, summary, data, "qwen");
    }
}
