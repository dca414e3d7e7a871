package io.tokenomics.ingest;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.FileColumn;
import io.tokenomics.columnar.KeyHashes;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.ParquetSink;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * The ingest stage: discovers transcripts, reads what is new since the last run, and commits the result to the
 * dataset atomically. The facade of this module.
 */
public final class Ingest {
    /**
     * Big files are cut into segments of this size; smaller files are one segment each, grouped up to this size
     * into the items the workers take ({@link Segment#groups}).
     */
    static final long SEGMENT_BYTES = 4L << 20;
    /**
     * Rows per batch of each table and worker. 4,096 rather than 16,384: peak RSS of a 1 GB / 4 GB ingest 310 / 345
     * MB against 355 / 405 MB (six batches per worker, each sized for its capacity), in the same time.
     */
    private static final int BATCH_ROWS = 4_096;
    /** The bytes of a file's head hash, which tells an append (head unchanged) from a rewrite. */
    static final int HEAD_BYTES = 1024;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    /**
     * How to run.
     *
     * @param roots where to look for transcripts
     * @param reportMissingRoots whether a root that does not exist is a problem (true for paths the user gave)
     * @param data the dataset directory
     * @param threads scanning threads
     * @param prices the price table for the cost columns, asked for once and only when there are lines to read
     *         (a re-ingest that finds nothing new then skips parsing the embedded table)
     * @param full read every file from the start, ignoring what earlier runs read
     * @param host the machine name written to every row
     * @param lockWaitMillis how long to wait for another ingest of the same dataset
     */
    public record Options(List<Path> roots, boolean reportMissingRoots, Path data, int threads,
            Supplier<PriceTable> prices, boolean full, String host, long lockWaitMillis, ProgressListener progress) {
    }

    /** Thrown when another ingest holds the dataset longer than we wait. */
    public static final class LockedException extends IOException {
        private static final long serialVersionUID = 1L;

        LockedException(String message) {
            super(message);
        }
    }

    private Ingest() {
    }

    public static IngestSummary run(Options options) throws IOException, InterruptedException {
        long started = System.nanoTime();
        Dataset dataset = new Dataset(options.data());
        try (Dataset.WriterLock lock = dataset.lock(options.lockWaitMillis())) {
            if (lock == null) {
                throw new LockedException("another ingest is writing " + dataset.root()
                        + "; try again when it has finished");
            }
            return runLocked(options, dataset, started);
        }
    }

    private static IngestSummary runLocked(Options options, Dataset dataset, long started)
            throws IOException, InterruptedException {
        Manifest old = dataset.manifest().orElse(Manifest.empty());
        removeLeftovers(dataset.root(), old);
        FileChanges changes = new FileChanges(old, options.full());
        long discoverStarted = System.nanoTime();
        Discovery discovery = new Discovery(options.threads());
        List<SourceFile> files = discovery.discover(options.roots(), options.reportMissingRoots());
        List<String> problems = new ArrayList<>(discovery.problems());
        for (SourceFile file : files) {
            changes.found(file);
        }
        if (!changes.anyChange()) {
            return summary(files.size(), 0, new RunCounters(), 0, old.rowCount(Table.TURNS), problems, started);
        }
        List<FileWork> works = changes.works();
        // Linking the C library's search takes 15 to 100 ms (the foreign function API's classes and their method
        // handles); done beside the setup of the run, the scan's first long string does not wait for it all.
        CompletableFuture.runAsync(NativeSearch::available);
        String runId = RUN_ID.format(Instant.now()) + "-" + Long.toHexString(ProcessHandle.current().pid());
        Path staging = dataset.root().resolve(".staging-" + runId);
        Files.createDirectories(staging);
        CompletableFuture<DuckDBConnection> duckdb = CompletableFuture.supplyAsync(() -> {
            try {
                // The commit runs two statements at once, each with its calling thread working beside DuckDB's own
                // threads: one thread fewer than the run's keeps the two cores busy without crowding them (commit
                // 0.51 against 0.43 s, peak RSS 292 against 261 MB on the 1 GB bench corpus, 5 alternating runs).
                DuckDBConnection connection = DuckDb.openInMemory(Math.max(1, options.threads() - 1));
                try (java.sql.Statement statement = connection.createStatement()) {
                    // The commit writes tables (or a run's share of them); their row order carries no meaning, so
                    // let DuckDB write row groups in parallel. DuckDB's memory is bounded and spills to the staging
                    // folder, so that the peak does not follow the corpus: peak RSS of a 1 GB / 4 GB corpus was
                    // 350 / 510 MB with 256 MB here, 317 / 388 MB with 128 MB (commit 0.52 / 1.64 s against 0.61 /
                    // 1.95 s).
                    statement.execute("SET preserve_insertion_order = false");
                    statement.execute("SET memory_limit = '128MB'");
                    statement.execute("SET temp_directory = " + DuckDb.literal(staging.resolve("duckdb-tmp").toString()));
                }
                return connection;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
            }
        });
        RunCounters total = new RunCounters();
        total.discoverNanos = System.nanoTime() - discoverStarted;
        try (BufferAllocator allocator = new RootAllocator()) {
            try {
                long scanStarted = System.nanoTime();
                long bytesToRead = 0;
                for (FileWork work : works) {
                    bytesToRead += work.file.size() - work.readFrom;
                }
                options.progress().onStart(works.size(), bytesToRead);
                List<KeyHashes> keyHashes = scan(works, bytesToRead, options, allocator, staging, total, problems);
                options.progress().onScanned();
                total.scanNanos = System.nanoTime() - scanStarted;
                long commitStarted = System.nanoTime();
                DuckDBConnection connection = duckdb.get();
                for (FileWork work : works) {
                    changes.scanned(work, runId);
                }
                List<Manifest.FileEntry> fileEntries = changes.entries();
                Map<Table, Merged> merged = commitTables(new CommitInput(dataset.root(), runId, staging,
                        changes.reread(), old, new Committer.RepeatedKeys(keyHashes)), connection, allocator,
                        fileEntries, options);
                Map<String, List<String>> tables = new LinkedHashMap<>();
                Map<String, Long> rows = new LinkedHashMap<>();
                for (Map.Entry<Table, Merged> table : merged.entrySet()) {
                    tables.put(table.getKey().tableName(), table.getValue().files());
                    rows.put(table.getKey().tableName(), table.getValue().rows());
                }
                Manifest next = new Manifest(Manifest.FORMAT, runId, tables, rows, fileEntries);
                dataset.commit(next);
                // The replaced files go at once, so that a table folder read by glob holds exactly the committed
                // rows; a report that opened the previous manifest reopens the dataset (QuerySession).
                deleteReplaced(dataset.root(), old, next);
                total.commitNanos = System.nanoTime() - commitStarted;
                long turnsBefore = old.rowCount(Table.TURNS);
                long turnsAfter = next.rowCount(Table.TURNS);
                connection.close();
                return summary(files.size(), works.size(), total, turnsAfter - turnsBefore, turnsAfter, problems,
                        started);
            } catch (ExecutionException | SQLException e) {
                throw new IOException("ingest failed: " + rootMessage(e), e);
            } finally {
                deleteTree(staging);
                duckdb.thenAccept(Ingest::closeQuietly);
            }
        }
    }

    /**
     * What the commit of a run works on: where, which run, what it staged (and which of its keys repeat) and which
     * manifest it follows.
     */
    private record CommitInput(Path root, String runId, Path staging, Collection<String> reread, Manifest old,
            Committer.RepeatedKeys repeatedKeys) {
    }

    /**
     * Writes the run's share of every table. Two connections, two threads, taking the tasks below from one list in
     * turn (one COPY at a time left part of the two cores idle): the turns, which are half of the commit, in two
     * parts when they can be split ({@link Committer#splits}), each part with its histograms; then the other tables,
     * largest first, and the files table. With one thread (--threads 1), one after the other on the given connection.
     */
    private static Map<Table, Merged> commitTables(CommitInput run, DuckDBConnection connection,
            BufferAllocator allocator, List<Manifest.FileEntry> fileEntries, Options options)
            throws IOException, SQLException, InterruptedException {
        boolean beside = options.threads() > 1;
        List<String> committedTurns = run.old().tables().getOrDefault(Table.TURNS.tableName(), List.of());
        List<String> committedHistograms = run.old().tables().getOrDefault(Table.TOKEN_HISTOGRAMS.tableName(),
                List.of());
        List<CommitTask> tasks = new ArrayList<>();
        if (beside && Committer.splits(Table.TURNS, committedTurns, run.staging())) {
            // Part 1 also dedups the repeated keys: the bigger one goes first.
            for (int part : new int[] {1, 0}) {
                tasks.add((committer, db) -> {
                    List<String> turns = List.of(committer.writePart(Table.TURNS, run.staging(), part));
                    List<String> histograms = Histograms.update(db, allocator, run.root(), turns, List.of(),
                            options.host());
                    return Map.of(Table.TURNS, new Merged(turns, committer.rows(turns)),
                            Table.TOKEN_HISTOGRAMS, new Merged(histograms, committer.rows(histograms)));
                });
            }
        } else {
            tasks.add((committer, db) -> {
                Merged turns = merge(committer, Table.TURNS, run);
                List<String> histograms = Histograms.update(db, allocator, run.root(), turns.files(),
                        committedHistograms, options.host());
                return Map.of(Table.TURNS, turns,
                        Table.TOKEN_HISTOGRAMS, new Merged(histograms, committer.rows(histograms)));
            });
        }
        for (Table table : List.of(Table.TOOL_RESULTS, Table.TOOL_USES, Table.PROMPTS, Table.COMPACTIONS,
                Table.REJECTS)) {
            tasks.add((committer, db) -> Map.of(table, merge(committer, table, run)));
        }
        tasks.add((committer, db) -> Map.of(Table.FILES, new Merged(List.of(writeFiles(db, allocator, run.root(),
                run.runId(), fileEntries, options.host())), fileEntries.size())));

        List<Map<Table, Merged>> done = new ArrayList<>(java.util.Collections.nCopies(tasks.size(), null));
        AtomicInteger next = new AtomicInteger();
        DuckDBConnection second = beside ? (DuckDBConnection) connection.duplicate() : connection;
        Callable<Void> besideWork = () -> runTasks(tasks, done, next,
                new Committer(second, allocator, run.root(), run.runId(), run.repeatedKeys()), second);
        ExecutorService commitThread = beside
                ? Executors.newSingleThreadExecutor(r -> new Thread(r, "tokenomics-commit")) : null;
        Future<Void> besideDone = null;
        Throwable failure = null;
        try {
            besideDone = beside ? commitThread.submit(besideWork) : null;
            runTasks(tasks, done, next, new Committer(connection, allocator, run.root(), run.runId(),
                    run.repeatedKeys()), connection);
            if (beside) {
                awaitRethrowing(besideDone);
            }
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            if (beside) {
                // The second connection is closed only when nothing runs on it any more, whatever failed; an error
                // in closing it, or the other thread's own failure, does not hide the one that failed the commit.
                Throwable besideFailure = awaitQuietly(besideDone);
                if (failure != null && besideFailure != null && besideFailure != failure) {
                    failure.addSuppressed(besideFailure);
                }
                commitThread.shutdown();
                try {
                    second.close();
                } catch (SQLException e) {
                    if (failure == null) {
                        throw e;
                    }
                    failure.addSuppressed(e);
                }
            }
        }
        // The parts of a table in the order of the tasks: the same files in the manifest whichever thread ran them.
        Map<Table, Merged> merged = new EnumMap<>(Table.class);
        for (Map<Table, Merged> result : done) {
            result.forEach((table, part) -> merged.merge(table, part, (a, b) -> new Merged(
                    Stream.concat(a.files().stream(), b.files().stream()).toList(),
                    a.rows() + b.rows())));
        }
        return merged;
    }

    /** One piece of the commit, run on whichever connection takes it. */
    @FunctionalInterface
    private interface CommitTask {
        Map<Table, Merged> run(Committer committer, DuckDBConnection connection) throws IOException, SQLException;
    }

    /**
     * Takes the next task until none is left, on one connection. A failure leaves the rest untaken (the other thread
     * stops after its current task) and is thrown as itself.
     */
    private static Void runTasks(List<CommitTask> tasks, List<Map<Table, Merged>> done, AtomicInteger next,
            Committer committer, DuckDBConnection connection) throws IOException, SQLException {
        int task;
        while ((task = next.getAndIncrement()) < tasks.size()) {
            try {
                Map<Table, Merged> result = tasks.get(task).run(committer, connection);
                synchronized (done) {
                    done.set(task, result);
                }
            } catch (IOException | SQLException | RuntimeException | Error e) {
                next.set(tasks.size());
                throw e;
            }
        }
        return null;
    }

    /** A table's files after a run, and their rows. */
    private record Merged(List<String> files, long rows) {
    }

    private static Merged merge(Committer committer, Table table, CommitInput run) throws IOException, SQLException {
        List<String> committed = run.old().tables().getOrDefault(table.tableName(), List.of());
        List<String> files = committer.merge(table, committed, run.staging(), run.reread());
        return new Merged(files, files == committed ? run.old().rowCount(table) : committer.rows(files));
    }

    /** Waits for the task to end, when there is one, and returns what it failed with, or null. */
    private static Throwable awaitQuietly(Future<?> task) {
        if (task == null) {
            return null;
        }
        boolean interrupted = false;
        Throwable failure = null;
        while (true) {
            try {
                task.get();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException e) {
                failure = e.getCause();
                break;
            } catch (CancellationException e) {
                failure = e;
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return failure;
    }

    /** The task's result, or the I/O or SQL error it failed with, as itself. */
    private static <T> T awaitRethrowing(Future<T> task) throws IOException, SQLException, InterruptedException {
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    /** Throws the failure of a commit task as what it is, or as an I/O error when it is another checked one. */
    private static IOException rethrow(Throwable failure) throws IOException, SQLException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof SQLException sql) {
            throw sql;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new IOException(failure);
    }

    /** Scans the works on the workers into the staging folder; returns each worker's hashes of the keys it staged. */
    private static List<KeyHashes> scan(List<FileWork> works, long bytes, Options options, BufferAllocator allocator,
            Path staging, RunCounters total, List<String> problems) throws IOException, InterruptedException {
        if (works.isEmpty()) {
            return List.of(); // only files' times changed: nothing to read, and no price table to parse
        }
        // Largest work first, so that the last segments handed out are small and the workers finish together.
        List<FileWork> ordered = new ArrayList<>(works);
        ordered.sort(Comparator.comparingLong((FileWork w) -> w.file.size() - w.readFrom).reversed());
        List<Segment> segments = Segment.plan(ordered, SEGMENT_BYTES);
        // Groups of small files up to a segment, but at least 16 items per worker, so that a small corpus is
        // shared too.
        long groupBytes = Math.max(1, Math.min(SEGMENT_BYTES, bytes / (16L * Math.max(1, options.threads()))));
        int[] items = Segment.groups(segments, groupBytes);
        int threads = Math.max(1, Math.min(options.threads(), items.length - 1));
        AtomicInteger cursor = new AtomicInteger();
        byte[] host = options.host().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        PriceTable prices = options.prices().get();
        List<Thread> workers = new ArrayList<>();
        List<RunCounters> counters = new ArrayList<>();
        List<KeyHashes> keyHashes = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            RunCounters mine = new RunCounters();
            counters.add(mine);
            int worker = i;
            WorkerStaging stage = new WorkerStaging(staging, worker, allocator);
            keyHashes.add(stage.keyHashes());
            Thread thread = new Thread(() -> {
                try (stage) {
                    RowWriter writer = new RowWriter(stage, allocator, BATCH_ROWS, prices, host, mine);
                    try {
                        new ScanWorker(segments, items, cursor, writer, mine, problems, options.progress()).run();
                        writer.finish();
                    } finally {
                        writer.close();
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
            throw new IOException("a scan worker failed: " + failures.get(0), failures.get(0));
        }
        for (RunCounters c : counters) {
            total.add(c);
        }
        return keyHashes;
    }

    private static String writeFiles(DuckDBConnection connection, BufferAllocator allocator, Path root, String runId,
            List<Manifest.FileEntry> entries, String host) throws IOException, SQLException {
        String relative = Table.FILES.tableName() + "/" + runId + ".parquet";
        Committer.createTableFolder(root.resolve(Table.FILES.tableName()));
        try (RowBatch batch = new RowBatch(Table.FILES, allocator, Math.max(1, entries.size()))) {
            for (Manifest.FileEntry e : entries) {
                fileRow(batch, e, host);
            }
            new ParquetSink(connection, allocator).write(batch, root.resolve(relative));
        }
        return relative;
    }

    /** A row per call: the client compiler compiles a method after a few hundred calls, a loop much later. */
    private static void fileRow(RowBatch batch, Manifest.FileEntry e, String host) {
        batch.setString(FileColumn.PATH, e.path());
        batch.setLong(FileColumn.SIZE, e.size());
        batch.setTimestamp(FileColumn.MTIME, e.mtimeMillis() * 1000);
        batch.setLong(FileColumn.INGESTED_BYTES, e.ingestedBytes());
        batch.setLong(FileColumn.LINES, e.lines());
        batch.setLong(FileColumn.REJECTS, e.rejects());
        batch.setString(FileColumn.RUN_ID, e.runId());
        batch.setString(FileColumn.HOST, host);
        batch.endRow();
    }

    private static IngestSummary summary(long filesSeen, long filesRead, RunCounters c, long turnsAdded,
            long turnsTotal, List<String> problems, long started) {
        Map<String, Long> rejects = new LinkedHashMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            if (c.rejects[code.ordinal()] > 0) {
                rejects.put(code.reason(), c.rejects[code.ordinal()]);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return new IngestSummary(filesSeen, filesRead, c.lines, c.bytes, seconds, c.discoverNanos / 1e9,
                c.scanNanos / 1e9, c.commitNanos / 1e9, c.usageLines,
                turnsAdded, turnsTotal, rejects, c.truncatedTails, List.copyOf(problems));
    }

    /** A CRC of the first {@code length} bytes: equal before and after an append, different after a rewrite. */
    static long headHash(Path file, long length) throws IOException {
        if (length <= 0) {
            return 0;
        }
        byte[] head = new byte[(int) length];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, head.length);
            return headHash(head, n, new CRC32());
        }
    }

    /** {@link #headHash(Path, long)} of bytes already read; {@code crc} is reset and reused. */
    static long headHash(byte[] head, int length, CRC32 crc) {
        if (length <= 0) {
            return 0;
        }
        crc.reset();
        crc.update(head, 0, length);
        return crc.getValue() ^ ((long) length << 32);
    }

    /**
     * Removes what a run that died left: staging folders, manifest temporaries, and table files that the manifest
     * does not name (written by a commit that never renamed its manifest).
     */
    private static void removeLeftovers(Path root, Manifest manifest) throws IOException {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> children = Files.list(root)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                if (name.startsWith(".staging-") || name.startsWith("manifest.json.tmp-")) {
                    deleteTree(child);
                }
            }
        }
        Set<String> named = manifest.tableFiles();
        for (Table table : Table.values()) {
            Path dir = root.resolve(table.tableName());
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String relative = table.tableName() + "/" + file.getFileName();
                    if (relative.endsWith(".parquet") && !named.contains(relative)) {
                        Files.deleteIfExists(file);
                    }
                }
            }
        }
    }

    private static void deleteReplaced(Path root, Manifest old, Manifest next) throws IOException {
        Set<String> keep = next.tableFiles();
        for (String relative : old.tableFiles()) {
            if (!keep.contains(relative)) {
                Files.deleteIfExists(root.resolve(relative));
            }
        }
    }

    static void deleteTree(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            List<Path> all = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void closeQuietly(DuckDBConnection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing an in-memory database after a failure: nothing left to lose.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

}
