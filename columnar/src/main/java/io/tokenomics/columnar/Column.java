package io.tokenomics.columnar;

/**
 * A column of a dataset table. Implemented by one enum per table, so that a column's index in its batch is its
 * ordinal and its name is fixed at compile time.
 */
public interface Column {
    ColumnType type();

    int ordinal();

    /** The column name in Parquet and SQL: the enum constant in lower case. */
    default String columnName() {
        return ((Enum<?>) this).name().toLowerCase(java.util.Locale.ROOT);
    }
}
