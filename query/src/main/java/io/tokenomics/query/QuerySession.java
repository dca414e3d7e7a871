package io.tokenomics.query;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import io.tokenomics.lake.Lake;
import io.tokenomics.lake.LakeListing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * A DuckDB session over one committed state of the dataset: every table as a view over its Parquet files, the
 * derived views ({@code sessions}, ...), and the report time zone set for {@code timezone()} and date functions.
 * Over a lake ({@link Lake#isLake}) every table is the lake's rows deduplicated across machines, and the tables a
 * lake does not hold are empty.
 */
public final class QuerySession implements AutoCloseable {
    private final DuckDBConnection connection;
    private final Path root;
    private LakeListing lake;
    /** Where this machine keeps a lake's deduplicated tables between reports; null: a dataset, or no cache. */
    private final Path lakeCache;
    private Manifest manifest;
    private long lastUpdateCount = -1;

    /** The message of a table file the manifest names and that is not there, between its path and the dataset's. */
    private static final String MISSING_FILE = ", named by manifest.json, is missing; run: tokenomics repair --data ";

    private QuerySession(DuckDBConnection connection, Path root, Manifest manifest, LakeListing lake,
            Path lakeCache) {
        this.connection = connection;
        this.root = root;
        this.manifest = manifest;
        this.lake = lake;
        this.lakeCache = lakeCache;
    }

    /**
     * Opens the dataset at {@code root}; a dataset never written opens with empty tables. A view is bound to its
     * files as it is made: when an ingest commits between reading the manifest and making the views, a file the
     * manifest named is gone, and the session is made again over the new manifest.
     */
    public static QuerySession open(Path root, ZoneId zone, int threads) throws IOException, SQLException {
        return open(root, zone, threads, null);
    }

    /**
     * As {@link #open(Path, ZoneId, int)}; a lake's tables are kept between sessions in {@code lakeCache}
     * (docs/architecture.md, "The lake"), or read from its files every time when it is null.
     */
    public static QuerySession open(Path root, ZoneId zone, int threads, Path lakeCache)
            throws IOException, SQLException {
        if (Lake.isLake(root)) {
            return openLake(root, zone, threads, lakeCache);
        }
        Dataset dataset = new Dataset(root);
        return openRetrying(() -> {
            Manifest manifest = dataset.tables().orElse(Manifest.empty());
            return new QuerySession(DuckDb.openInMemory(threads), dataset.root(), manifest, null, null);
        }, zone);
    }

    /**
     * Opens a lake. A view reads the schema of a file as it is made: when a machine compacts its partition between
     * the listing and the views, a listed file is gone, and the session is made again over a new listing.
     */
    private static QuerySession openLake(Path root, ZoneId zone, int threads, Path lakeCache)
            throws IOException, SQLException {
        return openRetrying(() -> {
            LakeListing listing = Lake.list(root);
            return new QuerySession(DuckDb.openInMemory(threads), listing.root(), Manifest.empty(), listing,
                    lakeCache);
        }, zone);
    }

    /** Makes a session over what its files are now, before its views are made. */
    @FunctionalInterface
    private interface SessionMaker {
        QuerySession make() throws IOException, SQLException;
    }

    /**
     * Makes a session and its views, and makes it again, up to {@link #OPEN_ATTEMPTS} times, when a file it listed
     * vanished before its views read it.
     */
    private static QuerySession openRetrying(SessionMaker maker, ZoneId zone) throws IOException, SQLException {
        for (int attempt = 1;; attempt++) {
            QuerySession session = maker.make();
            try {
                session.register(zone);
                return session;
            } catch (SQLException e) {
                session.close();
                if (!isVanishedFile(e) || attempt == OPEN_ATTEMPTS) {
                    throw e;
                }
            } catch (RuntimeException e) {
                session.close();
                throw e;
            }
        }
    }

    /**
     * The condition every table with an {@code agent} column is a view under: {@code --agent NAME[,NAME]} sets the
     * variable {@code agent} to the list of names; NULL or unset, every agent's rows count.
     */
    public static final String AGENT_FILTER = "getvariable('agent') IS NULL"
            + " OR list_contains(getvariable('agent'), agent)";

    /** How often a session is made again over a newer manifest before its failure is the user's. */
    private static final int OPEN_ATTEMPTS = 5;

    private void register(ZoneId zone) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TimeZone = " + DuckDb.literal(duckdbZone(zone)));
        }
        registerTables(root);
        try (Statement statement = connection.createStatement()) {
            statement.execute(resource("views.sql"));
        }
    }

    /**
     * The prefix of the temporary tables that hold a lake's table, one row per key, made when a statement first reads
     * it: a report reads its tables many times over (tail reads the sessions view, and so the prompts, tool results
     * and compactions, three times), and each read of the lake's many small files through the dedup costs more than
     * keeping the kept rows in memory; a table no statement reads is never made (docs/performance.md, "The lake").
     * With a cache, a table is written to it and read from its file instead; a table it holds for the listed files is
     * read from there from the start.
     */
    private static final String KEPT = "lake_kept_";

    /** The lake's tables made into temporary tables in this session. */
    private final EnumSet<Table> kept = EnumSet.noneOf(Table.class);
    /** The session's views by name, with their SQL; null until a lake's statement needs them, or after a CREATE. */
    private Map<String, String> views;

    private void registerTables(Path root) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            kept.clear();
            views = null;
            for (Table table : Table.values()) {
                List<Path> files = lake != null ? List.of() : Dataset.files(root, manifest, table);
                Path missing = files.stream().filter(f -> !Files.isRegularFile(f)).findFirst().orElse(null);
                String body;
                if (missing != null) {
                    // A report touches only the tables it reads: this one fails with the message when queried.
                    body = "SELECT e.* FROM (SELECT 1) one LEFT JOIN (" + table.emptySelect() + ") e ON true WHERE "
                            + "error(" + DuckDb.literal(missing + MISSING_FILE + root) + ")";
                } else if (lake != null && !Lake.tables().contains(table)) {
                    body = table.emptySelect();
                } else if (lake != null) {
                    String cached = lakeCache == null ? null : Lake.cachedTable(lake, table, lakeCache);
                    if (cached != null) {
                        // One local file, read as a dataset's table is: keeping it in memory too cost more than
                        // it saved (docs/performance.md, "The lake").
                        kept.add(table);
                    }
                    body = cached != null ? cached : Lake.duckDbTable(lake, table);
                } else {
                    // The typed empty select first: a column added after a dataset's files were written is NULL in
                    // them, not missing (until ingest --full reads them again).
                    body = files.isEmpty() ? table.emptySelect() : table.emptySelect() + " UNION ALL BY NAME"
                            + " SELECT * FROM read_parquet(" + list(files) + ", union_by_name = true)";
                }
                statement.execute(tableView(table, body));
            }
        }
    }

    /** The statement that makes the view of a table over {@code body}, under the report's filters. */
    private static String tableView(Table table, String body) {
        if (hasColumn(table, "ts")) {
            // Rows a dataset took in before the ingest checked the time window: one stamped in year 9999
            // would make every report generate a day or a block up to it.
            body = "SELECT * FROM (" + body + ") WHERE ts IS NULL OR (ts >= TIMESTAMPTZ"
                    + " '2015-01-01 00:00:00+00' AND ts < TIMESTAMPTZ '2100-01-01 00:00:00+00')";
        }
        if (hasColumn(table, "agent")) {
            body = "SELECT * FROM (" + body + ") WHERE " + AGENT_FILTER;
        }
        if (hasColumn(table, "user")) {
            // --user NAME: one person's rows, in a dataset of several machines or a lake.
            body = "SELECT * FROM (" + body + ") WHERE getvariable('user_name') IS NULL"
                    + " OR \"user\" = getvariable('user_name')";
        }
        return "CREATE OR REPLACE VIEW " + table.tableName() + " AS " + body;
    }

    /**
     * Makes the lake's tables that {@code sql} reads, through any view, into temporary tables, and points their
     * views at them. Only a matter of time: a table read before it is kept is read from the files, with the same rows.
     * So a name found in a comment or a string only keeps a table that was not needed, and a name this misses (a table
     * macro, a relation after a comma) is read as before.
     */
    private void keepLakeTables(String sql) throws SQLException {
        if (lake == null || kept.size() == Lake.tables().size()) {
            return;
        }
        if (views == null) {
            views = new HashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT view_name, sql FROM duckdb_views()"
                         + " WHERE NOT internal")) {
                while (rs.next()) {
                    views.merge(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2), (a, b) -> a + " " + b);
                }
            }
        }
        Set<String> read = new HashSet<>();
        Deque<String> texts = new ArrayDeque<>(List.of(sql));
        while (!texts.isEmpty()) {
            Matcher m = READ.matcher(texts.pop());
            while (m.find()) {
                String name = m.group(1).toLowerCase(Locale.ROOT);
                String definition = views.get(name);
                if (read.add(name) && definition != null) {
                    texts.push(definition);
                }
            }
        }
        if (CREATE.matcher(sql).find()) {
            // The statement may make a view: the views are read again at the next statement.
            views = null;
        }
        for (Table table : Lake.tables()) {
            if (!kept.contains(table) && read.contains(table.tableName())) {
                execute(tableView(table, Lake.keep(connection, lake, table, KEPT + table.tableName(), lakeCache)));
                kept.add(table);
            }
        }
    }

    /** Runs a statement on a statement of its own: DuckDB's driver closes a statement whose execution failed. */
    private void execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static final Pattern CREATE = Pattern.compile("\\bcreate\\b", Pattern.CASE_INSENSITIVE);
    /**
     * A name a statement reads from: after FROM or JOIN. A column named like a table ({@code turns.tool_uses}) is
     * not one; a relation listed after a comma is missed, and then read from the files.
     */
    private static final Pattern READ = Pattern.compile("\\b(?:from|join)\\s+([a-z_][a-z0-9_]*)",
            Pattern.CASE_INSENSITIVE);

    private static boolean hasColumn(Table table, String name) {
        for (io.tokenomics.columnar.Column column : table.columns()) {
            if (column.columnName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The zone's name for DuckDB's ICU: region ids as they are, fixed offsets as {@code Etc/GMT-h} or UTC. */
    static String duckdbZone(ZoneId zone) {
        ZoneId normalized = zone.normalized();
        if (!(normalized instanceof java.time.ZoneOffset offset)) {
            return zone.getId();
        }
        int seconds = offset.getTotalSeconds();
        if (seconds == 0) {
            return "UTC";
        }
        if (seconds % 3600 != 0) {
            throw new IllegalArgumentException("time zone " + zone.getId()
                    + " is a fixed offset that is not a whole hour; use a region such as Asia/Kolkata");
        }
        int hours = seconds / 3600;
        // POSIX-style Etc zones have the sign inverted: UTC+2 is Etc/GMT-2.
        return "Etc/GMT" + (hours > 0 ? "-" : "+") + Math.abs(hours);
    }

    private static String list(List<Path> files) {
        List<String> literals = new ArrayList<>(files.size());
        for (Path file : files) {
            literals.add(DuckDb.literal(file.toString()));
        }
        return "[" + String.join(", ", literals) + "]";
    }

    /** The SQL text of a report resource ({@code daily.sql}, ...). */
    public static String resource(String name) {
        try (InputStream in = QuerySession.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no SQL resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a query; the caller closes the result set's statement through {@link ResultSet#getStatement()}. When an
     * ingest committed since this session opened, the files it replaced are gone: the session then registers the
     * new manifest's files and runs the query again, on the new committed state.
     */
    public ResultSet query(String sql) throws SQLException {
        ResultSet result = run(sql);
        if (result == null) {
            throw new SQLException("not a query: the statement returned no rows");
        }
        return result;
    }

    /**
     * Runs any statement, a query or not ({@code COPY ... TO}, {@code CREATE VIEW}, {@code SET}), reopening like
     * {@link #query}. Returns the result set of a query, or null and leaves the count of changed rows in
     * {@link #lastUpdateCount()}.
     */
    public ResultSet run(String sql) throws SQLException {
        for (int attempt = 1;; attempt++) {
            try {
                return runOnce(sql);
            } catch (SQLException e) {
                // Ingests that commit back to back can replace the files again while the reopened query runs.
                if (!isVanishedFile(e) || attempt == OPEN_ATTEMPTS || !reopen()) {
                    throw e;
                }
            }
        }
    }

    /** The rows changed by the last statement of {@link #run} that was not a query; -1 when it does not say. */
    public long lastUpdateCount() {
        return lastUpdateCount;
    }

    private ResultSet runOnce(String sql) throws SQLException {
        keepLakeTables(sql);
        Statement statement = connection.createStatement();
        try {
            if (statement.execute(sql)) {
                statement.closeOnCompletion();
                return statement.getResultSet();
            }
            lastUpdateCount = statement.getLargeUpdateCount();
            statement.close();
            return null;
        } catch (SQLException e) {
            statement.close();
            throw e;
        }
    }

    private static boolean isVanishedFile(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No files found") || message.contains("Cannot open file")
                || message.contains(MISSING_FILE)
                || message.contains("No such file");
    }

    /**
     * Re-registers the table views over the newest manifest, or a lake's newest listing (a machine compacted its
     * partition: its new file is in place before its old ones go); false when it did not change.
     */
    private boolean reopen() throws SQLException {
        try {
            if (lake != null) {
                LakeListing newest = Lake.list(root);
                // A cached table's file is replaced when another report brings the cache up to date.
                if (newest.files().equals(lake.files()) && lakeCache == null) {
                    return false;
                }
                lake = newest;
                registerTables(root);
                return true;
            }
            Manifest newest = new Dataset(root).tables().orElse(Manifest.empty());
            if (newest.runId().equals(manifest.runId())) {
                return false;
            }
            manifest = newest;
            registerTables(root);
            return true;
        } catch (IOException e) {
            throw new SQLException("cannot reopen the dataset or lake at " + root + ": " + e.getMessage(), e);
        }
    }

    /** The lake the session reads, with what a reader should be told about it; empty for a dataset. */
    public Optional<LakeListing> lake() {
        return Optional.ofNullable(lake);
    }

    public DuckDBConnection connection() {
        return connection;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
