package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ingests of one dataset at once, in one process or two: the second waits for the first or stops with a clear
 * message, never writes beside it; and a report that reads while ingests commit sees one whole run.
 */
class ConcurrentIngestTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    @Test
    void shouldMakeASecondIngestWaitForTheFirstOrStopWithAClearMessage() throws Exception {
        GeneratedCorpus first = GeneratedCorpus.create(temp.resolve("first"), 6, 1);
        first.copyTheRest();
        GeneratedCorpus second = GeneratedCorpus.create(temp.resolve("second"), 6, 2);
        second.copyTheRest();
        Path data = temp.resolve("data");
        CountDownLatch scanning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<IngestSummary> holder = CompletableFuture.supplyAsync(() -> run(data, first.root(), 0,
                bytes -> holdOnce(scanning, release)));
        assertTrue(scanning.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the first ingest never started scanning");

        Ingest.LockedException refused = assertThrows(Ingest.LockedException.class,
                () -> Ingest.run(options(data, second.root(), 0, ProgressListener.NONE)));
        assertTrue(refused.getMessage().startsWith("another ingest is writing " + data.toAbsolutePath()),
                refused.getMessage());

        CompletableFuture<IngestSummary> waiter = CompletableFuture.supplyAsync(() -> run(data, second.root(),
                WAIT.toMillis(), ProgressListener.NONE));
        // It cannot finish while the first holds the lock; a little time shows it does not try to.
        Thread.sleep(300);
        assertFalse(waiter.isDone(), "the second ingest did not wait for the first");
        release.countDown();
        holder.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        waiter.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        Path reference = temp.resolve("reference");
        Fixtures.ingest(reference, List.of(first.root(), second.root()), 2);
        assertEquals(DatasetTotals.read(reference), DatasetTotals.read(data));
    }

    @Test
    void shouldRefuseAnIngestFromAnotherProcessAndTakeOverWhenThatProcessIsKilled() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 6, 3);
        corpus.copyTheRest();
        Path data = temp.resolve("data");
        try (ChildIngest child = ChildIngest.start(data, corpus.root(), 1, true, temp.resolve("child.log"))) {
            child.await("scanning", WAIT);
            assertThrows(Ingest.LockedException.class,
                    () -> Ingest.run(options(data, corpus.root(), 0, ProgressListener.NONE)));
            child.kill();
        }
        // The killed holder's lock went with its process; its staging folder is cleaned up by the next run.
        Ingest.run(options(data, corpus.root(), 0, ProgressListener.NONE));
        assertEquals(corpus.expectedTotals(), DatasetTotals.read(data));
    }

    /**
     * An ingest that gives up on the lock must not take it from the one that holds it. POSIX record locks belong to
     * the process, and closing any channel of the lock file drops them all: after an ingest in the same JVM gave up,
     * another process must still find the dataset locked.
     */
    @Test
    void shouldKeepTheLockOfARunningIngestWhenAnotherIngestInTheSameProcessGivesUp() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 4, 4);
        corpus.copyTheRest();
        Path data = temp.resolve("data");
        CountDownLatch scanning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<IngestSummary> holder = CompletableFuture.supplyAsync(() -> run(data, corpus.root(), 0,
                bytes -> holdOnce(scanning, release)));
        try {
            assertTrue(scanning.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the first ingest never started scanning");
            assertThrows(Ingest.LockedException.class,
                    () -> Ingest.run(options(data, corpus.root(), 0, ProgressListener.NONE)));
            try (ChildIngest child = ChildIngest.start(data, corpus.root(), 1, false, temp.resolve("child.log"))) {
                String outcome = child.await("", WAIT);
                assertTrue(outcome.equals("running"), outcome);
                String end = child.await("", WAIT);
                assertTrue(end.startsWith("locked "), "another process got the lock while this one held it: " + end);
            }
        } finally {
            release.countDown();
            holder.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        assertEquals(corpus.expectedTotals(), DatasetTotals.read(data));
    }

    /**
     * Reports read while ingests commit one run after another: each read, from one manifest, sees one whole
     * committed state (its tables agree with the manifest's row counts and with each other), one the writer committed.
     */
    @Test
    void shouldLetReportsReadWholeRunsWhileIngestsCommit() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 10, 6);
        Path data = temp.resolve("data");
        SplittableRandom random = new SplittableRandom(6);
        Set<DatasetTotals> committed = ConcurrentHashMap.newKeySet();
        committed.add(new DatasetTotals(0, 0, 0, 0, 0, 0, 0, 0));
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int step = 0; step < 5; step++) {
                    if (step < 4) {
                        corpus.grow(random);
                    } else {
                        corpus.copyTheRest();
                    }
                    Fixtures.ingest(data, List.of(corpus.root()), 1);
                    committed.add(snapshot(data));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<DatasetTotals> seen = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        while (!writer.isDone()) {
            try {
                seen.add(snapshot(data));
            } catch (SQLException e) {
                failures.add(e.getMessage());
            }
        }
        writer.get();
        // A read may fail because the next commit deleted files it was about to open: CommittedDatasetTest covers
        // that. What must never happen is a read that returns a state no run committed.
        assertFalse(seen.isEmpty(), "no read succeeded: " + failures);
        Set<DatasetTotals> unknown = new HashSet<>(seen);
        unknown.removeAll(committed);
        assertEquals(Set.of(), unknown, "states no run committed (of " + seen.size() + " reads; " + failures.size()
                + " failed)");
        assertEquals(corpus.expectedTotals(), DatasetTotals.read(data));
    }

    /**
     * One read as a report does it: the manifest once, then every table from the files it names, in one session,
     * checked against the manifest's own row counts.
     */
    private static DatasetTotals snapshot(Path data) throws Exception {
        Manifest manifest = new Dataset(data).manifest().orElse(Manifest.empty());
        DatasetTotals state = DatasetTotals.read(data, manifest);
        assertEquals(List.of(manifest.rowCount(Table.TURNS), manifest.rowCount(Table.REJECTS),
                (long) manifest.files().size()), List.of(state.turns(), state.rejects(), state.files()),
                "a read of run " + manifest.runId() + " does not match its manifest");
        return state;
    }

    private static void holdOnce(CountDownLatch scanning, CountDownLatch release) {
        if (scanning.getCount() > 0) {
            scanning.countDown();
            try {
                release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static IngestSummary run(Path data, Path root, long lockWaitMillis, ProgressListener progress) {
        try {
            return Ingest.run(options(data, root, lockWaitMillis, progress));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Ingest.Options options(Path data, Path root, long lockWaitMillis, ProgressListener progress) {
        return Ingest.builder(List.of(root), data).threads(1).host("test-host").lockWaitMillis(lockWaitMillis)
                .progress(progress).build();
    }
}
