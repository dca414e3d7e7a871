package io.tokenomics.lake;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.FileTrees;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * One publish: this dataset's committed rows that the lake does not hold yet, written as new files under this
 * machine's host folders. The files are written into a staging folder inside the lake, which no reader looks at,
 * then renamed into place one by one: a reader sees a file whole or not at all, and a publish that stops leaves its
 * staging folder, which the next publish from the same dataset removes.
 */
final class Publisher {
    /** Made in the dataset at its first publish: the machine's id in the lake's file names and host claims. */
    static final String PUBLISHER_FILE = "lake-publisher";
    /** The folder name Hive, Spark and DuckDB give a NULL partition value. */
    private static final String HIVE_NULL = "__HIVE_DEFAULT_PARTITION__";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");
    /** How often a publish stages again when files it listed vanish, before the failure is the user's. */
    private static final int STAGE_ATTEMPTS = 5;
    /** Columns a salted hash replaces under {@code --anonymize}: the person, the machine, what names a project. */
    private static final Set<String> ANONYMIZED = Set.of("user", "host", "project", "cwd", "file", "git_branch");

    private final PublishOptions options;

    Publisher(PublishOptions options) {
        this.options = options;
    }

    PublishSummary run() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Dataset dataset = new Dataset(options.data());
        try (Dataset.WriterLock lock = dataset.lock(options.lockWaitMillis())) {
            if (lock == null) {
                throw new LakeException("an ingest is writing " + dataset.root() + "; publish when it has finished");
            }
            Manifest manifest = dataset.tables().orElse(Manifest.empty());
            if (manifest.rowCount(Table.TURNS) == 0) {
                throw new LakeException("the dataset " + dataset.root() + " holds no turns to publish; read "
                        + "transcripts into it first: tokenomics ingest");
            }
            Path lake = options.lake().toAbsolutePath().normalize();
            prepare(lake);
            String publisher = publisherId(dataset.root());
            int removed = removeLeftovers(lake, publisher);
            String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
            Path staging = lake.resolve(LakeLayout.STAGING_PREFIX + publisher + "-" + stamp);
            try (DuckDBConnection connection = DuckDb.openInMemory(options.threads())) {
                Staged staged = stageWithRetry(connection, dataset.root(), manifest, lake, publisher, staging);
                int files = 0;
                for (Table table : LakeLayout.TABLES) {
                    files += moveIntoPlace(staging.resolve(table.tableName()), lake.resolve(table.tableName()),
                            publisher, stamp);
                }
                int compacted = 0;
                String compactionFailure = null;
                for (Table table : LakeLayout.TABLES) {
                    for (String host : staged.hosts()) {
                        // The rows are in the lake already: a compaction that fails leaves its folder as it was (or
                        // with a row in two files, which readers count once), and the next publish tries again.
                        try {
                            compacted += Compactor.compact(connection, lake, table, host, publisher, stamp, staging);
                        } catch (IOException | SQLException e) {
                            compactionFailure = compactionFailure != null ? compactionFailure
                                    : table.tableName() + " of host " + host + ": " + e.getMessage();
                        }
                    }
                }
                return new PublishSummary(lake, staged.hosts(), staged.rows(), files, compacted, removed,
                        compactionFailure, System.nanoTime() - started);
            } catch (SQLException e) {
                throw new IOException("publish failed: " + e.getMessage(), e);
            } finally {
                if (Files.exists(staging)) {
                    FileTrees.delete(staging);
                }
            }
        }
    }

    /** What a publish staged: the host names it writes under, and the rows it adds per table. */
    private record Staged(List<String> hosts, Map<Table, Long> rows) {
    }

    /**
     * Stages the rows the lake lacks. Another machine may compact its partition while this publish reads the lake:
     * a listed file is then gone, and the lake is listed and the rows staged again.
     */
    private Staged stageWithRetry(DuckDBConnection connection, Path data, Manifest manifest, Path lake,
            String publisher, Path staging) throws IOException, SQLException {
        for (int attempt = 1;; attempt++) {
            Files.createDirectories(staging);
            try {
                return stage(connection, data, manifest, lake, publisher, staging);
            } catch (SQLException e) {
                if (!LakeReads.vanished(e) || attempt == STAGE_ATTEMPTS) {
                    throw e;
                }
                FileTrees.delete(staging);
            }
        }
    }

    private Staged stage(DuckDBConnection connection, Path data, Manifest manifest, Path lake, String publisher,
            Path staging) throws IOException, SQLException {
        setUp(connection, data, manifest, LakeFiles.scan(lake), staging);
        List<String> hosts = hosts(connection);
        for (String host : hosts) {
            HostClaims.claim(lake, host, publisher);
        }
        Map<Table, Long> rows = new EnumMap<>(Table.class);
        for (Table table : LakeLayout.TABLES) {
            rows.put(table, write(connection, table, staging));
            for (String host : hosts) {
                declare(connection, table, host, lake, staging);
            }
        }
        return new Staged(hosts, rows);
    }

    /** Makes the lake's folder and its format file, or checks the format of one that exists. */
    private static void prepare(Path lake) throws IOException {
        if (Files.exists(lake) && !Files.isDirectory(lake)) {
            throw new LakeException(lake + " is a file, not a folder");
        }
        Files.createDirectories(lake);
        Path version = lake.resolve(LakeLayout.VERSION_FILE);
        if (!Files.exists(version)) {
            String json = LakeLayout.versionJson();
            Path temporary = lake.resolve("." + LakeLayout.VERSION_FILE + "-" + ProcessHandle.current().pid());
            Files.writeString(temporary, json, StandardCharsets.UTF_8);
            try {
                Files.createLink(version, temporary);
            } catch (FileAlreadyExistsException e) {
                // Another machine's first publish made it at the same time: it is checked below.
            } catch (UnsupportedOperationException | IOException e) {
                if (!Files.exists(version)) {
                    Files.move(temporary, version);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
        }
        LakeFiles.format(lake);
    }

    /** The dataset's publisher id, made at its first publish. */
    private static String publisherId(Path data) throws IOException {
        Path file = data.resolve(PUBLISHER_FILE);
        if (Files.isRegularFile(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (id.matches("[0-9a-f]{12}")) {
                return id;
            }
            throw new LakeException(file + " does not hold a publisher id (12 hexadecimal digits)");
        }
        byte[] random = new byte[6];
        new SecureRandom().nextBytes(random);
        String id = HexFormat.of().formatHex(random);
        Files.writeString(file, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    /** Removes the staging folders this dataset's earlier publishes left when they stopped; returns how many. */
    private static int removeLeftovers(Path lake, String publisher) throws IOException {
        int removed = 0;
        try (Stream<Path> entries = Files.list(lake)) {
            for (Path entry : entries.toList()) {
                if (entry.getFileName().toString().startsWith(LakeLayout.STAGING_PREFIX + publisher + "-")) {
                    FileTrees.delete(entry);
                    removed++;
                }
            }
        }
        return removed;
    }

    private void setUp(DuckDBConnection connection, Path data, Manifest manifest, LakeListing listing,
            Path staging) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = 'UTC'");
            statement.execute("SET preserve_insertion_order = false");
            statement.execute("SET memory_limit = '256MB'");
            statement.execute("SET temp_directory = " + DuckDb.literal(staging.resolve("spill").toString()));
            for (Table table : LakeLayout.TABLES) {
                List<Path> files = Dataset.files(data, manifest, table);
                String local = files.isEmpty() ? table.emptySelect() : "SELECT * FROM (" + table.emptySelect()
                        + ") UNION ALL BY NAME SELECT * FROM read_parquet(" + LakeReads.list(files)
                        + ", union_by_name = true)";
                statement.execute("CREATE OR REPLACE VIEW local_" + table.tableName() + " AS " + fresh(table, local));
                statement.execute("CREATE OR REPLACE VIEW lake_" + table.tableName() + " AS "
                        + LakeReads.raw(table, listing.files(table)));
            }
        }
    }

    /** The rows of a table as the lake holds them: anonymized when asked, with the partition columns. */
    private String fresh(Table table, String local) {
        List<String> select = new ArrayList<>();
        for (Column column : LakeLayout.fileColumns(table)) {
            select.add(value(column.columnName()) + " AS " + Engine.DUCKDB.quote(column.columnName()));
        }
        select.add(value(LakeLayout.HOST) + " AS " + LakeLayout.HOST);
        if (LakeLayout.partitions(table).contains(LakeLayout.MONTH)) {
            select.add("strftime(ts, '%Y-%m') AS " + LakeLayout.MONTH);
        }
        return "SELECT " + String.join(", ", select) + " FROM (" + local + ")";
    }

    private String value(String column) {
        String quoted = Engine.DUCKDB.quote(column);
        if (options.salt() == null || !ANONYMIZED.contains(column)) {
            return quoted;
        }
        // 16 hex digits (64 bits) of SHA-256 over the salt and the value: equal values stay equal across machines
        // that share the salt, and a name cannot be found from its hash without the salt.
        return "left(sha256(" + DuckDb.literal(options.salt()) + " || " + quoted + "), 16)";
    }

    /** The host names this publish writes under. */
    private static List<String> hosts(DuckDBConnection connection) throws SQLException, LakeException {
        List<String> selects = new ArrayList<>();
        for (Table table : LakeLayout.TABLES) {
            selects.add("SELECT DISTINCT host FROM local_" + table.tableName());
        }
        List<String> hosts = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT DISTINCT host FROM (" + String.join(" UNION ", selects)
                     + ") ORDER BY host")) {
            while (rs.next()) {
                String host = rs.getString(1);
                if (host == null || host.isEmpty()) {
                    throw new LakeException("the dataset holds rows without a host name; ingest them again with "
                            + "--full --host NAME before publishing");
                }
                hosts.add(host);
            }
        }
        return hosts;
    }

    /** Writes the table's rows that the lake lacks into {@code staging}, partitioned; returns how many. */
    private static long write(DuckDBConnection connection, Table table, Path staging) throws SQLException {
        String name = table.tableName();
        String delta = "SELECT n.* FROM local_" + name + " n WHERE NOT EXISTS (SELECT 1 FROM lake_" + name
                + " l WHERE " + LakeSql.held(table, Engine.DUCKDB) + ")";
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + delta + ") TO " + DuckDb.literal(staging.resolve(name).toString())
                    + " (FORMAT PARQUET, COMPRESSION ZSTD, PARTITION_BY (" + String.join(", ",
                    LakeLayout.partitions(table)) + "), FILENAME_PATTERN 'part{i}')");
            return Math.max(0, statement.getLargeUpdateCount());
        }
    }

    /**
     * Writes an empty file of the table under a host that has none yet, so that every table of the lake has a file
     * that declares its columns: DuckDB's read_parquet fails on a folder without one, and Trino on a location that
     * does not exist. Its month is NULL (Hive's default partition).
     */
    private static void declare(DuckDBConnection connection, Table table, String host, Path lake, Path staging)
            throws SQLException, IOException {
        String hostFolder = LakeLayout.HOST + "=" + HostClaims.encode(host);
        Path staged = staging.resolve(table.tableName()).resolve(hostFolder);
        if (Files.exists(lake.resolve(table.tableName()).resolve(hostFolder)) || Files.exists(staged)) {
            return;
        }
        List<String> partitions = LakeLayout.partitions(table);
        Path file = staged;
        for (String partition : partitions.subList(1, partitions.size())) {
            file = file.resolve(partition + "=" + HIVE_NULL);
        }
        Files.createDirectories(file);
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * EXCLUDE (" + String.join(", ", partitions) + ") FROM local_"
                    + table.tableName() + " WHERE false) TO " + DuckDb.literal(file.resolve("part0.parquet")
                    .toString()) + " (FORMAT PARQUET, COMPRESSION ZSTD)");
        }
    }

    /**
     * Renames each file of a table's staging folder into the same partition folder of the lake, under its lake
     * name, after its bytes are on disk; returns how many.
     */
    private static int moveIntoPlace(Path staged, Path table, String publisher, String stamp) throws IOException {
        if (!Files.isDirectory(staged)) {
            return 0;
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(staged)) {
            files = walk.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
        for (Path file : files) {
            Path relative = staged.relativize(file);
            String number = relative.getFileName().toString().replace("part", "").replace(".parquet", "");
            Path target = table.resolve(relative).resolveSibling(LakeLayout.dataFileName(publisher, stamp, number));
            Files.createDirectories(target.getParent());
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            try {
                Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(file, target);
            }
        }
        return files.size();
    }

}
