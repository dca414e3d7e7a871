package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tokenomics.columnar.Dataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ingest leaves nothing behind, whether it succeeds or fails half-way: its Arrow allocator closes without a leak
 * (Arrow throws when memory is outstanding at close, and on a failure that error would ride along as a suppressed
 * exception), no transcript stays mapped, the staging folder is gone, the lock is free, and a failed run leaves the
 * previous state, which the next run completes.
 */
class IngestResourcesTest {
    @TempDir
    Path temp;

    @Test
    void shouldReleaseMemoryMappingsStagingAndLockAfterSuccess() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 8, 11);
        corpus.copyTheRest();
        Path data = temp.resolve("data");
        Ingest.run(options(data, corpus.root(), 2, ProgressListener.NONE));
        assertReleased(data, corpus.root());
        assertEquals(corpus.expectedTotals(), DatasetTotals.read(data));
    }

    @Test
    void shouldReleaseEverythingWhenAWorkerFailsMidScan() throws Exception {
        assertFailedRunReleasesEverything(2, (staging, segment) -> {
            if (segment == 2) {
                throw new IllegalStateException("a progress listener that fails");
            }
        }, staging -> { });
    }

    /** As root, permissions cannot make the staging folder unwritable; a file where a table's folder goes can. */
    @Test
    void shouldReleaseEverythingWhenTheStagingFolderCannotBeWritten() throws Exception {
        assertFailedRunReleasesEverything(1, (staging, segment) -> {
            if (segment == 1) {
                for (String table : List.of("turns", "tool_uses", "tool_results", "prompts", "rejects")) {
                    if (!Files.exists(staging.resolve(table))) {
                        Files.createFile(staging.resolve(table));
                    }
                }
            }
        }, staging -> { });
    }

    /** What a test does to the run after each segment a worker has read. */
    private interface SegmentSabotage {
        void afterSegment(Path staging, int segment) throws IOException;
    }

    /** What a test does to the run between the scan and the commit. */
    private interface CommitSabotage {
        void beforeCommit(Path staging) throws IOException;
    }

    /**
     * Ingests a first part of a corpus, grows it, and runs an ingest that {@code sabotage} makes fail; then checks
     * that the run released everything and left the first state, and that a normal run completes the corpus. The
     * largest file, read first, starts with 20,000 unusable lines, so that the worker has staged a full batch of
     * rejects when it is sabotaged.
     */
    private void assertFailedRunReleasesEverything(int threads, SegmentSabotage duringScan,
            CommitSabotage beforeCommit) throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 8, 12);
        corpus.grow(new SplittableRandom(12));
        Path data = temp.resolve("data");
        Ingest.run(options(data, corpus.root(), 2, ProgressListener.NONE));
        DatasetTotals before = DatasetTotals.read(data);
        corpus.copyTheRest();
        Path junk = corpus.root().resolve("projects/junk/junk.jsonl");
        Files.createDirectories(junk.getParent());
        Files.writeString(junk, "x\n".repeat(20_000) + "x".repeat(30 << 20) + "\n");

        AtomicInteger segments = new AtomicInteger();
        ProgressListener progress = new ProgressListener() {
            @Override
            public void onBytes(long bytes) {
                try {
                    duringScan.afterSegment(staging(data), segments.incrementAndGet());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public void onScanned() {
                try {
                    beforeCommit.beforeCommit(staging(data));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        IOException failure = assertThrows(IOException.class,
                () -> Ingest.run(options(data, corpus.root(), threads, progress)));
        assertNoLeak(failure);
        assertReleased(data, corpus.root());
        assertEquals(before, DatasetTotals.read(data), "a failed run changed the dataset");

        Ingest.run(options(data, corpus.root(), 2, ProgressListener.NONE));
        DatasetTotals expected = corpus.expectedTotals();
        DatasetTotals after = DatasetTotals.read(data);
        // The junk file adds its 20,001 rejects and one file to what the generator wrote.
        assertEquals(new DatasetTotals(expected.turns(), expected.input(), expected.output(), expected.write5m(),
                expected.write1h(), expected.cacheRead(), expected.rejects() + 20_001, expected.files() + 1), after);
    }

    private static Path staging(Path data) throws IOException {
        try (Stream<Path> children = Files.list(data)) {
            return children.filter(p -> p.getFileName().toString().startsWith(".staging-")).findFirst().orElseThrow();
        }
    }

    /** No exception in the failure's causes or suppressed ones is Arrow's report of memory left at close. */
    private static void assertNoLeak(Throwable failure) {
        List<Throwable> all = new ArrayList<>();
        collect(failure, all);
        for (Throwable t : all) {
            if (t instanceof IllegalStateException && t.getMessage() != null && t.getMessage().contains("leak")) {
                throw new AssertionError("the run's allocator closed with memory outstanding", failure);
            }
        }
    }

    private static void collect(Throwable t, List<Throwable> into) {
        if (t == null || into.contains(t)) {
            return;
        }
        into.add(t);
        collect(t.getCause(), into);
        for (Throwable s : t.getSuppressed()) {
            collect(s, into);
        }
    }

    /** No staging folder or manifest temporary left, no transcript still mapped, and the lock free. */
    static void assertReleased(Path data, Path corpus) throws Exception {
        try (Stream<Path> children = Files.list(data)) {
            assertEquals(List.of(), children.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".staging-") || n.startsWith("manifest.json.tmp")).toList());
        }
        Path maps = Path.of("/proc/self/maps");
        if (Files.isReadable(maps)) {
            String root = corpus.toRealPath().toString();
            assertEquals(List.of(), Files.readAllLines(maps).stream().filter(l -> l.contains(root)).toList(),
                    "transcripts still mapped");
        }
        try (Dataset.WriterLock lock = new Dataset(data).lock(0)) {
            assertNotNull(lock, "the dataset is still locked");
        }
    }

    private static Ingest.Options options(Path data, Path root, int threads, ProgressListener progress) {
        return Ingest.builder(List.of(root), data).threads(threads).host("test-host").progress(progress).build();
    }
}
