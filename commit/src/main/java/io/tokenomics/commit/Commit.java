package io.tokenomics.commit;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.FileTrees;
import io.tokenomics.columnar.KeyCandidates;
import io.tokenomics.columnar.KeyIndex;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * The commit stage: merges what a run staged with the committed tables (the global dedup), writes the new Parquet
 * files, the run's token histograms and its files table, and makes the new manifest the committed state. The facade
 * of this module; the caller holds the dataset's writer lock.
 *
 * <p>A run's commit is begun before its scan, so that DuckDB starts while the workers read, and closed after it,
 * which removes the staging folder whether the commit happened or not.
 */
public final class Commit implements AutoCloseable {
    /** How long a stopped run waits for the writes under way to end, before it removes their files anyway. */
    private static final long STOP_WAIT_MILLIS = 10_000;
    /** How long a stopped run waits, after the writes it counted, for a file a write made as it ended. */
    private static final long STOP_SETTLE_MILLIS = 200;
    /** A table with this many files is merged into one by the next run that writes it. */
    public static final int MAX_FILES_PER_TABLE = Committer.MAX_FILES;
    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'")
            .withZone(ZoneOffset.UTC);

    private final Dataset dataset;
    private final String runId;
    private final Path staging;
    private final int threads;
    private final CompletableFuture<DuckDBConnection> duckdb;

    /**
     * Held while the manifest is renamed and while the process, stopped, removes the run's files: the run's files go
     * only if its manifest did not replace the old one, whichever comes first.
     */
    private final Object commitPoint = new Object();
    /** Set by the shutdown hook: the commit starts no more writes. */
    private final AtomicBoolean stopping = new AtomicBoolean();
    /** The commit's writes under way. */
    private final AtomicInteger writing = new AtomicInteger();
    private boolean committed;
    /**
     * Removes the staging folder, and the table files of a run that did not commit, when the process is stopped
     * (SIGINT, SIGTERM) before {@link #close}.
     */
    private final Thread removeStagingOnExit;

    private Commit(Dataset dataset, String runId, Path staging, int threads) {
        this.dataset = dataset;
        this.runId = runId;
        this.staging = staging;
        this.threads = threads;
        this.removeStagingOnExit = new Thread(() -> {
            stopping.set(true);
            synchronized (commitPoint) {
                if (!committed) {
                    // Held here, the commit cannot rename its manifest any more: the process halts after the hooks.
                    // The writes under way are waited for (on a loaded machine one can take seconds to make its
                    // file), then their files removed, and once more a moment later for one that ended meanwhile.
                    try {
                        long deadline = System.currentTimeMillis() + STOP_WAIT_MILLIS;
                        while (writing.get() > 0 && System.currentTimeMillis() < deadline) {
                            Thread.sleep(20);
                        }
                        Leftovers.removeRunFiles(dataset.root(), runId);
                        Thread.sleep(STOP_SETTLE_MILLIS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    Leftovers.removeRunFiles(dataset.root(), runId);
                }
            }
            // Last: the scan's workers and DuckDB's spilling write into it until the process halts, and a file made
            // while the tree is removed leaves a folder that is not empty; a few tries take what came meanwhile.
            for (int attempt = 0; attempt < 5 && Files.exists(staging); attempt++) {
                try {
                    FileTrees.delete(staging);
                } catch (IOException e) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }, "tokenomics-staging-cleanup");
        Runtime.getRuntime().addShutdownHook(removeStagingOnExit);
        this.duckdb = CompletableFuture.supplyAsync(this::openDuckDb);
    }

    /**
     * Checks the dataset and removes what a run that died left beside the {@code committed} manifest (null when the
     * dataset has none): staging folders, manifest temporaries, and table files of a run that never renamed its
     * manifest. Refuses, changing nothing, a dataset whose manifest names a file that is missing (one that lost its
     * manifest never gets here: {@link Dataset#manifest} refuses it). Called by each run before it looks for work.
     */
    public static void removeLeftovers(Dataset dataset, Manifest committed) throws IOException {
        Leftovers.remove(dataset, committed == null ? Manifest.empty() : committed, committed != null);
    }

    /**
     * Begins a run's commit: names the run, makes its staging folder and starts DuckDB in the background.
     * {@code threads}: the cores the run uses.
     */
    public static Commit begin(Dataset dataset, int threads) throws IOException {
        String runId = newRunId();
        Path staging = dataset.root().resolve(Leftovers.STAGING_PREFIX + runId);
        Files.createDirectories(staging);
        return new Commit(dataset, runId, staging, threads);
    }

    /**
     * The source files a run read on from where the last run stopped: those of the committed manifest that it does
     * not read again from their start. Their committed rows of a response are summed with the new ones.
     */
    private static Set<String> grownFiles(Manifest old, Collection<String> reread) {
        Set<String> grown = new HashSet<>();
        for (Manifest.FileEntry entry : old.files()) {
            grown.add(entry.path());
        }
        grown.removeAll(reread);
        return grown;
    }

    /** A new run's name: its time, then the process, so that names sort by time and two processes never clash. */
    static String newRunId() {
        return RUN_ID.format(Instant.now()) + "-" + Long.toHexString(ProcessHandle.current().pid());
    }

    /** The run's name: the manifest records it, and its table files are named after it. */
    public String runId() {
        return runId;
    }

    /** Where the scan workers write the run's staging files, one folder per table. */
    public Path staging() {
        return staging;
    }

    /**
     * Writes the run's share of every table and commits it: the new manifest names the committed files the run kept
     * and the files it wrote, and replaces the old one atomically; the files it replaced are deleted after that.
     *
     * @param old the committed manifest the run started from
     * @param keyCandidates each scan worker's records of the keyed rows it staged, in worker order
     * @param reread the source files read again from their start: their committed rows stay, but for those whose
     *         key the new reading brings again
     * @param fileEntries every source file's entry for the new manifest
     * @param host the machine name written to the files table and the histograms
     * @param user the person's name written there
     * @param allocator the memory the staged batches are read into
     * @return the committed manifest
     */
    public Manifest write(Manifest old, List<KeyCandidates> keyCandidates, Collection<String> reread,
            List<Manifest.FileEntry> fileEntries, String host, String user, BufferAllocator allocator)
            throws IOException, InterruptedException {
        try {
            DuckDBConnection connection = duckdb.get();
            Committer.RunVerdicts verdicts = new Committer.RunVerdicts(keyCandidates, grownFiles(old, reread),
                    threads > 1);
            TableWrites writes = new TableWrites(dataset.root(), runId, staging, reread, old, verdicts, host, user,
                    allocator, stopping, writing);
            Map<Table, TableWrites.Written> written = writes.run(connection, threads > 1, fileEntries);
            Map<String, List<String>> tables = new LinkedHashMap<>();
            Map<String, Long> rows = new LinkedHashMap<>();
            for (Map.Entry<Table, TableWrites.Written> table : written.entrySet()) {
                tables.put(table.getKey().tableName(), table.getValue().files());
                rows.put(table.getKey().tableName(), table.getValue().rows());
            }
            Manifest next = new Manifest(Manifest.FORMAT, runId, tables, rows, fileEntries);
            synchronized (commitPoint) {
                dataset.commit(next);
                committed = true;
            }
            // The replaced files go at once, so that a table folder read by glob holds exactly the committed rows.
            deleteReplaced(dataset.root(), old, next);
            return next;
        } catch (ExecutionException | SQLException e) {
            throw new IOException("commit failed: " + rootMessage(e), e);
        } finally {
            synchronized (commitPoint) {
                if (!committed) {
                    // The files of a run that did not commit are nobody's: no manifest names them.
                    Leftovers.removeRunFiles(dataset.root(), runId);
                }
            }
        }
    }

    /** Removes the staging folder and closes DuckDB, whether the run committed or not. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(removeStagingOnExit);
        } catch (IllegalStateException e) {
            // Closed while the process is shutting down: the hook runs anyway.
        }
        try {
            FileTrees.delete(staging);
        } finally {
            duckdb.thenAccept(Commit::closeQuietly);
        }
    }

    private DuckDBConnection openDuckDb() {
        try {
            // Each statement's calling thread works beside DuckDB's own, and the commit runs two at once: one thread
            // fewer than the run keeps the cores busy without crowding them.
            DuckDBConnection connection = DuckDb.openInMemory(Math.max(1, threads - 1));
            String settings = SqlTemplate.render("connection.sql",
                    Map.of("temp_directory", DuckDb.literal(staging.resolve("duckdb-tmp").toString())));
            try (Statement statement = connection.createStatement()) {
                for (String sql : settings.split(";\n")) {
                    statement.execute(sql);
                }
            }
            return connection;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    private static void deleteReplaced(Path root, Manifest old, Manifest next) throws IOException {
        Set<String> keep = next.tableFiles();
        for (String relative : old.tableFiles()) {
            if (!keep.contains(relative)) {
                Files.deleteIfExists(root.resolve(relative));
                Files.deleteIfExists(KeyIndex.of(root.resolve(relative)));
            }
        }
    }

    private static void closeQuietly(DuckDBConnection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // Closing an in-memory database after the run: nothing left to lose.
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    /**
     * What a run that died leaves in a dataset, and how it is removed at the start of the next. A run removes only
     * what a run of ours wrote and never listed: files named by a run id that no manifest names. Anything else in a
     * table folder (a user's own file) stays.
     */
    static final class Leftovers {
        static final String STAGING_PREFIX = ".staging-";
        /** The name of a table file a run writes: its run id, a part number, {@code .parquet}. */
        private static final Pattern RUN_FILE = Pattern.compile("\\d{8}T\\d{9}Z-[0-9a-f]+(-\\d+)?\\.parquet");

        private Leftovers() {
        }

        static void remove(Dataset dataset, Manifest manifest, boolean committed) throws IOException {
            Path root = dataset.root();
            if (!Files.isDirectory(root)) {
                return;
            }
            List<Path> unlisted = unlistedRunFiles(root, manifest);
            if (committed) {
                dataset.markCommitted();
            }
            List<String> missing = new ArrayList<>();
            for (String relative : manifest.tableFiles()) {
                if (!Files.isRegularFile(root.resolve(relative))) {
                    missing.add(relative);
                }
            }
            if (!missing.isEmpty()) {
                throw new IOException(root + ": manifest.json names " + missing.size() + " table files that are "
                        + "missing (" + String.join(", ", missing.subList(0, Math.min(3, missing.size())))
                        + (missing.size() > 3 ? ", ..." : "")
                        + "), so nothing was changed: restore them from a backup, or run: tokenomics repair --data "
                        + root);
            }
            removeStaging(root);
            for (Path file : unlisted) {
                Files.deleteIfExists(file);
            }
        }

        /** Removes the staging folders and manifest temporaries of runs that died. */
        static void removeStaging(Path root) throws IOException {
            try (Stream<Path> children = Files.list(root)) {
                for (Path child : (Iterable<Path>) children::iterator) {
                    String name = child.getFileName().toString();
                    if (name.startsWith(STAGING_PREFIX) || name.startsWith("manifest.json.tmp-")) {
                        FileTrees.delete(child);
                    }
                }
            }
        }

        /** Deletes the table files a run wrote, named by its id: after it failed, before its manifest named them. */
        static void removeRunFiles(Path root, String runId) {
            try {
                List<Path> written = runFiles(root);
                written.addAll(indexFiles(root));
                for (Path file : written) {
                    if (file.getFileName().toString().startsWith(runId)) {
                        Files.deleteIfExists(file);
                    }
                }
            } catch (IOException e) {
                // What cannot be removed now is removed by the next run, which no manifest tells to keep it.
            }
        }

        /** The files in table folders that a run of ours wrote (by their names) and the manifest does not name. */
        private static List<Path> unlistedRunFiles(Path root, Manifest manifest) throws IOException {
            Set<String> named = manifest.tableFiles();
            List<Path> unlisted = new ArrayList<>();
            for (Path file : runFiles(root)) {
                if (!named.contains(file.getParent().getFileName() + "/" + file.getFileName())) {
                    unlisted.add(file);
                }
            }
            for (Path index : indexFiles(root)) {
                if (!named.contains(index.getParent().getFileName() + "/"
                        + KeyIndex.tableFileName(index.getFileName().toString()))) {
                    unlisted.add(index);
                }
            }
            return unlisted;
        }

        /** The key indexes in table folders named as a run of ours names them ({@link KeyIndex}). */
        private static List<Path> indexFiles(Path root) throws IOException {
            List<Path> found = new ArrayList<>();
            for (Table table : Table.values()) {
                Path dir = root.resolve(table.tableName());
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path file : (Iterable<Path>) files::iterator) {
                        String name = file.getFileName().toString();
                        if (KeyIndex.isIndex(name) && RUN_FILE.matcher(KeyIndex.tableFileName(name)).matches()
                                && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                            found.add(file);
                        }
                    }
                }
            }
            return found;
        }

        /** The files in table folders named as a run of ours names its files. */
        private static List<Path> runFiles(Path root) throws IOException {
            List<Path> found = new ArrayList<>();
            for (Table table : Table.values()) {
                found.addAll(runFiles(root, table));
            }
            return found;
        }

        /** The files in a table's folder named as a run of ours names its files. */
        static List<Path> runFiles(Path root, Table table) throws IOException {
            Path dir = root.resolve(table.tableName());
            List<Path> found = new ArrayList<>();
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                return found;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    if (RUN_FILE.matcher(file.getFileName().toString()).matches()
                            && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        found.add(file);
                    }
                }
            }
            return found;
        }
    }
}
