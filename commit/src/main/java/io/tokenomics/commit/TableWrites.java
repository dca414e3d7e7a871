package io.tokenomics.commit;

import io.tokenomics.columnar.FileColumn;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.ParquetSink;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.TokenHistogram;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * The writes of one run's commit, as a list of tasks that two connections take in turn (one statement at a time left
 * part of two cores idle): the turns, which are half of the commit, in two parts when they can be split
 * ({@link Committer#splits}), each part with its histograms; then the other tables, largest first, and the files
 * table. With one thread, the tasks run one after the other on one connection.
 */
final class TableWrites {
    private final Path root;
    private final String runId;
    private final Path staging;
    private final Collection<String> reread;
    private final Manifest old;
    private final Committer.RunVerdicts verdicts;
    private final String host;
    private final String user;
    private final BufferAllocator allocator;
    private final AtomicBoolean stopping;
    private final AtomicInteger writing;

    /** A table's files after a run, and their rows. */
    record Written(List<String> files, long rows) {
    }

    /** One piece of the commit, run on whichever connection takes it. */
    @FunctionalInterface
    private interface Task {
        Map<Table, Written> run(Committer committer, DuckDBConnection connection) throws IOException, SQLException;
    }

    /**
     * {@code stopping}: set when the process is stopped; no task starts after it. {@code writing}: the tasks under
     * way, which a stop waits for before it removes the run's files.
     */
    TableWrites(Path root, String runId, Path staging, Collection<String> reread, Manifest old,
            Committer.RunVerdicts verdicts, String host, String user, BufferAllocator allocator,
            AtomicBoolean stopping, AtomicInteger writing) {
        this.stopping = stopping;
        this.writing = writing;
        this.root = root;
        this.runId = runId;
        this.staging = staging;
        this.reread = reread;
        this.old = old;
        this.verdicts = verdicts;
        this.host = host;
        this.user = user;
        this.allocator = allocator;
    }

    /** Writes every table, on {@code connection} and, when {@code beside}, a second connection at once. */
    Map<Table, Written> run(DuckDBConnection connection, boolean beside, List<Manifest.FileEntry> fileEntries)
            throws IOException, SQLException, InterruptedException {
        List<Task> tasks = tasks(beside, fileEntries);
        List<Map<Table, Written>> done = new ArrayList<>(Collections.nCopies(tasks.size(), null));
        AtomicInteger next = new AtomicInteger();
        if (!beside) {
            runTasks(tasks, done, next, connection);
        } else {
            runOnTwo(tasks, done, next, connection);
        }
        // The parts of a table in the order of the tasks: the same files in the manifest whichever thread ran them.
        Map<Table, Written> written = new EnumMap<>(Table.class);
        for (Map<Table, Written> result : done) {
            result.forEach((table, part) -> written.merge(table, part, (a, b) -> new Written(
                    Stream.concat(a.files().stream(), b.files().stream()).toList(), a.rows() + b.rows())));
        }
        return written;
    }

    private List<Task> tasks(boolean beside, List<Manifest.FileEntry> fileEntries) throws IOException {
        List<String> committedTurns = old.tables().getOrDefault(Table.TURNS.tableName(), List.of());
        List<String> committedHistograms = old.tables().getOrDefault(Table.TOKEN_HISTOGRAMS.tableName(), List.of());
        List<Task> tasks = new ArrayList<>();
        if (beside && Committer.splits(Table.TURNS, committedTurns, staging)) {
            for (int part : new int[] {0, 1}) {
                tasks.add((committer, db) -> {
                    TokenHistogram counts = new TokenHistogram();
                    List<String> turns = List.of(committer.writePart(Table.TURNS, staging, part, counts));
                    checkStopping();
                    List<String> histograms = List.of(Histograms.write(db, allocator, root, turns.get(0), counts,
                            host, user));
                    return Map.of(Table.TURNS, new Written(turns, committer.rows(turns)),
                            Table.TOKEN_HISTOGRAMS, new Written(histograms, committer.rows(histograms)));
                });
            }
        } else {
            tasks.add((committer, db) -> {
                Written turns = merge(committer, Table.TURNS);
                checkStopping();
                List<String> histograms = Histograms.update(db, allocator, root, turns.files(),
                        committedHistograms, host, user);
                return Map.of(Table.TURNS, turns,
                        Table.TOKEN_HISTOGRAMS, new Written(histograms, committer.rows(histograms)));
            });
        }
        for (Table table : List.of(Table.TOOL_RESULTS, Table.TOOL_USES, Table.PROMPTS, Table.COMPACTIONS,
                Table.REJECTS)) {
            tasks.add((committer, db) -> Map.of(table, merge(committer, table)));
        }
        tasks.add((committer, db) -> Map.of(Table.FILES,
                new Written(List.of(writeFiles(db, fileEntries)), fileEntries.size())));
        return tasks;
    }

    private void runOnTwo(List<Task> tasks, List<Map<Table, Written>> done, AtomicInteger next,
            DuckDBConnection connection) throws IOException, SQLException, InterruptedException {
        DuckDBConnection second = connection.duplicate();
        ExecutorService commitThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "tokenomics-commit"));
        Future<Void> besideDone = null;
        Throwable failure = null;
        try {
            besideDone = commitThread.submit(() -> runTasks(tasks, done, next, second));
            runTasks(tasks, done, next, connection);
            awaitRethrowing(besideDone);
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            // The second connection is closed only when nothing runs on it any more, whatever failed; an error in
            // closing it, or the other thread's own failure, does not hide the one that failed the commit.
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

    /**
     * Takes the next task until none is left, on one connection. A failure leaves the rest untaken (the other thread
     * stops after its current task) and is thrown as itself.
     */
    private Void runTasks(List<Task> tasks, List<Map<Table, Written>> done, AtomicInteger next,
            DuckDBConnection connection) throws IOException, SQLException {
        Committer committer = new Committer(connection, allocator, root, runId, verdicts);
        int task;
        while ((task = next.getAndIncrement()) < tasks.size()) {
            // Counted before the stop is looked at: a stop either sees this write under way and waits for it, or
            // is seen here.
            writing.incrementAndGet();
            try {
                checkStopping();
                Map<Table, Written> result = tasks.get(task).run(committer, connection);
                synchronized (done) {
                    done.set(task, result);
                }
            } catch (IOException | SQLException | RuntimeException | Error e) {
                next.set(tasks.size());
                throw e;
            } finally {
                writing.decrementAndGet();
            }
        }
        return null;
    }

    private Written merge(Committer committer, Table table) throws IOException, SQLException {
        List<String> committed = old.tables().getOrDefault(table.tableName(), List.of());
        List<String> files = committer.merge(table, committed, staging, reread);
        return new Written(files, files == committed ? old.rowCount(table) : committer.rows(files));
    }

    private String writeFiles(DuckDBConnection connection, List<Manifest.FileEntry> entries)
            throws IOException, SQLException {
        String relative = Table.FILES.tableName() + "/" + runId + ".parquet";
        Committer.createTableFolder(root.resolve(Table.FILES.tableName()));
        try (RowBatch batch = new RowBatch(Table.FILES, allocator, Math.max(1, entries.size()))) {
            for (Manifest.FileEntry e : entries) {
                fileRow(batch, e);
            }
            new ParquetSink(connection, allocator).write(batch, root.resolve(relative));
        }
        return relative;
    }

    /** A call per row, not a loop body: see docs/architecture.md ("Client compiler only"). */
    private void fileRow(RowBatch batch, Manifest.FileEntry e) {
        batch.setString(FileColumn.PATH, e.path());
        batch.setLong(FileColumn.SIZE, e.size());
        batch.setTimestamp(FileColumn.MTIME, e.mtimeMillis() * 1000);
        batch.setLong(FileColumn.INGESTED_BYTES, e.ingestedBytes());
        batch.setLong(FileColumn.LINES, e.lines());
        batch.setLong(FileColumn.REJECTS, e.rejects());
        batch.setString(FileColumn.RUN_ID, e.runId());
        batch.setString(FileColumn.HOST, host);
        batch.setString(FileColumn.USER, user);
        batch.endRow();
    }

    private void checkStopping() throws IOException {
        if (stopping.get()) {
            throw new IOException("the process is stopping: the commit ends before its files are complete");
        }
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

    /** Throws the failure of a task as what it is, or as an I/O error when it is another checked one. */
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
}
