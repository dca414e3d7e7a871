package io.tokenomics.lake;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of the lake's dedup, written once for every engine: the key a row shares with its copies, the order that
 * picks the kept one (docs/formats.md, "Dedup"), the view that keeps it, and the test publish uses to leave out a
 * row the lake already holds as well. Only what is portable between DuckDB, Spark and Trino is used: no QUALIFY, no
 * column exclusion, explicit {@code NULLS LAST} (Spark sorts nulls first by default).
 */
final class LakeSql {
    /** The rank column of the dedup view's inner query. */
    private static final String RANK = "lake_rank";

    private LakeSql() {
    }

    /** The column the rows' place is read from beside the file: rejects have a byte offset, the others a line's. */
    private static String offsetColumn(Table table) {
        return table == Table.REJECTS ? "byte_offset" : "line_offset";
    }

    /**
     * The key of a row of {@code alias} (with a dot, or empty): its dedup column, else its place (file and offset),
     * so that rows without a key are never merged but with the copies of the same line.
     */
    static String key(Table table, String alias, Engine engine) {
        String place = alias + "file || '#' || CAST(" + alias + offsetColumn(table) + " AS " + engine.text() + ")";
        Column key = table.dedupKey();
        return key == null ? place : "coalesce(" + alias + key.columnName() + ", " + place + ")";
    }

    /** The order of a key's candidates, the kept one first. */
    static String order(Table table, Engine engine) {
        String position = "file ASC NULLS LAST, " + offsetColumn(table) + " ASC NULLS LAST, host ASC NULLS LAST";
        if (table != Table.TURNS) {
            return position;
        }
        return "is_sidechain ASC NULLS LAST, output_tokens DESC NULLS LAST, " + total("") + " DESC NULLS LAST, "
                + position;
    }

    private static String total(String alias) {
        return "(" + alias + "input_tokens + " + alias + "output_tokens + " + alias + "cache_write_5m_tokens + "
                + alias + "cache_write_1h_tokens + " + alias + "cache_read_tokens)";
    }

    /**
     * The deduplicated rows of {@code raw} (a relation with every column of the table), with {@code columns} in this
     * order; every row of the rejects, which have no key.
     */
    static String dedup(Table table, String raw, List<String> columns, Engine engine) {
        String select = String.join(", ", columns);
        if (table.dedupKey() == null) {
            return "SELECT " + select + " FROM " + raw;
        }
        return "SELECT " + select + " FROM (SELECT *, row_number() OVER (PARTITION BY " + key(table, "", engine)
                + " ORDER BY " + order(table, engine) + ") AS " + RANK + " FROM " + raw + ") ranked WHERE " + RANK
                + " = 1";
    }

    /**
     * True when the row {@code n} would be kept over the row {@code l} of the same key for a reason other than its
     * place: a main-chain turn over a sidechain one, more output, more tokens. Publish sends a row only when it wins
     * so over every row of its key in the lake; a tie is the same response again.
     */
    static String beats(Table table) {
        if (table != Table.TURNS) {
            return "false";
        }
        String chainN = "CASE WHEN n.is_sidechain IS NULL THEN 2 WHEN n.is_sidechain THEN 1 ELSE 0 END";
        String chainL = "CASE WHEN l.is_sidechain IS NULL THEN 2 WHEN l.is_sidechain THEN 1 ELSE 0 END";
        String outN = "coalesce(n.output_tokens, -1)";
        String outL = "coalesce(l.output_tokens, -1)";
        String totalN = "coalesce(" + total("n.") + ", -1)";
        String totalL = "coalesce(" + total("l.") + ", -1)";
        return "(" + chainN + " < " + chainL + " OR (" + chainN + " = " + chainL + " AND (" + outN + " > " + outL
                + " OR (" + outN + " = " + outL + " AND " + totalN + " > " + totalL + "))))";
    }

    /**
     * True when the lake row {@code l} makes the candidate row {@code n} of the same table needless: the same key,
     * and {@code n} not kept over it by the dedup rule. A writer adds {@code n} only when no lake row holds it so.
     */
    static String held(Table table, Engine engine) {
        return key(table, "l.", engine) + " = " + key(table, "n.", engine) + " AND NOT " + beats(table);
    }

    /** The names of a table's columns in the lake's views: every column of the table, the partition ones included. */
    static List<String> viewColumns(Table table, Engine engine) {
        List<String> names = new ArrayList<>();
        for (Column column : table.columns()) {
            if (table == Table.REJECTS && column.columnName().equals("sample")) {
                continue;
            }
            names.add(engine.quote(column.columnName()));
        }
        return names;
    }
}
