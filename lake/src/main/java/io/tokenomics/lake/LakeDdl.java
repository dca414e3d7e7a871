package io.tokenomics.lake;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The statements that declare a lake in an engine: per table, {@code lake_TABLE} over its folder with its columns,
 * types and partition columns, and the view {@code TABLE} that keeps one row per key by the dataset's dedup rule
 * (docs/formats.md, "Dedup"), so that an analyst's SQL over the views counts what tokenomics' reports count.
 */
public final class LakeDdl {
    private LakeDdl() {
    }

    /**
     * The script for {@code engine} over the lake at {@code location}: a path or URI the engine reads
     * ({@code /mnt/lake}, {@code s3a://bucket/lake}, {@code hdfs:///lake}).
     */
    public static String script(Engine engine, String location) {
        String root = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
        StringBuilder s = new StringBuilder();
        s.append("-- The tokenomics lake at ").append(root).append(" (lake format ").append(LakeLayout.FORMAT)
                .append(") for ").append(engine.label()).append(".\n");
        s.append("-- lake_TABLE holds every row as published (a response published from two machines: twice),\n");
        s.append("-- the view TABLE keeps one row per key, as tokenomics' reports count.\n");
        if (engine == Engine.TRINO) {
            s.append("-- Run in the schema tokenomics of a Hive catalog: CREATE SCHEMA hive.tokenomics;")
                    .append(" USE hive.tokenomics;\n-- Times are UTC.\n");
        }
        for (Table table : LakeLayout.TABLES) {
            s.append('\n');
            for (String statement : statements(engine, table, root + "/" + table.tableName())) {
                s.append(statement).append(";\n");
            }
        }
        return s.toString();
    }

    /** One row per key of {@code relation} (a table or view with the table's columns), in the engine's SQL. */
    public static String deduplicated(Engine engine, Table table, String relation) {
        return LakeSql.dedup(table, relation, LakeSql.viewColumns(table, engine), engine);
    }

    /**
     * The condition, over a lake row {@code l} and a candidate row {@code n} of the table, under which the lake
     * already holds {@code n}: a writer adds only the candidates no lake row holds (as publish does).
     */
    public static String held(Engine engine, Table table) {
        return LakeSql.held(table, engine);
    }

    /** The statements of one table, without their semicolons. */
    static List<String> statements(Engine engine, Table table, String folder) {
        String raw = "lake_" + table.tableName();
        List<String> statements = new ArrayList<>();
        List<String> partitions = LakeLayout.partitions(table);
        switch (engine) {
            case DUCKDB -> {
                List<String> types = new ArrayList<>();
                for (String partition : partitions) {
                    types.add("'" + partition + "': VARCHAR");
                }
                String glob = folder + "/*".repeat(partitions.size()) + "/*.parquet";
                statements.add("CREATE OR REPLACE VIEW " + raw + " AS SELECT * FROM read_parquet('" + glob
                        + "', hive_partitioning = true, union_by_name = true, hive_types = {"
                        + String.join(", ", types) + "})");
            }
            case SPARK -> {
                statements.add("CREATE TABLE IF NOT EXISTS " + raw + " (" + columns(engine, table)
                        + ") USING PARQUET PARTITIONED BY (" + String.join(", ", partitions) + ") LOCATION '"
                        + folder + "'");
                statements.add("MSCK REPAIR TABLE " + raw);
            }
            case TRINO -> {
                statements.add("CREATE TABLE IF NOT EXISTS " + raw + " (" + columns(engine, table)
                        + ") WITH (external_location = '" + folder + "', format = 'PARQUET', partitioned_by = ARRAY['"
                        + String.join("', '", partitions) + "'])");
                statements.add("CALL system.sync_partition_metadata('tokenomics', '" + raw + "', 'FULL')");
            }
        }
        statements.add("CREATE OR REPLACE VIEW " + table.tableName() + " AS " + LakeSql.dedup(table, raw,
                LakeSql.viewColumns(table, engine), engine));
        return statements;
    }

    /** The columns of a table's files, then its partition columns, as a declaration lists them. */
    private static String columns(Engine engine, Table table) {
        List<String> declared = new ArrayList<>();
        for (Column column : LakeLayout.fileColumns(table)) {
            declared.add(engine.quote(column.columnName()) + " " + engine.type(column.type()));
        }
        for (String partition : LakeLayout.partitions(table)) {
            declared.add(engine.quote(partition) + " " + engine.text());
        }
        return String.join(", ", declared);
    }
}
