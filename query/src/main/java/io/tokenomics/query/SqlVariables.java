package io.tokenomics.query;

import io.tokenomics.columnar.DuckDb;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named DuckDB variables a report's SQL reads with {@code getvariable('name')}. Kept as SQL literals so the same
 * values can be set on a connection or printed as {@code SET VARIABLE} statements a user pastes before the SQL.
 */
public final class SqlVariables {
    private final Map<String, String> literals = new LinkedHashMap<>();

    public SqlVariables date(String name, LocalDate value) {
        return put(name, value == null ? "NULL::DATE" : "DATE '" + value + "'");
    }

    public SqlVariables text(String name, String value) {
        return put(name, value == null ? "NULL::VARCHAR" : DuckDb.literal(value));
    }

    /** A list of strings ({@code ['claude', 'codex']}); null for NULL. */
    public SqlVariables texts(String name, List<String> values) {
        if (values == null) {
            return put(name, "NULL::VARCHAR[]");
        }
        List<String> literals = new ArrayList<>(values.size());
        values.forEach(value -> literals.add(DuckDb.literal(value)));
        return put(name, "[" + String.join(", ", literals) + "]::VARCHAR[]");
    }

    public SqlVariables integer(String name, Long value) {
        return put(name, value == null ? "NULL::BIGINT" : value.toString());
    }

    public SqlVariables decimal(String name, Double value) {
        if (value != null && !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be a finite number, not " + value);
        }
        return put(name, value == null ? "NULL::DOUBLE" : BigDecimal.valueOf(value).toPlainString() + "::DOUBLE");
    }

    private SqlVariables put(String name, String literal) {
        literals.put(name, literal);
        return this;
    }

    /** Sets every variable on the session's connection. */
    public void apply(QuerySession session) throws SQLException {
        try (Statement statement = session.connection().createStatement()) {
            for (Map.Entry<String, String> e : literals.entrySet()) {
                statement.execute(assignment(e));
            }
        }
    }

    /** One {@code SET VARIABLE name = value;} line per variable, in the order they were added. */
    public String script() {
        StringBuilder s = new StringBuilder();
        for (Map.Entry<String, String> e : literals.entrySet()) {
            s.append(assignment(e)).append(";\n");
        }
        return s.toString();
    }

    private static String assignment(Map.Entry<String, String> e) {
        return "SET VARIABLE " + e.getKey() + " = " + e.getValue();
    }
}
