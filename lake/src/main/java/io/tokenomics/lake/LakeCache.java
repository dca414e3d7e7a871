package io.tokenomics.lake;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A lake's tables, one row per key, kept on this machine between reports (docs/architecture.md, "The lake"): a
 * report over a lake that nobody published into since the last one reads one local file per table instead of every
 * file of the lake through the dedup. A table's cache is a Parquet file and a listing of the lake's files it was made
 * from (path, size, modification time). Files added since are read and merged by the same dedup rule, which keeps a
 * key's best row of any set of rows, so only the keys the new files hold are ranked again; any other change (a file
 * gone, as a compaction removes them, or another file under a listed name) makes the table again from every file,
 * because the rows a vanished file won over are not in the cache.
 *
 * <p>Several reports may write one lake's cache at once: each writes a Parquet file of its own name, forced to disk,
 * then renames its listing over the table's; the listing names its file, and a listing whose file is gone (another
 * writer removed it) is no cache.
 */
final class LakeCache {
    /** The first line of a table's listing, before the digest of what its file's rows depend on. */
    private static final String FORMAT = "tokenomics lake cache 1";
    private static final String LISTING = ".listing";
    /** The rows of a row group of a cached file. */
    private static final int ROW_GROUP_ROWS = 16_384;

    private final Path folder;

    private LakeCache(Path folder) {
        this.folder = folder;
    }

    /** The cache of the lake {@code root} (absolute) under {@code home}: one folder per lake path. */
    static LakeCache of(Path home, Path root) {
        return new LakeCache(home.resolve(digest(root.toString()).substring(0, 16)));
    }

    /** The cached file of the table when it holds the table's rows for exactly the listed files, else null. */
    Path current(LakeListing listing, Table table) {
        Cached cached = read(table);
        return cached != null && cached.entries.equals(entries(listing, table)) ? cached.file : null;
    }

    /**
     * A query of the table's rows, one per key, in the cache: written first when it is not current, from the cache and
     * the files added since or from every file. Where the cache cannot be written (a full disk, a folder it cannot
     * write), the rows are made into the temporary table {@code target} instead, and the query reads it.
     */
    String keep(Connection connection, LakeListing listing, Table table, String target) throws SQLException {
        Set<String> entries = entries(listing, table);
        Cached cached = read(table);
        if (cached != null && cached.entries.equals(entries)) {
            return query(cached.file);
        }
        String source;
        if (cached != null && entries.containsAll(cached.entries)) {
            List<Path> added = new ArrayList<>();
            for (Path file : listing.files(table)) {
                if (!cached.entries.contains(entry(listing, file))) {
                    added.add(file);
                }
            }
            source = LakeReads.merged(table, query(cached.file), LakeReads.raw(table, added));
        } else {
            source = LakeReads.deduplicated(table, listing.files(table));
        }
        String name = table.tableName() + "-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".parquet";
        try {
            // Written straight from the query and read from the file: a temporary table of the rows as well took
            // longer than the sections gain by reading it from memory.
            write(connection, table, source, name, entries);
        } catch (IOException | SQLException e) {
            remove(name);
            // A failure of the query itself (a lake file vanished) fails here again, for the session to list the lake.
            LakeReads.keep(connection, target, source);
            return "SELECT * FROM " + target;
        }
        return query(folder.resolve(name));
    }

    /** Removes what a write that failed left, where it can: no listing names it. */
    private void remove(String name) {
        try {
            Files.deleteIfExists(folder.resolve(name));
            Files.deleteIfExists(folder.resolve(name + LISTING));
        } catch (IOException e) {
            // A folder that cannot be written holds nothing of this write.
        }
    }

    /** A table's listing as read: the file it names and its lines of the lake's files; null when there is none. */
    private record Cached(Path file, Set<String> entries) {
    }

    private Cached read(Table table) {
        List<String> lines;
        try {
            lines = Files.readAllLines(folder.resolve(table.tableName() + LISTING), StandardCharsets.UTF_8);
        } catch (IOException e) {
            // None yet, or one this user cannot read: the table is read from the lake's files.
            return null;
        }
        if (lines.size() < 2 || !lines.get(0).equals(header(table))) {
            return null;
        }
        Path file = folder.resolve(lines.get(1));
        if (!Files.isRegularFile(file)) {
            return null;
        }
        return new Cached(file, new LinkedHashSet<>(lines.subList(2, lines.size())));
    }

    /** Writes the rows of the query {@code rows} as the table's cache of the lake's files {@code entries}. */
    private void write(Connection connection, Table table, String rows, String name, Set<String> entries)
            throws SQLException, IOException {
        Files.createDirectories(folder);
        Path file = folder.resolve(name);
        // Row groups smaller than DuckDB's default (122,880 rows, a lake's turns in one) and no order kept: the file is
        // written, and read by every report after, on every thread; one row group took twice as long to write.
        LakeReads.execute(connection, "SET preserve_insertion_order = false");
        try {
            LakeReads.execute(connection, "COPY (" + rows + ") TO " + DuckDb.literal(file.toString())
                    + " (FORMAT parquet, ROW_GROUP_SIZE " + ROW_GROUP_ROWS + ")");
        } finally {
            LakeReads.execute(connection, "RESET preserve_insertion_order");
        }
        // A listing renamed into place names a whole file, even after a crash.
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        List<String> lines = new ArrayList<>();
        lines.add(header(table));
        lines.add(name);
        lines.addAll(entries);
        Path listing = folder.resolve(name + LISTING);
        Files.write(listing, lines, StandardCharsets.UTF_8);
        Files.move(listing, folder.resolve(table.tableName() + LISTING), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        try (DirectoryStream<Path> older = Files.newDirectoryStream(folder, table.tableName() + "-*.parquet")) {
            for (Path old : older) {
                if (!old.equals(file)) {
                    Files.deleteIfExists(old);
                }
            }
        }
    }

    /** A query of a cached file's rows, every column of its table in order. */
    static String query(Path file) {
        // No partitions from the cache's own path, whatever its folders are named.
        return "SELECT * FROM read_parquet(" + DuckDb.literal(file.toString()) + ", hive_partitioning = false)";
    }

    /** The line of each listed file of the table: its size, modification time and path in the lake. */
    private static Set<String> entries(LakeListing listing, Table table) {
        Set<String> entries = new LinkedHashSet<>();
        for (Path file : listing.files(table)) {
            entries.add(entry(listing, file));
        }
        return entries;
    }

    private static String entry(LakeListing listing, Path file) {
        LakeListing.Stamp stamp = listing.stamps().get(file);
        return stamp.size() + " " + stamp.modifiedNanos() + " " + listing.root().relativize(file);
    }

    /**
     * The header of a table's listing: the cache's format, then a digest of the table's typed columns and of the dedup
     * rule's key and order, which another build may change.
     */
    private static String header(Table table) {
        return FORMAT + " " + digest(table.emptySelect() + "\n" + LakeSql.key(table, "", Engine.DUCKDB) + "\n"
                + LakeSql.order(table, Engine.DUCKDB)).substring(0, 16);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
