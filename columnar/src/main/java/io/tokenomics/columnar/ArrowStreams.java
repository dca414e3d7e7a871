package io.tokenomics.columnar;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.arrow.c.ArrowArrayStream;
import org.apache.arrow.c.Data;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;

/** Hands Arrow readers to DuckDB through the C stream interface, as tables a query can scan once. */
public final class ArrowStreams {
    private ArrowStreams() {
    }

    /**
     * Registers {@code reader} under {@code name} on the connection. Close the result after the query that scans
     * it: that frees the C stream and the reader.
     */
    public static AutoCloseable register(DuckDBConnection connection, BufferAllocator allocator, String name,
            ArrowReader reader) {
        ArrowArrayStream stream = ArrowArrayStream.allocateNew(allocator);
        try {
            Data.exportArrayStream(allocator, reader, stream);
            connection.registerArrowStream(name, stream);
        } catch (RuntimeException e) {
            stream.close();
            closeReader(reader);
            throw e;
        }
        return () -> {
            stream.close();
            closeReader(reader);
        };
    }

    private static void closeReader(ArrowReader reader) {
        try {
            reader.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
