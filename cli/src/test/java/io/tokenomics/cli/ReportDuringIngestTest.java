package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.ingest.Ingest;
import io.tokenomics.query.QuerySession;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report never sees half a run: reports opened and run over and over while ingests rewrite every table of the
 * same dataset ({@code --full}, which replaces and deletes each committed file) all succeed, each with the totals of
 * one committed state. A report that read the manifest just before a commit used to fail with "No files found".
 */
class ReportDuringIngestTest {
    @TempDir
    Path temp;

    @Test
    void shouldAnswerEveryReportWhileIngestsCommit() throws Exception {
        Path corpus = temp.resolve("corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 40, 9, 0));
        Path data = temp.resolve("data");
        Ingest.Options full = Ingest.builder(List.of(corpus), data).threads(2).host("h").full(true).build();
        Ingest.run(full);
        long turns = turns(data);

        AtomicBoolean done = new AtomicBoolean();
        List<Throwable> ingestFailures = new ArrayList<>();
        Thread ingests = new Thread(() -> {
            try {
                for (int i = 0; i < 12; i++) {
                    Ingest.run(full);
                }
            } catch (Exception | Error e) {
                ingestFailures.add(e);
            } finally {
                done.set(true);
            }
        });
        ingests.start();
        int reports = 0;
        List<String> failures = new ArrayList<>();
        while (!done.get()) {
            try {
                assertEquals(turns, turns(data));
            } catch (Exception | AssertionError e) {
                failures.add(e.toString());
            }
            reports++;
        }
        ingests.join();
        assertTrue(ingestFailures.isEmpty(), ingestFailures.toString());
        assertTrue(reports > 5, "only " + reports + " reports ran beside the ingests");
        assertEquals(List.of(), failures, failures.size() + " of " + reports + " reports failed");
    }

    private static long turns(Path data) throws Exception {
        try (QuerySession session = QuerySession.open(data, ZoneOffset.UTC, 1);
             ResultSet rs = session.query("SELECT count(*) FROM turns")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
