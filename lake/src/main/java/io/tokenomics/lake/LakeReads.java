package io.tokenomics.lake;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** DuckDB's reading of a lake's table files: every copy of every row, then one row per key. */
final class LakeReads {
    private LakeReads() {
    }

    /**
     * Every row of the table's files, with every column of the table (NULL where a file lacks one, as the rejects'
     * sample, which is never published) and the host from the folder names; no month.
     */
    static String raw(Table table, List<Path> files) {
        if (files.isEmpty()) {
            return table.emptySelect();
        }
        List<String> partitions = LakeLayout.partitions(table);
        List<String> types = new ArrayList<>();
        for (String partition : partitions) {
            types.add("'" + partition + "': VARCHAR");
        }
        // No union_by_name: every file of a lake format has the table's columns in one order, and DuckDB then reads
        // the schema of one file instead of every file's at each query.
        String read = "SELECT * FROM read_parquet(" + list(files) + ", hive_partitioning = true,"
                + " hive_types = {" + String.join(", ", types) + "})";
        if (partitions.contains(LakeLayout.MONTH)) {
            read = "SELECT * EXCLUDE (" + LakeLayout.MONTH + ") FROM (" + read + ")";
        }
        return "SELECT * FROM (" + table.emptySelect() + ") UNION ALL BY NAME " + read;
    }

    /** One row per key over the table's files, with every column of the table in its order. */
    static String deduplicated(Table table, List<Path> files) {
        return deduplicated(table, "(" + raw(table, files) + ")");
    }

    /** One row per key over {@code rows}, a parenthesized query with every column of the table. */
    static String deduplicated(Table table, String rows) {
        List<String> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add(Engine.DUCKDB.quote(column.columnName()));
        }
        return LakeSql.dedup(table, rows + " raw", columns, Engine.DUCKDB);
    }

    /**
     * One row per key over the rows of the query {@code kept}, one per key already, and of the query {@code added}:
     * only the keys the added rows have are ranked again, the other kept rows stay as they are.
     */
    static String merged(Table table, String kept, String added) {
        if (table.dedupKey() == null) {
            return deduplicated(table, "(" + kept + " UNION ALL BY NAME " + added + ")");
        }
        String keys = "(SELECT DISTINCT " + LakeSql.key(table, "", Engine.DUCKDB) + " AS lake_key FROM (" + added
                + ")) a ON " + LakeSql.key(table, "k.", Engine.DUCKDB) + " IS NOT DISTINCT FROM a.lake_key";
        return "SELECT * FROM (" + kept + ") k ANTI JOIN " + keys + " UNION ALL BY NAME "
                + deduplicated(table, "(SELECT * FROM (" + kept + ") k SEMI JOIN " + keys + " UNION ALL BY NAME "
                + added + ")");
    }

    /** Makes the temporary table {@code target} of the rows of the query {@code rows}. */
    static void keep(Connection connection, String target, String rows) throws SQLException {
        // A lake's rows have no order of their own (the files' order is the listing's), and keeping the window's
        // output order cost about a third of the time of making the table.
        execute(connection, "SET preserve_insertion_order = false");
        try {
            execute(connection, "CREATE OR REPLACE TEMP TABLE " + target + " AS " + rows);
        } finally {
            execute(connection, "RESET preserve_insertion_order");
        }
    }

    /** Runs a statement on a statement of its own: DuckDB's driver closes a statement whose execution failed. */
    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether DuckDB failed because a file it was given is gone (a machine compacted its partition). */
    static boolean vanished(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("No files found") || message.contains("Cannot open file")
                || message.contains("No such file");
    }

    /** A list of paths as a DuckDB list literal. */
    static String list(List<Path> files) {
        List<String> literals = new ArrayList<>(files.size());
        for (Path file : files) {
            literals.add(DuckDb.literal(file.toString()));
        }
        return "[" + String.join(", ", literals) + "]";
    }
}
