package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.corpus.CorpusGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report refreshes the dataset first; when another ingest holds it, the report waited ten seconds and failed. It
 * answers from the last committed dataset within a second or so, and says so.
 */
class ReportUnderLockTest {
    @TempDir
    Path dir;

    @Test
    void shouldAnswerFromTheLastCommittedDatasetWhileAnotherIngestWrites() throws Exception {
        Path home = Files.createDirectories(dir.resolve("home"));
        Path config = dir.resolve("claude");
        CorpusGenerator.generate(new CorpusGenerator.Options(config, 12, 4, 0));
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", home.toString());
        environment.put("TZ", "UTC");
        environment.put("CLAUDE_CONFIG_DIR", config.toString());
        Path data = home.resolve(".local/share/tokenomics");
        ReportCorpus.Output first = ReportCorpus.runWith(environment, "daily", "--json");
        assertEquals(0, first.code(), first.err());

        try (Dataset.WriterLock lock = new Dataset(data).lock(0)) {
            assertTrue(lock != null, "the lock was free");
            long started = System.nanoTime();
            ReportCorpus.Output locked = ReportCorpus.runWith(environment, "daily", "--json");
            double seconds = (System.nanoTime() - started) / 1e9;
            assertEquals(0, locked.code(), locked.err());
            assertTrue(locked.err().contains("another ingest is writing " + data
                    + "; this report is from the last committed dataset"), locked.err());
            assertEquals(first.out(), locked.out());
            assertTrue(seconds < 8, "waited " + seconds + " s");
        }
    }
}
