package io.tokenomics.columnar;

import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/** The tables of the dataset. Each is a folder of Parquet files under the data directory. */
public enum Table {
    TURNS(TurnColumn.values()),
    TOOL_USES(ToolUseColumn.values()),
    TOOL_RESULTS(ToolResultColumn.values()),
    PROMPTS(PromptColumn.values()),
    COMPACTIONS(CompactionColumn.values()),
    TOKEN_HISTOGRAMS(HistogramColumn.values()),
    REJECTS(RejectColumn.values()),
    FILES(FileColumn.values());

    private final Column[] columns;

    Table(Column[] columns) {
        this.columns = columns;
    }

    /** The table's name in SQL and its folder name in the dataset. */
    public String tableName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The table of that name, or null. */
    public static Table byName(String name) {
        for (Table table : values()) {
            if (table.tableName().equals(name)) {
                return table;
            }
        }
        return null;
    }

    /** The column of that name, or null. */
    public Column column(String name) {
        for (Column column : columns) {
            if (column.columnName().equals(name)) {
                return column;
            }
        }
        return null;
    }

    public Column[] columns() {
        return columns.clone();
    }

    public int columnCount() {
        return columns.length;
    }

    public Schema schema() {
        return Schemas.OF_TABLE[ordinal()];
    }

    /**
     * The tables' Arrow schemas, made when first asked for: Arrow's {@code Schema} class sets up a Jackson object
     * mapper when it is initialized, a long stretch of interpreted code that the reports (which read Parquet through
     * DuckDB and only need the tables' names and columns) would otherwise pay at every start.
     */
    private static final class Schemas {
        static final Schema[] OF_TABLE = new Schema[Table.values().length];

        static {
            for (Table table : Table.values()) {
                List<Field> fields = new ArrayList<>(table.columns.length);
                for (Column column : table.columns) {
                    fields.add(new Field(column.columnName(), FieldType.nullable(column.type().arrowType()), null));
                }
                OF_TABLE[table.ordinal()] = new Schema(fields);
            }
        }
    }

    /**
     * The column whose value a row shares with the other copies of the same thing (docs/formats.md, "Dedup"): the
     * response id of a turn, the tool call id of a tool use or result, the line uuid of a prompt or compaction; null
     * for tables without dedup. Rows with no value in it are never merged.
     */
    public Column dedupKey() {
        return switch (this) {
            case TURNS -> TurnColumn.MESSAGE_ID;
            case TOOL_USES -> ToolUseColumn.TOOL_USE_ID;
            case TOOL_RESULTS -> ToolResultColumn.TOOL_USE_ID;
            case PROMPTS -> PromptColumn.UUID;
            case COMPACTIONS -> CompactionColumn.UUID;
            case TOKEN_HISTOGRAMS, REJECTS, FILES -> null;
        };
    }

    /** A SQL query with the table's columns and types and no rows. */
    public String emptySelect() {
        List<String> select = new ArrayList<>();
        for (Column column : columns) {
            String type = switch (column.type()) {
                case STRING -> "VARCHAR";
                case INT64 -> "BIGINT";
                case FLOAT64 -> "DOUBLE";
                case BOOL -> "BOOLEAN";
                case TIMESTAMP -> "TIMESTAMPTZ";
                case DATE -> "DATE";
            };
            select.add("NULL::" + type + " AS " + column.columnName());
        }
        return "SELECT " + String.join(", ", select) + " WHERE false";
    }
}
