package io.tokenomics.lake;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import java.nio.file.Path;
import java.sql.SQLException;
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
        List<String> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            columns.add(Engine.DUCKDB.quote(column.columnName()));
        }
        return LakeSql.dedup(table, "(" + raw(table, files) + ") raw", columns, Engine.DUCKDB);
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
