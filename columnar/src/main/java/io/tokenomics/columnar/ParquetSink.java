package io.tokenomics.columnar;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Writes Arrow batches to ZSTD Parquet files through DuckDB: the batch is exported as an Arrow C stream, registered
 * with DuckDB and copied out with {@code COPY ... TO}. No row is copied on the Java side.
 */
public final class ParquetSink {
    private final DuckDBConnection connection;
    private final BufferAllocator allocator;
    private long streams;

    public ParquetSink(DuckDBConnection connection, BufferAllocator allocator) {
        this.connection = connection;
        this.allocator = allocator;
    }

    /** Writes the batch's rows to {@code file}. The batch is sealed here and may be reset once this returns. */
    public void write(RowBatch batch, Path file) throws SQLException {
        String name = "arrow_batch_" + (streams++);
        AutoCloseable registered = ArrowStreams.register(connection, allocator, name,
                new RootReader(allocator, batch.seal()));
        SQLException failure = null;
        try (Statement statement = connection.createStatement()) {
            // COPY must go through execute: executeQuery expects a result set.
            statement.execute("COPY (SELECT * FROM " + name + ") TO " + DuckDb.literal(file.toString())
                    + " (FORMAT PARQUET, COMPRESSION ZSTD)");
        } catch (SQLException e) {
            failure = e;
            throw e;
        } finally {
            try {
                registered.close();
            } catch (Exception e) {
                // A failure to close does not hide the one that failed the copy.
                if (failure == null) {
                    throw new SQLException("closing the Arrow stream of " + file, e);
                }
                failure.addSuppressed(e);
            }
        }
    }
}
