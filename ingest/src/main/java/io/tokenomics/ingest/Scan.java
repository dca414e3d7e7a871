package io.tokenomics.ingest;

import io.tokenomics.columnar.KeyCandidates;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.commit.WorkerStaging;
import io.tokenomics.ingest.source.RowSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.arrow.memory.BufferAllocator;

/**
 * The scan stage of a run: cuts the works into segments, and runs one {@link ScanWorker} per thread over them, each
 * writing its rows into staging files of its own. See docs/architecture.md ("Scan").
 */
final class Scan {
    /**
     * Big files are cut into segments of this size; smaller files are one segment each, grouped up to this size
     * into the items the workers take ({@link Segment#groups}).
     */
    static final long SEGMENT_BYTES = 4L << 20;
    /** Rows per batch of each table and worker: small batches keep the peak memory low at the same speed. */
    private static final int BATCH_ROWS = 4_096;

    private Scan() {
    }

    /**
     * Scans the works on {@code threads} workers into {@code staging}; returns each worker's records of the keyed
     * rows it staged, in worker order, and adds what the workers counted to {@code total}.
     */
    static List<KeyCandidates> run(List<FileWork> works, long bytes, int threads, PriceTable prices, String host,
            String user, boolean rejectSamples, ProgressListener progress, BufferAllocator allocator, Path staging,
            RunCounters total, List<String> problems) throws IOException, InterruptedException {
        // Largest work first, so that the last segments handed out are small and the workers finish together.
        List<FileWork> ordered = new ArrayList<>(works);
        ordered.sort(Comparator.comparingLong((FileWork w) -> w.file.size() - w.readFrom).reversed());
        List<Segment> segments = Segment.plan(ordered, SEGMENT_BYTES);
        // Groups of small files up to a segment, but at least 16 items per worker, so that a small corpus is shared.
        long groupBytes = Math.max(1, Math.min(SEGMENT_BYTES, bytes / (16L * Math.max(1, threads))));
        int[] items = Segment.groups(segments, groupBytes);
        int workerCount = Math.max(1, Math.min(threads, items.length - 1));
        AtomicInteger cursor = new AtomicInteger();
        byte[] hostUtf8 = host.getBytes(StandardCharsets.UTF_8);
        byte[] userUtf8 = user.getBytes(StandardCharsets.UTF_8);
        List<Thread> workers = new ArrayList<>();
        List<RunCounters> counters = new ArrayList<>();
        List<KeyCandidates> keyCandidates = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < workerCount; i++) {
            RunCounters mine = new RunCounters();
            counters.add(mine);
            WorkerStaging stage = new WorkerStaging(staging, i, allocator);
            keyCandidates.add(stage.keyCandidates());
            Thread thread = new Thread(() -> {
                try (stage) {
                    RowSink rows = new RowSink(stage, allocator, BATCH_ROWS, prices, hostUtf8, userUtf8,
                            rejectSamples);
                    try {
                        new ScanWorker(segments, items, cursor, rows, Sources.ALL, mine, problems, progress).run();
                        rows.finish();
                        mine.usageLines += rows.usageLines();
                        mine.addRejects(rows.rejects());
                    } finally {
                        rows.close();
                    }
                } catch (IOException | RuntimeException | Error e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "tokenomics-scan-" + i);
            workers.add(thread);
            thread.start();
        }
        for (Thread thread : workers) {
            thread.join();
        }
        if (!failures.isEmpty()) {
            keyCandidates.forEach(KeyCandidates::close);
            throw new IOException("a scan worker failed: " + failures.get(0), failures.get(0));
        }
        for (RunCounters c : counters) {
            total.add(c);
        }
        return keyCandidates;
    }
}
