package io.tokenomics.lake;

import io.tokenomics.columnar.ColumnType;

/** A SQL engine that reads the lake: how it names types and quotes names. */
public enum Engine {
    DUCKDB, SPARK, TRINO;

    /** The engine's name on the command line. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The engine of that name, or null. */
    public static Engine byLabel(String label) {
        for (Engine engine : values()) {
            if (engine.label().equals(label)) {
                return engine;
            }
        }
        return null;
    }

    /** The type of a string in a cast. */
    String text() {
        return this == SPARK ? "STRING" : "VARCHAR";
    }

    /**
     * A column's name as a statement writes it: quoted always, since {@code user} is a reserved word in some
     * engines' dialects (Trino's, ANSI mode's).
     */
    String quote(String name) {
        return this == SPARK ? "`" + name + "`" : "\"" + name + "\"";
    }

    /** A column type as a table declaration writes it; Trino's Hive tables take times without a zone (UTC). */
    String type(ColumnType type) {
        return switch (type) {
            case STRING -> text();
            case INT64 -> "BIGINT";
            case FLOAT64 -> "DOUBLE";
            case BOOL -> "BOOLEAN";
            case DATE -> "DATE";
            case TIMESTAMP -> switch (this) {
                case DUCKDB -> "TIMESTAMPTZ";
                case SPARK -> "TIMESTAMP";
                case TRINO -> "TIMESTAMP(6)";
            };
        };
    }
}
