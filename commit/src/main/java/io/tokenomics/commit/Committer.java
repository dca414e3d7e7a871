package io.tokenomics.commit;

import io.tokenomics.columnar.ArrowStreams;
import io.tokenomics.columnar.DedupVerdicts;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.KeyCandidates;
import io.tokenomics.columnar.KeyIndex;
import io.tokenomics.columnar.StagedBatches;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.TokenHistogram;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Merges a run's staging files with the committed files they touch into a new Parquet file per table, applying the
 * global dedup of docs/formats.md ("Dedup") across files and across runs: one row per {@code message.id} (a main-chain
 * line first, then the most output, then the most tokens, then the earliest position); tool calls by
 * {@code tool_use_id}; prompts and compactions by line {@code uuid}. Rows of files that are read again from the
 * start are dropped first.
 *
 * <p>When the run merges no committed file (a first ingest), the dedup is decided from the scan's records of its
 * keys ({@link DedupVerdicts}) and the staged batches stream straight into the Parquet writer, the rows that lose
 * filtered out. Otherwise the staged rows that the records say lose are left out first (but for those of files that
 * grew since the last run), and only the rows of keys that occur more than once among the candidates go through the
 * dedup's windows in DuckDB, which then holds the candidates in memory.
 */
final class Committer {
    /**
     * A table with this many files is merged into one by the next run that writes it: each run that adds rows adds a
     * file, and a report opens every file.
     */
    static final int MAX_FILES = 16;
    /** The dedup key of a turn: the response id, or its place for a line without one. */
    private static final String TURN_KEY = "coalesce(message_id, file || '#' || line_offset)";
    /** The dedup's order of a response's candidates (docs/formats.md, "Dedup"). */
    private static final String TURN_ORDER = "is_sidechain, output_tokens DESC, input_tokens + output_tokens"
            + " + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens DESC, file, line_offset";

    private final DuckDBConnection connection;
    private final BufferAllocator allocator;
    private final Path dataRoot;
    private final String runId;
    private final RunVerdicts verdicts;
    /** Whether this connection holds the table of the files read again ({@link #registerReread}). */
    private boolean rereadRegistered;

    /** {@code verdicts}: the dedup of the staged rows, shared by the committers of a run's connections. */
    Committer(DuckDBConnection connection, BufferAllocator allocator, Path dataRoot, String runId,
            RunVerdicts verdicts) {
        this.connection = connection;
        this.allocator = allocator;
        this.dataRoot = dataRoot;
        this.runId = runId;
        this.verdicts = verdicts;
    }

    /**
     * The dedup of each table's staged rows ({@link DedupVerdicts#decide}), decided for every table before the run's
     * connections write any: the decisions free the scan's records, which then no longer share the memory with
     * DuckDB's writing, and the two parts of a split commit both read the turns' one.
     */
    static final class RunVerdicts {
        private final Map<Table, DedupVerdicts> byTable = new EnumMap<>(Table.class);

        /**
         * {@code staged}: the records of the keyed rows each scan worker staged, in worker order, which this takes;
         * {@code grownFiles}: the source files read on from where the last run stopped, whose rows the decision
         * leaves to the windows.
         */
        RunVerdicts(List<KeyCandidates> staged, Set<String> grownFiles) {
            this(staged, grownFiles, false);
        }

        /**
         * With {@code twoThreads}, the turns are decided on a thread of their own beside the other tables: on the
         * 4 GB bench corpus the decisions took 0.65 s one after the other, 0.29 s of it the turns', before any
         * table was written.
         */
        RunVerdicts(List<KeyCandidates> staged, Set<String> grownFiles, boolean twoThreads) {
            DedupVerdicts.FileRanks fileRanks = DedupVerdicts.fileRanks(staged, grownFiles);
            FutureTask<DedupVerdicts> turns = new FutureTask<>(() -> DedupVerdicts.decide(Table.TURNS, staged,
                    fileRanks));
            if (twoThreads) {
                new Thread(turns, "tokenomics-decide").start();
            } else {
                turns.run();
            }
            try {
                for (Table table : Table.values()) {
                    if (table.dedupKey() != null && table != Table.TURNS) {
                        byTable.put(table, DedupVerdicts.decide(table, staged, fileRanks));
                    }
                }
            } catch (RuntimeException | Error e) {
                // The turns' thread reads records the caller frees after this: it ends first, its outcome aside.
                try {
                    await(turns);
                } catch (RuntimeException ignored) {
                    e.addSuppressed(ignored);
                }
                throw e;
            }
            byTable.put(Table.TURNS, await(turns));
        }

        private static DedupVerdicts await(FutureTask<DedupVerdicts> decision) {
            boolean interrupted = false;
            try {
                while (true) {
                    try {
                        return decision.get();
                    } catch (InterruptedException e) {
                        interrupted = true; // the decision reads memory that is freed after it: wait it out
                    }
                }
            } catch (ExecutionException e) {
                throw new IllegalStateException("deciding the turns' dedup failed: " + e.getCause(), e.getCause());
            } finally {
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        DedupVerdicts of(Table table) {
            return byTable.get(table);
        }
    }

    /**
     * Writes the run's rows of {@code table} and returns the table's files relative to the data root: the committed
     * files the run does not touch, and one new file with the run's rows merged with the committed files they touch
     * (a file holding a key the run brings again, or rows of a file read again from the start). Every key stays in
     * one file, so the dedup stays global, and a run that adds a few lines to a big dataset writes a small file
     * instead of the whole table. When the table has {@link #MAX_FILES} files, the run merges them all into one.
     * Returns {@code committed} unchanged when the run brought nothing for it.
     */
    List<String> merge(Table table, List<String> committed, Path stagingDir, Collection<String> rereadFiles)
            throws IOException, SQLException {
        List<Path> staged = stagedFiles(stagingDir.resolve(table.tableName()));
        boolean hasStaged = !staged.isEmpty();
        if (!hasStaged && !committed.isEmpty() && rereadFiles.isEmpty()) {
            return committed;
        }
        String relative = table.tableName() + "/" + runId + ".parquet";
        Path target = dataRoot.resolve(relative);
        createTableFolder(target.getParent());
        if (committed.isEmpty() && hasStaged && table.dedupKey() != null) {
            writeWinners(table, staged, target, null);
            return List.of(relative);
        }
        registerReread(rereadFiles);
        String stream = "staged_" + table.tableName();
        String stagedRows = null;
        String contested = null;
        long[] stagedKeys = hasStaged && table.dedupKey() != null ? verdicts.of(table).keys() : new long[0];
        // The committed files' key indexes, read once: to find the contested files, then for the new file's index.
        Map<String, long[]> indexes = new HashMap<>();
        List<String> touched = committed;
        if (!committed.isEmpty()) {
            if (hasStaged) {
                // The staged stream can be scanned once; the keys it brings are needed twice. Every staged row is
                // kept, with the scan's verdict, because a file read again gives up its committed rows of every key
                // it brings again, a losing row's too; only the rows that win go on to the windows.
                stagedRows = "staged_rows_" + table.tableName();
                StagedBatches rows = table.dedupKey() == null ? new StagedBatches(allocator, table, staged)
                        : StagedBatches.winners(allocator, table, staged, verdictsOf(table, staged), null);
                executeOverStaged(Map.of(stream, rows),
                        List.of("CREATE OR REPLACE TEMP TABLE " + stagedRows + " AS SELECT * FROM " + stream));
            }
            if (committed.size() >= MAX_FILES) {
                touched = committed;
            } else {
                touched = rereadFiles.isEmpty() ? new ArrayList<>() : filesHoldingReread(committed);
                List<String> others = new ArrayList<>();
                for (String file : committed) {
                    if (!touched.contains(file) && mayHoldAny(file, stagedKeys, indexes)) {
                        others.add(file);
                    }
                }
                if (stagedRows != null && table.dedupKey() != null && !others.isEmpty()) {
                    contested = "contested_" + table.tableName();
                    execute(SqlTemplate.render("contested-keys.sql", Map.of("contested", contested,
                            "staged", stagedRows, "dropped", StagedBatches.DROPPED, "files", list(others),
                            "key", partitionKey(table), "prefilter", keyPrefilter(table, stagedRows),
                            "order", order(table), "order_columns", orderColumns(table))));
                    touched.addAll(relativeFiles(committed,
                            "SELECT DISTINCT filename FROM " + contested + " WHERE NOT held"));
                }
            }
            if (touched.isEmpty() && !hasStaged) {
                return committed;
            }
        }
        List<String> sources = new ArrayList<>();
        // Every table gets a file, empty or not, so that its folder always reads as a table with its schema.
        sources.add(table.emptySelect());
        if (!touched.isEmpty()) {
            sources.add(committedRows(table, list(touched), stagedRows));
        }
        if (stagedRows != null && table.dedupKey() != null) {
            sources.add("SELECT * EXCLUDE (" + StagedBatches.DROPPED + ") FROM " + stagedRows + " WHERE NOT "
                    + StagedBatches.DROPPED + (contested == null ? "" : " AND (" + partitionKey(table) + " IS NULL OR "
                    + partitionKey(table) + " NOT IN (SELECT dedup_key FROM " + contested + " WHERE held))"));
        } else if (stagedRows != null) {
            sources.add("SELECT * FROM " + stagedRows);
        } else if (hasStaged) {
            sources.add("SELECT * FROM " + stream);
        }
        String candidates = String.join(" UNION ALL BY NAME ", sources);
        String select;
        if (table.dedupKey() == null) {
            select = "SELECT * FROM (" + candidates + ")";
        } else {
            // Few keys repeat (the scan already folded the streamed copies of a response within a file), so only
            // the rows of repeated keys go through the windows; the rest pass an anti join.
            select = dedup(table, SqlTemplate.render("keyed-candidates.sql",
                            Map.of("key", partitionKey(table), "candidates", candidates)),
                    "SELECT * EXCLUDE (dedup_key) FROM keyed ANTI JOIN repeated_keys USING (dedup_key)",
                    "SELECT * FROM keyed SEMI JOIN repeated_keys USING (dedup_key)");
        }
        List<String> statements = new ArrayList<>();
        statements.add(copy(select, target));
        if (stagedRows != null) {
            statements.add("DROP TABLE " + stagedRows);
        }
        if (contested != null) {
            statements.add("DROP TABLE " + contested);
        }
        executeOverStaged(hasStaged && stagedRows == null
                ? Map.of(stream, new StagedBatches(allocator, table, staged)) : Map.of(), statements);
        if (table.dedupKey() != null) {
            writeIndex(target, stagedKeys, touched, indexes);
        }
        List<String> files = new ArrayList<>(committed);
        files.removeAll(touched);
        files.add(relative);
        return files;
    }

    /**
     * Writes one file of {@code table} from the given files, for a repair that does not know which of them a lost
     * manifest named: of a row that several files hold (a file a crashed run replaced but could not delete beside
     * the file that replaced it), the copy in the newest file, by name, which starts with its run's time; then the
     * global dedup over what is left. Returns the file relative to the data root.
     */
    String compact(Table table, List<String> files) throws IOException, SQLException {
        String relative = table.tableName() + "/" + runId + ".parquet";
        Path target = dataRoot.resolve(relative);
        createTableFolder(target.getParent());
        String candidates = table.emptySelect();
        if (!files.isEmpty()) {
            candidates += " UNION ALL BY NAME SELECT * EXCLUDE (filename) FROM read_parquet(" + list(files)
                    + ", union_by_name = true, filename = true) QUALIFY row_number() OVER (PARTITION BY "
                    + copyIdentity(table) + " ORDER BY filename DESC) = 1";
        }
        String select = table.dedupKey() == null ? "SELECT * FROM (" + candidates + ")"
                : dedup(table, SqlTemplate.render("keyed-candidates.sql",
                                Map.of("key", partitionKey(table), "candidates", candidates)),
                        "SELECT * EXCLUDE (dedup_key) FROM keyed ANTI JOIN repeated_keys USING (dedup_key)",
                        "SELECT * FROM keyed SEMI JOIN repeated_keys USING (dedup_key)");
        try (Statement statement = connection.createStatement()) {
            statement.execute(copy(select, target));
        }
        return relative;
    }

    /** The columns that tell one row of a table from another copy of the same row. */
    private static String copyIdentity(Table table) {
        return switch (table) {
            case TURNS, TOOL_USES, TOOL_RESULTS, PROMPTS, COMPACTIONS -> partitionKey(table) + ", file, line_offset";
            case REJECTS -> "file, byte_offset, reason";
            case FILES -> "path";
            case TOKEN_HISTOGRAMS -> throw new IllegalArgumentException("histograms are made from the turns");
        };
    }

    /**
     * Whether the run's rows of {@code table} can be written in two parts (by {@link #writePart}), which the two
     * commit threads write at once: a table with a key and no committed file, staged by two or more workers.
     */
    static boolean splits(Table table, List<String> committed, Path stagingDir) throws IOException {
        return committed.isEmpty() && table.dedupKey() != null
                && stagedFiles(stagingDir.resolve(table.tableName())).size() >= 2;
    }

    /**
     * Writes part {@code part} (0 or 1) of the run's rows of a table that {@link #splits}, as a file of its own, and
     * returns it relative to the data root: the winning rows of the first or the second half of the staging files.
     * Every key wins in one row, so every key is in one file, as {@link #merge} keeps it. Each part is a file's worth
     * of work for one connection: the turns of a run are half of the commit, and two threads write them in about
     * half the time. {@code counts}, for turns, counts the part's rows for its histograms; null otherwise.
     */
    String writePart(Table table, Path stagingDir, int part, TokenHistogram counts) throws IOException, SQLException {
        List<Path> staged = stagedFiles(stagingDir.resolve(table.tableName()));
        int half = staged.size() / 2;
        String relative = table.tableName() + "/" + runId + "-" + part + ".parquet";
        Path target = dataRoot.resolve(relative);
        createTableFolder(target.getParent());
        writeWinners(table, part == 0 ? staged.subList(0, half) : staged.subList(half, staged.size()), target,
                counts);
        return relative;
    }

    /**
     * Writes the winning rows of the staging files of a table that has no committed file, as the scan's records
     * decided them: one stream over the files, the losing rows filtered out, nothing held in memory. {@code counts},
     * when not null, counts the winning turns.
     */
    private void writeWinners(Table table, List<Path> files, Path target, TokenHistogram counts)
            throws IOException, SQLException {
        List<DedupVerdicts.Verdict> perFile = verdictsOf(table, files);
        String stream = "staged_" + table.tableName();
        String flag = StagedBatches.DROPPED;
        String select = table.emptySelect() + " UNION ALL BY NAME SELECT * EXCLUDE (" + flag + ") FROM " + stream
                + " WHERE NOT " + flag;
        executeOverStaged(Map.of(stream, StagedBatches.winners(allocator, table, files, perFile, counts)),
                List.of(copy(select, target)));
        List<Integer> workers = new ArrayList<>();
        for (Path file : files) {
            workers.add(WorkerStaging.workerOf(file));
        }
        KeyIndex.write(target, verdicts.of(table).keys(workers));
    }

    /**
     * Whether the committed file may hold one of {@code keys}, by its index: true when it has none. A file the index
     * clears is neither read for the contested keys nor rewritten.
     */
    private boolean mayHoldAny(String committedFile, long[] keys, Map<String, long[]> indexes) throws IOException {
        if (keys.length == 0) {
            return true;
        }
        long[] index = index(committedFile, indexes);
        return index == null || KeyIndex.intersects(index, keys);
    }

    /** The index of a committed file ({@link KeyIndex#read}), read once per merge into {@code indexes}. */
    private long[] index(String committedFile, Map<String, long[]> indexes) throws IOException {
        if (!indexes.containsKey(committedFile)) {
            indexes.put(committedFile, KeyIndex.read(dataRoot.resolve(committedFile)));
        }
        return indexes.get(committedFile);
    }

    /**
     * Writes the index of a merge's file: the keys it staged and those of the committed files it merged, a superset
     * of its own. When one of those files has no index, neither does the new one.
     */
    private void writeIndex(Path target, long[] stagedKeys, List<String> touched, Map<String, long[]> indexes)
            throws IOException {
        List<long[]> parts = new ArrayList<>();
        parts.add(stagedKeys);
        for (String file : touched) {
            long[] index = index(file, indexes);
            if (index == null) {
                return;
            }
            parts.add(index);
        }
        KeyIndex.write(target, KeyIndex.union(parts));
    }

    /** The scan's verdict on each of a table's staging files, in their order. */
    private List<DedupVerdicts.Verdict> verdictsOf(Table table, List<Path> files) {
        DedupVerdicts decided = verdicts.of(table);
        List<DedupVerdicts.Verdict> perFile = new ArrayList<>(files.size());
        for (Path file : files) {
            perFile.add(decided.of(WorkerStaging.workerOf(file)));
        }
        return perFile;
    }

    /**
     * The committed rows a merge keeps. The dataset is the record of what was spent, also after a transcript is gone:
     * the rows of a source file read again from its start (rewritten, shrunk, a grown rollout) stay, but for those
     * whose key the new reading of that file brings again, which it replaces (their content measures would
     * otherwise be summed twice). Rejects describe a file as it is now: those of a file read again go.
     */
    private static String committedRows(Table table, String files, String stagedRows) {
        String read = "read_parquet(" + files + ", union_by_name = true)";
        if (table.dedupKey() == null) {
            return "SELECT * FROM " + read + " WHERE file NOT IN (SELECT path FROM reread_files)";
        }
        if (stagedRows == null) {
            return "SELECT * FROM " + read;
        }
        return SqlTemplate.render("committed-rows.sql", Map.of("committed", read, "staged", stagedRows,
                "old_key", partitionKey(table, "old"), "new_key", partitionKey(table, "new")));
    }

    /**
     * The dedup of a table with a key: the rows of {@code single} (keys that occur once, no {@code dedup_key} column)
     * as they are, and of {@code repeated} (the rows of keys that occur more than once, with their key as
     * {@code dedup_key}) one per key. {@code ctes} are named queries the two may read, each followed by a comma.
     */
    private static String dedup(Table table, String ctes, String single, String repeated) {
        String template = switch (table) {
            case TURNS -> "dedup-turns.sql";
            case TOOL_USES, TOOL_RESULTS, PROMPTS, COMPACTIONS -> "dedup-by-key.sql";
            case TOKEN_HISTOGRAMS, REJECTS, FILES -> throw new IllegalArgumentException(table + " has no dedup key");
        };
        return SqlTemplate.render(template, Map.of("ctes", ctes, "single", single, "repeated", repeated,
                "order", order(table)));
    }

    /**
     * The order of a key's candidates, the one that wins first: for a turn a main-chain line, then the most output,
     * then the most tokens, then the earliest position; for the other tables the earliest position.
     */
    private static String order(Table table) {
        return table == Table.TURNS ? TURN_ORDER : "file, line_offset";
    }

    /** The key the dedup partitions by: the dedup column, but for turns without a response id, their place. */
    private static String partitionKey(Table table) {
        return table == Table.TURNS ? TURN_KEY : table.dedupKey().columnName();
    }

    /** {@link #partitionKey(Table)} over the columns of the relation {@code alias}. */
    private static String partitionKey(Table table, String alias) {
        return table == Table.TURNS
                ? "coalesce(" + alias + ".message_id, " + alias + ".file || '#' || " + alias + ".line_offset)"
                : alias + "." + table.dedupKey().columnName();
    }

    /** Creates a table's folder; a file in its place is an error that says so. */
    static void createTableFolder(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write table " + folder.getFileName() + ": " + folder
                    + " is a file, not a folder", e);
        }
    }

    /** The statement that writes {@code select} to the table file {@code target}. */
    static String copy(String select, Path target) {
        return SqlTemplate.render("copy.sql", Map.of("select", select, "target", DuckDb.literal(target.toString())));
    }

    /**
     * Runs the statements with the given staged batches registered under their names, streams that can be scanned
     * once.
     */
    private void executeOverStaged(Map<String, StagedBatches> streams, List<String> statements)
            throws IOException, SQLException {
        List<AutoCloseable> registered = new ArrayList<>();
        try {
            for (Map.Entry<String, StagedBatches> stream : streams.entrySet()) {
                registered.add(ArrowStreams.register(connection, allocator, stream.getKey(), stream.getValue()));
            }
            try (Statement statement = connection.createStatement()) {
                for (String sql : statements) {
                    statement.execute(sql);
                }
            }
        } finally {
            closeAll(registered, streams.keySet());
        }
    }

    private static void closeAll(List<AutoCloseable> registered, Collection<String> names) throws IOException {
        Exception first = null;
        for (AutoCloseable stream : registered) {
            try {
                stream.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw new IOException("closing the staged batches " + names, first);
        }
    }

    /** The committed files that hold a row of a source file read again from its start. */
    private List<String> filesHoldingReread(List<String> committed) throws SQLException {
        return relativeFiles(committed, SqlTemplate.render("touched-files.sql", Map.of("files", list(committed))));
    }

    /** The files of {@code committed} that {@code sql} names, in its first column, by their full path. */
    private List<String> relativeFiles(List<String> committed, String sql) throws SQLException {
        Map<String, String> relativeOf = new HashMap<>();
        for (String relative : committed) {
            relativeOf.put(dataRoot.resolve(relative).toString(), relative);
        }
        List<String> files = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                String relative = relativeOf.get(rs.getString(1));
                if (relative == null) {
                    throw new SQLException("DuckDB named a file the commit did not read: " + rs.getString(1));
                }
                files.add(relative);
            }
        }
        return files;
    }

    /**
     * A condition on a committed row that every row whose key {@code stagedRows} holds meets, on the key column
     * alone: a response id, or for a turn without one, its source file.
     */
    private static String keyPrefilter(Table table, String stagedRows) {
        String column = table.dedupKey().columnName();
        String prefilter = column + " IN (SELECT " + column + " FROM " + stagedRows + ")";
        return table == Table.TURNS
                ? prefilter + " OR (" + column + " IS NULL AND file IN (SELECT file FROM " + stagedRows + "))"
                : prefilter;
    }

    /** The columns {@link #order} reads. */
    private static String orderColumns(Table table) {
        return table == Table.TURNS ? "is_sidechain, output_tokens, input_tokens, cache_write_5m_tokens,"
                + " cache_write_1h_tokens, cache_read_tokens, file, line_offset" : "file, line_offset";
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** The rows in the given files, from their Parquet footers. */
    long rows(List<String> relativeFiles) throws SQLException {
        if (relativeFiles.isEmpty()) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(SqlTemplate.render("row-count.sql",
                     Map.of("files", list(relativeFiles))))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Makes the temporary table of the files read again from their start, once per connection: every table's merge
     * reads it. The paths go in as literal rows, a thousand per statement; a prepared insert of one row at a time took
     * 0.3 to 0.5 s for the 4,811 files of a {@code --full} run, in each of the run's merges.
     */
    private void registerReread(Collection<String> rereadFiles) throws SQLException {
        if (rereadRegistered) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE reread_files (path VARCHAR)");
            StringBuilder insert = new StringBuilder();
            int rows = 0;
            for (String path : rereadFiles) {
                insert.append(rows == 0 ? "INSERT INTO reread_files VALUES (" : ", (")
                        .append(DuckDb.literal(path)).append(')');
                if (++rows == 1000) {
                    statement.execute(insert.toString());
                    insert.setLength(0);
                    rows = 0;
                }
            }
            if (rows > 0) {
                statement.execute(insert.toString());
            }
        }
        rereadRegistered = true;
    }

    private String list(List<String> relativeFiles) {
        List<String> literals = new ArrayList<>(relativeFiles.size());
        for (String relative : relativeFiles) {
            literals.add(DuckDb.literal(dataRoot.resolve(relative).toString()));
        }
        return "[" + String.join(", ", literals) + "]";
    }

    private static List<Path> stagedFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".arrow")).sorted().toList();
        }
    }
}
