package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.corpus.CorpusGenerator;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Same dataset, same output, byte for byte: the costs are summed in an order that does not depend on DuckDB's
 * threads. The dataset is ingested in six runs, so that its turns are in several Parquet files that threads read
 * in whatever order they get to them (with plain double sums, the last digits of the costs changed between runs).
 */
class SameOutputTest {
    @TempDir
    static Path temp;
    static Path data;

    @BeforeAll
    static void ingestInSixRuns() throws Exception {
        data = temp.resolve("data");
        for (int seed = 1; seed <= 6; seed++) {
            Path corpus = temp.resolve("corpus-" + seed);
            CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 120, seed, 0));
            ReportCorpus.Output o = ReportCorpus.run("ingest", corpus.toString(), "--data", data.toString(), "--quiet");
            assertEquals(0, o.code(), o.err());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"daily", "weekly", "monthly", "session", "blocks", "models"})
    void shouldPrintTheSameJsonEveryRun(String report) {
        String first = json(report);
        for (int run = 0; run < 4; run++) {
            assertEquals(first, json(report), report + " --json, run " + (run + 2));
        }
    }

    private static String json(String report) {
        ReportCorpus.Output o = ReportCorpus.run(report, "--json", "--data", data.toString(), "--threads", "4",
                "--tz", "UTC");
        assertEquals(0, o.code(), o.err());
        return o.out();
    }
}
