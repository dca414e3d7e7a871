package io.tokenomics.ingest;

import io.tokenomics.columnar.ArrowStreams;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.StagedBatches;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Merges a run's staging files with the committed files they touch into a new Parquet file per table, applying the
 * global dedup of DESIGN.md section 3 across files and across runs: one row per {@code message.id} (a main-chain
 * line first, then the most output, then the most tokens, then the earliest position); tool calls by
 * {@code tool_use_id}; prompts and compactions by line {@code uuid}. Rows of files that are read again from the
 * start are dropped first.
 */
final class Committer {
    /**
     * A table with this many files is merged into one by the next run that writes it: each run that adds rows adds a
     * file, and a report opens every file.
     */
    static final int MAX_FILES = 16;
    /** The dedup key of a turn: the response id, or its place for a line without one. */
    private static final String TURN_KEY = "coalesce(message_id, file || '#' || line_offset)";

    private final DuckDBConnection connection;
    private final BufferAllocator allocator;
    private final Path dataRoot;
    private final String runId;

    Committer(DuckDBConnection connection, BufferAllocator allocator, Path dataRoot, String runId) {
        this.connection = connection;
        this.allocator = allocator;
        this.dataRoot = dataRoot;
        this.runId = runId;
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
        registerReread(rereadFiles);
        String stream = "staged_" + table.tableName();
        String stagedRows = null;
        List<String> touched = committed;
        if (!committed.isEmpty()) {
            if (hasStaged) {
                // The staged stream can be scanned once; the keys it brings are needed twice.
                stagedRows = "staged_rows_" + table.tableName();
                executeOverStaged(table, staged, stream,
                        List.of("CREATE OR REPLACE TEMP TABLE " + stagedRows + " AS SELECT * FROM " + stream));
            }
            touched = committed.size() >= MAX_FILES ? committed : touchedFiles(table, committed, stagedRows);
            if (touched.isEmpty() && !hasStaged) {
                return committed;
            }
        }
        List<String> sources = new ArrayList<>();
        // Every table gets a file, empty or not, so that its folder always reads as a table with its schema.
        sources.add(table.emptySelect());
        if (!touched.isEmpty()) {
            sources.add("SELECT * FROM read_parquet(" + list(touched) + ", union_by_name = true)"
                    + " WHERE file NOT IN (SELECT path FROM reread_files)");
        }
        if (stagedRows != null) {
            sources.add("SELECT * FROM " + stagedRows);
        } else if (hasStaged) {
            sources.add("SELECT * FROM " + stream);
        }
        String candidates = String.join(" UNION ALL BY NAME ", sources);
        String relative = table.tableName() + "/" + runId + ".parquet";
        Path target = dataRoot.resolve(relative);
        Files.createDirectories(target.getParent());
        String select = switch (table) {
            case TURNS -> turns(candidates);
            case TOOL_USES, TOOL_RESULTS -> firstPer("tool_use_id", candidates);
            case PROMPTS, COMPACTIONS -> firstPer("uuid", candidates);
            default -> "SELECT * FROM (" + candidates + ")";
        };
        // Level 1: the commit writes every row of a table, and level 3 costs a third more time for files about a
        // tenth smaller (measured on a 1 GB corpus). Row groups of 32 Ki rows: DuckDB's writer holds a row group per
        // thread, and at its default (122,880 rows) the 400k turns of a 4 GB corpus pressed on the memory cap: 2.4 s
        // and 390 MB for what takes 1.1 s and 295 MB in smaller groups.
        List<String> statements = new ArrayList<>();
        statements.add("COPY (" + select + ") TO " + DuckDb.literal(target.toString())
                + " (FORMAT PARQUET, COMPRESSION ZSTD, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE 32768)");
        if (stagedRows != null) {
            statements.add("DROP TABLE " + stagedRows);
        }
        executeOverStaged(table, hasStaged && stagedRows == null ? staged : null, stream, statements);
        List<String> files = new ArrayList<>(committed);
        files.removeAll(touched);
        files.add(relative);
        return files;
    }

    /**
     * Runs the statements with the table's staged batches registered as {@code stream}, a stream that can be scanned
     * once (none registered when {@code staged} is null).
     */
    private void executeOverStaged(Table table, List<Path> staged, String stream, List<String> statements)
            throws IOException, SQLException {
        try (AutoCloseable registered = staged == null ? null : ArrowStreams.register(connection, allocator, stream,
                new StagedBatches(allocator, table, staged));
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException | IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("closing the staged batches of " + table.tableName(), e);
        }
    }

    /**
     * The committed files that hold a key among the staged rows ({@code stagedRows}, null for none) or a row of a
     * file read again from the start.
     */
    private List<String> touchedFiles(Table table, List<String> committed, String stagedRows) throws SQLException {
        String key = switch (table) {
            case TURNS -> TURN_KEY;
            case TOOL_USES, TOOL_RESULTS -> "tool_use_id";
            case PROMPTS, COMPACTIONS -> "uuid";
            default -> null;
        };
        String condition = "file IN (SELECT path FROM reread_files)";
        if (key != null && stagedRows != null) {
            condition += " OR " + key + " IN (SELECT " + key + " FROM " + stagedRows + ")";
        }
        Map<String, String> relativeOf = new HashMap<>();
        for (String relative : committed) {
            relativeOf.put(dataRoot.resolve(relative).toString(), relative);
        }
        List<String> touched = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT DISTINCT filename FROM read_parquet("
                     + list(committed) + ", union_by_name = true, filename = true) WHERE " + condition)) {
            while (rs.next()) {
                String relative = relativeOf.get(rs.getString(1));
                if (relative == null) {
                    throw new SQLException("DuckDB named a file the commit did not read: " + rs.getString(1));
                }
                touched.add(relative);
            }
        }
        return touched;
    }

    /** The rows in the given files, from their Parquet footers. */
    long rows(List<String> relativeFiles) throws SQLException {
        if (relativeFiles.isEmpty()) {
            return 0;
        }
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery(
                     "SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(" + list(relativeFiles) + ")")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * One row per response. The content measures (tool uses, text and thinking characters) of the candidates of one
     * response in one file are summed: a response's lines can fall into two segments or two runs of a growing file.
     * Copies in other files (resumed or forked sessions) are not added.
     *
     * <p>Few keys repeat here (the scan already folded the streamed copies of a response within a file), so only the
     * rows of repeated keys go through the windows; the rest pass through an anti join. Windows over every row, with
     * every column as payload, took 2.7 s of the commit of a 4 GB corpus (memory capped at 256 MB); split, 1.0 s.
     * The candidates are materialized once: a staged stream can be scanned only once.
     */
    private static String turns(String candidates) {
        return "WITH keyed AS MATERIALIZED (SELECT *, " + TURN_KEY + " AS dedup_key"
                + "   FROM (" + candidates + ")),"
                + " repeated AS (SELECT dedup_key FROM keyed GROUP BY dedup_key HAVING count(*) > 1),"
                + " summed AS (SELECT * REPLACE ("
                + "   CAST(sum(tool_uses) OVER per_file AS BIGINT) AS tool_uses,"
                + "   CAST(sum(text_chars) OVER per_file AS BIGINT) AS text_chars,"
                + "   CAST(sum(thinking_chars) OVER per_file AS BIGINT) AS thinking_chars)"
                + "  FROM (SELECT * FROM keyed SEMI JOIN repeated USING (dedup_key))"
                + "  WINDOW per_file AS (PARTITION BY dedup_key, file))"
                + " SELECT * EXCLUDE (dedup_key) FROM keyed ANTI JOIN repeated USING (dedup_key)"
                + " UNION ALL BY NAME"
                + " SELECT * EXCLUDE (dedup_key) FROM summed"
                + " QUALIFY row_number() OVER (PARTITION BY dedup_key ORDER BY is_sidechain, output_tokens DESC,"
                + "   input_tokens + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens"
                + "   + cache_read_tokens DESC, file, line_offset) = 1";
    }

    /** The first row (by file and position) of each non-null key; rows without a key all stay. Split as in turns. */
    private static String firstPer(String key, String candidates) {
        return "WITH candidates AS MATERIALIZED (" + candidates + "),"
                + " repeated AS (SELECT " + key + " FROM candidates WHERE " + key + " IS NOT NULL"
                + "   GROUP BY " + key + " HAVING count(*) > 1)"
                + " SELECT * FROM candidates ANTI JOIN repeated USING (" + key + ")"
                + " UNION ALL BY NAME"
                + " SELECT * FROM (SELECT * FROM candidates SEMI JOIN repeated USING (" + key + "))"
                + " QUALIFY row_number() OVER (PARTITION BY " + key + " ORDER BY file, line_offset) = 1";
    }

    private void registerReread(Collection<String> rereadFiles) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE reread_files (path VARCHAR)");
        }
        if (rereadFiles.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reread_files VALUES (?)")) {
            for (String path : rereadFiles) {
                insert.setString(1, path);
                insert.addBatch();
            }
            insert.executeBatch();
        }
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
