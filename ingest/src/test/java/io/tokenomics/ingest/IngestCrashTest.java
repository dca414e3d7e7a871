package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.FileTrees;
import io.tokenomics.columnar.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL at any moment of an ingest: the dataset stays readable and holds either the state before the run or the
 * state after it, never a mix; the next ingest completes it to exactly the totals of the whole corpus.
 */
class IngestCrashTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final String[] PHASES = {"running", "scanning", "scanned"};
    private static final Duration EARLY = Duration.ofMillis(300);
    private static final int KILLS = 4;

    @TempDir
    Path temp;

    /**
     * SIGTERM at each phase of a run (Ctrl-C, a service manager): the run's staging folder and every table file of
     * its own are gone when the process has exited, where the folder (a tenth of the corpus) and orphan files stayed,
     * and the dataset is the one before the run or the one after.
     */
    @Test
    void shouldRemoveItsStagingAndFilesWhenTerminated() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 30, 9);
        corpus.grow(new SplittableRandom(9));
        Path data = temp.resolve("data");
        IngestSummary first = Fixtures.ingest(data, List.of(corpus.root()), 2);
        long commitMillis = Math.max(100, (long) (first.commitSeconds() * 2000));
        DatasetTotals before = DatasetTotals.read(data);
        Path snapshot = temp.resolve("snapshot");
        copyTree(data, snapshot);
        corpus.copyTheRest();
        // Each phase's start, and points inside the commit, where the run has written table files of its own.
        List<String> phases = List.of("running", "scanning", "scanned", "scanned", "scanned", "scanned");
        for (int i = 0; i < phases.size(); i++) {
            String phase = phases.get(i);
            restore(snapshot, data);
            try (ChildIngest child = ChildIngest.start(data, corpus.root(), 2, false,
                    temp.resolve("term-" + i + ".log"))) {
                child.await(phase, START);
                Thread.sleep(phase.equals("scanned") ? commitMillis * (i - 2) / 4 : 0);
                child.terminate();
                child.awaitExit(START);
            }
            try (var left = Files.list(data)) {
                assertTrue(left.noneMatch(p -> p.getFileName().toString().startsWith(".staging-")),
                        "staging left after SIGTERM in " + phase);
            }
            Manifest manifest = new Dataset(data).manifest().orElseThrow();
            try (var files = Files.walk(data)) {
                List<String> orphans = files.filter(f -> f.toString().endsWith(".parquet"))
                        .map(f -> data.relativize(f).toString()).filter(f -> !manifest.tableFiles().contains(f))
                        .toList();
                assertEquals(List.of(), orphans, "files of the terminated run in " + phase);
            }
            DatasetTotals now = DatasetTotals.read(data);
            assertTrue(now.equals(before) || now.equals(corpus.expectedTotals()), phase + ": " + now);
        }
    }

    @Test
    void shouldLeaveThePreviousOrTheNextStateWhenKilledAtRandomTimesAndCompleteOnTheNextRun() throws Exception {
        SplittableRandom random = new SplittableRandom(20261122);
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 40, 5);
        corpus.grow(random);
        Path data = temp.resolve("data");
        IngestSummary first = Fixtures.ingest(data, List.of(corpus.root()), 2);
        // The commits of the runs to kill take longer than this one's, which had less to merge.
        long commitMillis = Math.max(100, (long) (first.commitSeconds() * 2000));
        DatasetTotals before = DatasetTotals.read(data);
        Path snapshot = temp.resolve("snapshot");
        copyTree(data, snapshot);
        corpus.copyTheRest();
        DatasetTotals after = corpus.expectedTotals();

        List<String> outcomes = new ArrayList<>();
        for (int kill = 0; kill < KILLS; kill++) {
            if (kill > 0) {
                restore(snapshot, data);
            }
            // Each kill lands a random time after one of the run's phases began: lock, discovery and DuckDB's start;
            // the scan; or the commit (COPY of every table, manifest rename, deletion of the old files).
            String phase = PHASES[random.nextInt(PHASES.length)];
            long delayMillis = random.nextLong((phase.equals("scanned") ? commitMillis : EARLY.toMillis()) + 1);
            try (ChildIngest child = ChildIngest.start(data, corpus.root(), 2, false,
                    temp.resolve("kill-" + kill + ".log"))) {
                child.await(phase, START);
                Thread.sleep(delayMillis);
                child.kill();
            }
            DatasetTotals state = DatasetTotals.read(data);
            String outcome = phase + " +" + delayMillis + " ms: " + (state.equals(before) ? "before"
                    : state.equals(after) ? "after" : state.toString());
            outcomes.add(outcome);
            assertTrue(state.equals(before) || state.equals(after), "killed " + outcome + ", neither the state "
                    + "before, " + before + ", nor the one after, " + after);
        }
        // The last kill's dataset, stale lock file and staging folder included, is completed by a normal run.
        IngestSummary completed = Fixtures.ingest(data, List.of(corpus.root()), 2);
        assertEquals(after, DatasetTotals.read(data), completed.line() + "; kills: " + outcomes);
        try (Stream<Path> children = Files.list(data)) {
            assertEquals(List.of(), children.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".staging-") || n.startsWith("manifest.json.tmp")).toList());
        }
    }

    /** Puts the snapshot back: the next kill interrupts the run from the previous state again. */
    private static void restore(Path snapshot, Path data) throws IOException {
        FileTrees.delete(data);
        copyTree(snapshot, data);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.sorted(Comparator.naturalOrder()).toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
