package io.tokenomics.commit;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Checks a dataset and rebuilds its manifest from the table files present: every file the manifest names (or, when
 * the manifest is lost or unreadable, every table file a run of ours wrote) is opened; a missing one is reported, an
 * unreadable one is moved into {@code .damaged/} (never deleted); the readable ones are merged into one file per
 * table through the global dedup, and the new manifest names them. Its file entries then tell the next ingest to read
 * every transcript again from its start, so that the rows a lost file held come back from the transcripts still on
 * disk (docs/reliability.md, "Repair").
 */
public final class Repair {
    private static final String DAMAGED = ".damaged";

    private Repair() {
    }

    /** The state the manifest was found in. */
    public enum ManifestState {
        /** Read, and every file it names is present and readable. */
        SOUND,
        /** Read, but some file it names is missing or unreadable. */
        INCOMPLETE,
        /** Not there, in a dataset that had committed. */
        MISSING,
        /** There, but not a manifest this version reads. */
        UNREADABLE
    }

    /**
     * What a repair found of one table.
     *
     * @param table the table
     * @param rowsBefore the rows the manifest counted, null when it could not be read
     * @param filesRead the table files read into the rebuilt table
     * @param missing the files the manifest named that are not there
     * @param damaged the files that could not be read, moved into {@code .damaged/}
     * @param rowsKept the rows of the rebuilt table
     */
    public record TableCheck(Table table, Long rowsBefore, int filesRead, List<String> missing, List<String> damaged,
            long rowsKept) {
    }

    /**
     * What a repair found and did.
     *
     * @param manifest the state the manifest was in
     * @param manifestProblem why the manifest could not be read, empty otherwise
     * @param tables each table's check, in the order of {@link Table}
     * @param rebuilt the manifest written, empty when the dataset was sound and nothing was written
     * @param transcripts the transcripts the old manifest had read, empty when it could not be read
     */
    public record Outcome(ManifestState manifest, String manifestProblem, List<TableCheck> tables,
            Optional<Manifest> rebuilt, List<String> transcripts) {
        /** Whether rows may have been lost, so that the transcripts must be read again. */
        public boolean needsReread() {
            return manifest != ManifestState.SOUND;
        }
    }

    /**
     * Checks the dataset at {@code dataset} and, unless it is sound, rebuilds it. Takes the writer's lock, waiting up
     * to {@code lockWaitMillis}; {@code host} and {@code user} are written to the histograms it makes again.
     */
    public static Outcome run(Dataset dataset, int threads, String host, String user, long lockWaitMillis)
            throws IOException, InterruptedException {
        try (Dataset.WriterLock lock = dataset.lock(lockWaitMillis)) {
            if (lock == null) {
                throw new IOException("another ingest is writing " + dataset.root()
                        + "; try again when it has finished");
            }
            return repair(dataset, threads, host, user);
        }
    }

    private static Outcome repair(Dataset dataset, int threads, String host, String user) throws IOException {
        Path root = dataset.root();
        ManifestState state;
        String problem = "";
        Manifest old = null;
        try {
            Optional<Manifest> read = dataset.manifest();
            if (read.isEmpty()) {
                // Never committed: nothing to check, and no file of it is history.
                return new Outcome(ManifestState.SOUND, "", List.of(), Optional.empty(), List.of());
            }
            old = read.get();
            state = ManifestState.SOUND;
        } catch (Dataset.DamagedException e) {
            state = Files.exists(root.resolve("manifest.json")) ? ManifestState.UNREADABLE : ManifestState.MISSING;
            problem = e.getMessage();
        }
        Commit.Leftovers.removeStaging(root);
        String runId = Commit.newRunId();
        Map<Table, List<String>> readable = new EnumMap<>(Table.class);
        Map<Table, List<String>> missing = new EnumMap<>(Table.class);
        Map<Table, List<String>> damaged = new EnumMap<>(Table.class);
        try (DuckDBConnection connection = DuckDb.openInMemory(Math.max(1, threads));
             BufferAllocator allocator = new RootAllocator()) {
            for (Table table : Table.values()) {
                List<String> candidates = old != null ? old.tables().getOrDefault(table.tableName(), List.of())
                        : relative(root, Commit.Leftovers.runFiles(root, table));
                List<String> ok = new ArrayList<>();
                List<String> gone = new ArrayList<>();
                List<String> bad = new ArrayList<>();
                for (String relative : candidates) {
                    Path file = root.resolve(relative);
                    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        gone.add(relative);
                    } else if (readable(connection, file)) {
                        ok.add(relative);
                    } else {
                        bad.add(relative);
                    }
                }
                readable.put(table, ok);
                missing.put(table, gone);
                damaged.put(table, bad);
            }
            if (state == ManifestState.SOUND && missing.values().stream().allMatch(List::isEmpty)
                    && damaged.values().stream().allMatch(List::isEmpty)) {
                return new Outcome(state, "", checks(old, readable, missing, damaged, null), Optional.empty(),
                        transcripts(old));
            }
            if (state == ManifestState.SOUND) {
                state = ManifestState.INCOMPLETE;
            }
            for (List<String> files : damaged.values()) {
                moveAside(root, files);
            }
            if (state == ManifestState.UNREADABLE) {
                moveAside(root, List.of("manifest.json"));
            }
            Manifest rebuilt = rebuild(connection, allocator, root, runId, host, user, readable, old);
            dataset.commit(rebuilt);
            deleteMerged(root, readable, rebuilt);
            return new Outcome(state, problem, checks(old, readable, missing, damaged, rebuilt),
                    Optional.of(rebuilt), transcripts(old));
        } catch (SQLException e) {
            Commit.Leftovers.removeRunFiles(root, runId);
            throw new IOException("repair failed: " + e.getMessage(), e);
        }
    }

    /** Merges each table's readable files into one and writes the manifest that names them. */
    private static Manifest rebuild(DuckDBConnection connection, BufferAllocator allocator, Path root, String runId,
            String host, String user, Map<Table, List<String>> readable, Manifest old)
            throws IOException, SQLException {
        Committer committer = new Committer(connection, allocator, root, runId,
                new Committer.RunVerdicts(List.of(), Set.of()));
        Map<String, List<String>> tables = new LinkedHashMap<>();
        Map<String, Long> rows = new LinkedHashMap<>();
        for (Table table : Table.values()) {
            if (table == Table.TOKEN_HISTOGRAMS) {
                continue;
            }
            List<String> files = List.of(committer.compact(table, readable.get(table)));
            tables.put(table.tableName(), files);
            rows.put(table.tableName(), committer.rows(files));
        }
        List<String> histograms = Histograms.update(connection, allocator, root,
                tables.get(Table.TURNS.tableName()), List.of(), host, user);
        tables.put(Table.TOKEN_HISTOGRAMS.tableName(), histograms);
        rows.put(Table.TOKEN_HISTOGRAMS.tableName(), committer.rows(histograms));
        return new Manifest(Manifest.FORMAT, runId, tables, rows, rereadEntries(connection, root, tables, old, runId));
    }

    /**
     * An entry for every transcript the old manifest had read or the rebuilt rows name, such that the next ingest
     * reads each again from its start (a size no file has, bytes read beyond any end): its rows in the dataset are
     * then replaced, never added to, and what a lost file held comes back where the transcript is still on disk.
     */
    private static List<Manifest.FileEntry> rereadEntries(DuckDBConnection connection, Path root,
            Map<String, List<String>> tables, Manifest old, String runId) throws SQLException {
        Set<String> paths = new LinkedHashSet<>(transcripts(old));
        List<String> selects = new ArrayList<>();
        for (Table table : Table.values()) {
            if (table == Table.TOKEN_HISTOGRAMS) {
                continue;
            }
            String column = table == Table.FILES ? "path" : "file";
            selects.add("SELECT " + column + " AS path FROM read_parquet("
                    + DuckDb.literal(root.resolve(tables.get(table.tableName()).get(0)).toString()) + ")");
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DISTINCT path FROM (" + String.join(" UNION ALL ", selects)
                     + ") WHERE path IS NOT NULL ORDER BY path")) {
            while (rs.next()) {
                paths.add(rs.getString(1));
            }
        }
        List<Manifest.FileEntry> entries = new ArrayList<>(paths.size());
        for (String path : paths.stream().sorted().toList()) {
            entries.add(new Manifest.FileEntry(path, -1, 0, Long.MAX_VALUE, 0, 0, 0, runId, ""));
        }
        return entries;
    }

    private static List<String> transcripts(Manifest old) {
        return old == null ? List.of() : old.files().stream().map(Manifest.FileEntry::path).toList();
    }

    private static boolean readable(DuckDBConnection connection, Path file) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM read_parquet("
                     + DuckDb.literal(file.toString()) + ")")) {
            return rs.next();
        } catch (SQLException e) {
            return false;
        }
    }

    private static List<TableCheck> checks(Manifest old, Map<Table, List<String>> readable,
            Map<Table, List<String>> missing, Map<Table, List<String>> damaged, Manifest rebuilt) {
        List<TableCheck> checks = new ArrayList<>();
        for (Table table : Table.values()) {
            Long before = old == null ? null : old.rowCount(table);
            long kept = (rebuilt != null ? rebuilt : old).rowCount(table);
            checks.add(new TableCheck(table, before, readable.get(table).size(), missing.get(table),
                    damaged.get(table), kept));
        }
        return checks;
    }

    /** Moves files that cannot be read out of the table folders, keeping them for whoever can recover them. */
    private static void moveAside(Path root, List<String> relatives) throws IOException {
        for (String relative : relatives) {
            Path target = root.resolve(DAMAGED).resolve(relative);
            for (int copy = 1; Files.exists(target, LinkOption.NOFOLLOW_LINKS); copy++) {
                // What an earlier repair moved aside stays as it was.
                target = root.resolve(DAMAGED).resolve(relative + "." + copy);
            }
            Files.createDirectories(target.getParent());
            Files.move(root.resolve(relative), target);
        }
    }

    /** Deletes the files merged into the rebuilt ones: ours, and no longer named. */
    private static void deleteMerged(Path root, Map<Table, List<String>> merged, Manifest rebuilt)
            throws IOException {
        Set<String> keep = rebuilt.tableFiles();
        for (List<String> files : merged.values()) {
            for (String relative : files) {
                if (!keep.contains(relative)) {
                    Files.deleteIfExists(root.resolve(relative));
                }
            }
        }
    }

    private static List<String> relative(Path root, List<Path> files) {
        List<String> relatives = new ArrayList<>(files.size());
        for (Path file : files) {
            relatives.add(root.relativize(file).toString());
        }
        relatives.sort(null);
        return relatives;
    }

    /** Where a repair leaves the files it could not read. */
    public static Path damagedFolder(Dataset dataset) {
        return dataset.root().resolve(DAMAGED);
    }
}
