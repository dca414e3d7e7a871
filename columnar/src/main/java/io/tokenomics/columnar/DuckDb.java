package io.tokenomics.columnar;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.duckdb.DuckDBConnection;

/** Opens the in-process DuckDB that writes and reads the dataset. */
public final class DuckDb {
    static {
        // Every connection of the program is opened here, so this runs before the driver loads.
        FlightRecorderHooks.disableDuckDb();
    }

    private DuckDb() {
    }

    /**
     * An in-memory DuckDB connection. Its temp directory is kept inside the dataset so that spilling stays on the
     * user's disk of choice.
     */
    public static DuckDBConnection openInMemory(int threads) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("threads", Integer.toString(Math.max(1, threads)));
        return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:", properties);
    }

    /** Quotes a string as an SQL literal. */
    public static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
