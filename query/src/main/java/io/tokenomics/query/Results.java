package io.tokenomics.query;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Reading values of result sets the way reports need them. */
public final class Results {
    private Results() {
    }

    /**
     * A sum of money that may be NULL (every turn of the group unpriced): read as 0, since the reports count and
     * name the unpriced turns separately. DuckDB's JDBC driver returns NaN, not 0, for a NULL double.
     */
    public static double moneyOrZero(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() || Double.isNaN(value) ? 0 : value;
    }
}
