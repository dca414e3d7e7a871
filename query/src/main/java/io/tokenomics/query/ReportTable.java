package io.tokenomics.query;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The rows of one report section. Values are plain Java types, whatever the SQL type: {@code Long} for integers,
 * {@code Double} for other numbers, {@code Instant} for timestamps, {@code LocalDate}, {@code String},
 * {@code Boolean}, {@code List} for SQL lists, and null.
 */
public record ReportTable(String name, String title, List<String> columns, List<List<Object>> rows) {

    public ReportTable {
        columns = List.copyOf(columns);
        rows = Collections.unmodifiableList(new ArrayList<>(rows));
    }

    static ReportTable read(String name, String title, ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        int n = meta.getColumnCount();
        List<String> columns = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            columns.add(meta.getColumnLabel(i));
        }
        List<List<Object>> rows = new ArrayList<>();
        while (rs.next()) {
            Object[] row = new Object[n];
            for (int i = 1; i <= n; i++) {
                row[i - 1] = value(rs, i, meta.getColumnType(i));
            }
            rows.add(Collections.unmodifiableList(Arrays.asList(row)));
        }
        return new ReportTable(name, title, columns, rows);
    }

    private static Object value(ResultSet rs, int i, int sqlType) throws SQLException {
        if (sqlType == Types.TIMESTAMP_WITH_TIMEZONE) {
            OffsetDateTime ts = rs.getObject(i, OffsetDateTime.class);
            return ts == null ? null : ts.toInstant();
        }
        if (sqlType == Types.DATE) {
            return rs.getObject(i, LocalDate.class);
        }
        return plain(rs.getObject(i));
    }

    private static Object plain(Object value) throws SQLException {
        if (value instanceof Integer || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float || value instanceof BigDecimal) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof Array array) {
            List<Object> items = new ArrayList<>();
            for (Object item : (Object[]) array.getArray()) {
                items.add(plain(item));
            }
            return Collections.unmodifiableList(items);
        }
        return value;
    }
}
