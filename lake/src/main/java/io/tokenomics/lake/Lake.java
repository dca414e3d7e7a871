package io.tokenomics.lake;

import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The lake's facade: publish a dataset into a lake, list a lake's files for reading, and the SQL that reads them as
 * the dataset's tables (docs/architecture.md, "The lake").
 */
public final class Lake {
    private Lake() {
    }

    /** Whether {@code folder} is a lake (it holds the lake's format file), not a dataset. */
    public static boolean isLake(Path folder) {
        return Files.isRegularFile(folder.resolve(LakeLayout.VERSION_FILE));
    }

    /** The tables a lake holds. */
    public static List<Table> tables() {
        return LakeLayout.TABLES;
    }

    /** The Hive partition columns of a table's folders, outermost first. */
    public static List<String> partitions(Table table) {
        return LakeLayout.partitions(table);
    }

    /**
     * The name of a data file: the lake's format, the publisher's id (12 hexadecimal digits), the UTC time of the
     * write ({@code yyyyMMdd'T'HHmmssSSS'Z'}) and a number unique among the write's files of one folder.
     */
    public static String dataFileName(String publisher, String stamp, String number) {
        return LakeLayout.dataFileName(publisher, stamp, number);
    }

    /** The lake's format file, relative to its root, and what a writer puts in it when it makes it. */
    public static String versionFile() {
        return LakeLayout.VERSION_FILE;
    }

    public static String versionJson() {
        return LakeLayout.versionJson();
    }

    /** The file that says which publisher holds a host name, relative to the lake's root. */
    public static String claimFile(String host) {
        return LakeLayout.HOSTS + "/" + HostClaims.encode(host) + LakeLayout.CLAIM_SUFFIX;
    }

    /**
     * Adds the dataset's committed rows that the lake lacks, under the dataset's host names.
     *
     * @throws LakeException when the lake cannot take them (a file it holds cannot be read, the host name is another
     *     machine's, an ingest holds the dataset); the message is for the user
     */
    public static PublishSummary publish(PublishOptions options) throws IOException, InterruptedException {
        return new Publisher(options).run();
    }

    /**
     * The lake's table files, each checked.
     *
     * @throws LakeException when a file cannot be counted (not Parquet, not whole, of another format, not one
     *     publish wrote); the message names it
     */
    public static LakeListing list(Path lake) throws IOException {
        return LakeFiles.scan(lake);
    }

    /**
     * A DuckDB query of the table over the listed files: one row per key by the dataset's dedup rule, with every
     * column of the table in its order (NULL where the lake has none).
     */
    public static String duckDbTable(LakeListing listing, Table table) {
        return LakeReads.deduplicated(table, listing.files(table));
    }

    /**
     * A DuckDB query of the rows of {@link #duckDbTable(LakeListing, Table)} from this machine's cache of the lake
     * under {@code cacheHome}; null when the cache does not hold the table for exactly the listed files.
     */
    public static String cachedTable(LakeListing listing, Table table, Path cacheHome) {
        Path cached = LakeCache.of(cacheHome, listing.root()).current(listing, table);
        return cached == null ? null : LakeCache.query(cached);
    }

    /**
     * A DuckDB query of the rows of {@link #duckDbTable(LakeListing, Table)} kept for the rest of a session: of this
     * machine's cache of the lake under {@code cacheHome}, which it brings up to the listed files first; or of the
     * temporary table {@code target}, which it makes from the lake's files, when {@code cacheHome} is null or the
     * cache cannot be written.
     */
    public static String keep(Connection connection, LakeListing listing, Table table, String target,
            Path cacheHome) throws SQLException {
        if (cacheHome == null) {
            LakeReads.keep(connection, target, duckDbTable(listing, table));
            return "SELECT * FROM " + target;
        }
        return LakeCache.of(cacheHome, listing.root()).keep(connection, listing, table, target);
    }
}
