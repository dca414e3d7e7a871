package io.tokenomics.lake;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.Table;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where things are in a lake, and what its files are called (docs/architecture.md, "The lake").
 *
 * <pre>
 *   LAKE/tokenomics-lake.json                                the lake's format; a folder without it is no lake
 *   LAKE/hosts/HOST.publisher                                 which machine publishes under that host name
 *   LAKE/turns/host=HOST/month=YYYY-MM/v1-PUB-STAMP-N.parquet  one folder per table, Hive partitions
 *   LAKE/rejects/host=HOST/v1-PUB-STAMP-N.parquet             tables without a time: host only
 *   LAKE/.staging-PUB-STAMP/                                  a publish in progress; renamed into place file by file
 * </pre>
 *
 * Host comes first so that each machine writes under a folder of its own (a bucket's permissions can be given per
 * prefix); the month of the row's time (UTC) prunes the usual questions, which ask about a period.
 */
final class LakeLayout {
    /** The lake's format: the layout, the tables and their columns. Written in every file name. */
    static final int FORMAT = 1;
    static final String VERSION_FILE = "tokenomics-lake.json";
    static final String HOSTS = "hosts";
    static final String CLAIM_SUFFIX = ".publisher";
    static final String STAGING_PREFIX = ".staging-";
    static final String HOST = "host";
    static final String MONTH = "month";

    /**
     * The tables a lake holds. Not the token histograms, which are counted per machine and cannot be deduplicated
     * across machines, nor the files table, which is one machine's ingest bookkeeping.
     */
    static final List<Table> TABLES = List.of(Table.TURNS, Table.TOOL_USES, Table.TOOL_RESULTS, Table.PROMPTS,
            Table.COMPACTIONS, Table.REJECTS);

    /** {@code v1-0123456789ab-20261101T101500123Z-0.parquet}: format, publisher, publish time, DuckDB's number. */
    private static final Pattern DATA_FILE =
            Pattern.compile("v(\\d+)-([0-9a-f]{12})-(\\d{8}T\\d{9}Z)-(\\d+)\\.parquet");

    private LakeLayout() {
    }

    /** The content of {@link #VERSION_FILE}: the format, and each table's partition columns for a reader. */
    static String versionJson() {
        StringBuilder json = new StringBuilder("{\"format\": " + FORMAT + ", \"tables\": {");
        for (Table table : TABLES) {
            json.append(table == TABLES.get(0) ? "" : ", ").append('"').append(table.tableName())
                    .append("\": {\"partitions\": [\"").append(String.join("\", \"", partitions(table)))
                    .append("\"]}");
        }
        return json.append("}}\n").toString();
    }

    /** The Hive partition columns of a table's folder, outermost first. */
    static List<String> partitions(Table table) {
        return table.column("ts") != null ? List.of(HOST, MONTH) : List.of(HOST);
    }

    /**
     * The columns a table's files hold: every column but the partition columns, which are in the folder names, and
     * the rejects' sample, which may hold a prompt or a secret and never leaves the machine.
     */
    static List<Column> fileColumns(Table table) {
        List<Column> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            if (!column.columnName().equals(HOST) && !(table == Table.REJECTS
                    && column.columnName().equals("sample"))) {
                columns.add(column);
            }
        }
        return columns;
    }

    /** The name of a data file. */
    static String dataFileName(String publisher, String stamp, String number) {
        return "v" + FORMAT + "-" + publisher + "-" + stamp + "-" + number + ".parquet";
    }

    /** The parts of a data file's name, or null when the name is not one publish gives. */
    static DataFileName parse(Path file) {
        Matcher m = DATA_FILE.matcher(file.getFileName().toString());
        return m.matches() ? new DataFileName(Integer.parseInt(m.group(1)), m.group(2)) : null;
    }

    /** What a data file's name says: the format it was written in, and the machine that published it. */
    record DataFileName(int format, String publisher) {
    }

    /** Whether a name is hidden from every engine that reads a folder as a table (Spark, Trino, Hive). */
    static boolean hidden(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") || name.startsWith("_");
    }
}
