package io.tokenomics.ingest;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.KeyCandidates;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.Table;
import io.tokenomics.commit.Commit;
import io.tokenomics.ingest.bytes.NativeSearch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;

/**
 * Ingests what is new under the roots into the dataset: discover the files, compare them with the manifest, scan the
 * new bytes into staging files, and commit them. The facade of this module; docs/architecture.md draws the stages.
 */
public final class Ingest {
    private Ingest() {
    }

    /** Thrown when another ingest holds the dataset longer than we wait. */
    public static final class LockedException extends IOException {
        private static final long serialVersionUID = 1L;

        LockedException(String message) {
            super(message);
        }
    }

    public static IngestSummary run(Options options) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Dataset dataset = new Dataset(options.data());
        try (Dataset.WriterLock lock = dataset.lock(options.lockWaitMillis())) {
            if (lock == null) {
                throw new LockedException("another ingest is writing " + dataset.root()
                        + "; try again when it has finished");
            }
            Manifest old = dataset.manifest().orElse(null);
            Commit.removeLeftovers(dataset, old);
            old = old == null ? Manifest.empty() : old;
            RunCounters counters = new RunCounters();
            Discovery discovery = new Discovery(options.threads());
            List<SourceFile> files = discovery.discover(options.roots(), options.reportMissingRoots());
            List<String> problems = new ArrayList<>(discovery.problems());
            FileChanges changes = new FileChanges(old, options.full());
            for (SourceFile file : files) {
                changes.found(file);
            }
            counters.discoverNanos = System.nanoTime() - started;
            if (!changes.anyChange()) {
                return IngestSummary.of(files.size(), 0, counters, old.rowCount(Table.TURNS),
                        old.rowCount(Table.TURNS), problems, 0, started);
            }
            // Linking the C library's search takes tens of milliseconds: done beside the setup of the run.
            CompletableFuture.runAsync(NativeSearch::available);
            List<FileWork> works = changes.works();
            try (Commit commit = Commit.begin(dataset, options.threads());
                 BufferAllocator allocator = new RootAllocator()) {
                long scanStarted = System.nanoTime();
                long bytes = FileWork.bytesToRead(works);
                options.progress().onStart(works.size(), bytes);
                // A run that only saw new times reads nothing, and parses no price table.
                List<KeyCandidates> keyCandidates = works.isEmpty() ? List.of() : Scan.run(works, bytes,
                        options.threads(), options.prices().get(), options.host(), options.user(),
                        options.rejectSamples(), options.progress(), allocator, commit.staging(), counters, problems);
                try {
                    options.progress().onScanned();
                    long commitStarted = System.nanoTime();
                    counters.scanNanos = commitStarted - scanStarted;
                    for (FileWork work : works) {
                        changes.scanned(work, commit.runId());
                    }
                    Manifest next = commit.write(old, keyCandidates, changes.reread(), changes.entries(),
                            options.host(), options.user(), allocator);
                    counters.commitNanos = System.nanoTime() - commitStarted;
                    return IngestSummary.of(files.size(), works.size(), counters, old.rowCount(Table.TURNS),
                            next.rowCount(Table.TURNS), problems, changes.reread().size(), started);
                } finally {
                    // The records are native memory: freed here whether or not the commit decided them.
                    keyCandidates.forEach(KeyCandidates::close);
                }
            }
        }
    }

    /**
     * How to run; made by {@link #builder}.
     *
     * @param roots where to look for transcripts
     * @param reportMissingRoots whether a root that does not exist is a problem (true for paths the user gave)
     * @param data the dataset directory
     * @param threads scanning threads, from 1 to four per core (more only crowd the cores and DuckDB's pool)
     * @param prices the price table, asked for once and only when there are lines to read
     * @param full read every file from the start, ignoring what earlier runs read
     * @param host the machine name written to every row
     * @param user the person's name written to every row
     * @param lockWaitMillis how long to wait for another ingest of the same dataset
     * @param progress told how the run progresses
     * @param rejectSamples whether rejects keep their first bytes (unsafe to share: they may hold prompts or secrets)
     */
    public record Options(List<Path> roots, boolean reportMissingRoots, Path data, int threads,
            Supplier<PriceTable> prices, boolean full, String host, String user, long lockWaitMillis,
            ProgressListener progress, boolean rejectSamples) {
        public Options {
            roots = List.copyOf(roots);
            threads = Math.max(1, Math.min(threads, 4 * Runtime.getRuntime().availableProcessors()));
            Objects.requireNonNull(data, "data");
            Objects.requireNonNull(prices, "prices");
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(progress, "progress");
        }
    }

    /**
     * Options that read {@code roots} into {@code data}; by default on every core, with the embedded prices, from
     * where the last run stopped, without waiting for another ingest, a missing root being a problem.
     */
    public static Builder builder(List<Path> roots, Path data) {
        return new Builder(roots, data);
    }

    /** Builds {@link Options}; each setter overrides one default. */
    public static final class Builder {
        private final List<Path> roots;
        private final Path data;
        private boolean reportMissingRoots = true;
        private int threads = Runtime.getRuntime().availableProcessors();
        private Supplier<PriceTable> prices = PriceTable::embedded;
        private boolean full;
        private String host = "localhost";
        private String user = System.getProperty("user.name", "unknown");
        private long lockWaitMillis;
        private ProgressListener progress = ProgressListener.NONE;
        private boolean rejectSamples;

        private Builder(List<Path> roots, Path data) {
            this.roots = roots;
            this.data = data;
        }

        public Builder reportMissingRoots(boolean value) {
            reportMissingRoots = value;
            return this;
        }

        public Builder threads(int value) {
            threads = value;
            return this;
        }

        public Builder prices(Supplier<PriceTable> value) {
            prices = value;
            return this;
        }

        public Builder full(boolean value) {
            full = value;
            return this;
        }

        public Builder host(String value) {
            host = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder lockWaitMillis(long value) {
            lockWaitMillis = value;
            return this;
        }

        public Builder progress(ProgressListener value) {
            progress = value;
            return this;
        }

        /** Rejects keep their first 200 bytes: unsafe to share, since a rejected line may hold a prompt or a secret. */
        public Builder rejectSamples(boolean value) {
            rejectSamples = value;
            return this;
        }

        public Options build() {
            return new Options(roots, reportMissingRoots, data, threads, prices, full, host, user, lockWaitMillis,
                    progress, rejectSamples);
        }
    }
}
