package io.tokenomics.ingest.droid;

import io.tokenomics.corpus.AgentTotals;
import io.tokenomics.corpus.DroidCorpus;
import io.tokenomics.ingest.AgentCorpusCheck;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Factory Droid corpus (backup copies of settings files, sessions without tokens, totals larger than
 * their parts, broken files, tokens without a time, the messages files beside them) gives exactly the generator's
 * totals, one turn per session that spent tokens, in all and per day, and its rejects.
 */
class DroidCorpusIngestTest {
    @TempDir
    Path temp;

    @Test
    void shouldCountEverySessionOfAGeneratedCorpusOnce() throws Exception {
        Path home = temp.resolve(".factory/sessions");
        AgentTotals expected = DroidCorpus.write(home, 60, 23);
        Path data = temp.resolve("data");
        IngestSummary summary = Fixtures.ingest(data, List.of(home), 2);
        AgentCorpusCheck.assertCounted(expected, summary, data, "droid");
    }
}
