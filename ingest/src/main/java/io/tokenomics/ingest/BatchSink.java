package io.tokenomics.ingest;

import io.tokenomics.columnar.ParquetSink;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import org.apache.arrow.memory.BufferAllocator;
import org.duckdb.DuckDBConnection;

/**
 * Writes full batches to staging Parquet files on a thread of its own while the workers go on scanning. Each table
 * has a fixed pool of batches: a worker that hands one off takes an empty one, and waits when all are in flight, so
 * memory stays bounded whatever the corpus size.
 */
final class BatchSink implements AutoCloseable {
    private final BufferAllocator allocator;
    private final Path staging;
    private final Future<DuckDBConnection> connection;
    private final Map<Table, BlockingQueue<RowBatch>> pools = new EnumMap<>(Table.class);
    private final Map<Table, Integer> created = new EnumMap<>(Table.class);
    private final Map<Table, Integer> written = new EnumMap<>(Table.class);
    private final int poolSize;
    private final int capacity;
    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile Throwable failure;

    BatchSink(BufferAllocator allocator, Path staging, Future<DuckDBConnection> connection, int poolSize,
            int capacity) {
        this.allocator = allocator;
        this.staging = staging;
        this.connection = connection;
        this.poolSize = poolSize;
        this.capacity = capacity;
        for (Table table : Table.values()) {
            pools.put(table, new ArrayBlockingQueue<>(poolSize));
            created.put(table, 0);
            written.put(table, 0);
        }
        thread = new Thread(this::drain, "tokenomics-parquet-sink");
        thread.setDaemon(true);
        thread.start();
    }

    /** An empty batch of the table, from the pool; waits while every batch of the table is being written. */
    RowBatch take(Table table) {
        BlockingQueue<RowBatch> pool = pools.get(table);
        RowBatch batch = pool.poll();
        if (batch != null) {
            return batch;
        }
        synchronized (created) {
            int n = created.get(table);
            if (n < poolSize) {
                created.put(table, n + 1);
                return new RowBatch(table, allocator, capacity);
            }
        }
        try {
            return pool.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a free batch", e);
        }
    }

    /** Queues a full batch for writing and returns an empty one in its place. */
    RowBatch handOff(RowBatch full) {
        queue.add(full);
        return take(full.table());
    }

    /** Queues a worker's last batch of a table, or returns it to the pool when it is empty. */
    void handOffLast(RowBatch batch) {
        if (batch.isEmpty()) {
            pools.get(batch.table()).add(batch);
        } else {
            queue.add(batch);
        }
    }

    /** Waits until every queued batch is written. Throws what the writer thread failed with, if anything. */
    void finish() throws IOException {
        queue.add(this);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while writing staging files", e);
        }
        if (failure != null) {
            throw new IOException("writing staging Parquet failed: " + failure.getMessage(), failure);
        }
    }

    /** How many staging files were written for the table. */
    int filesWritten(Table table) {
        return written.get(table);
    }

    private void drain() {
        ParquetSink sink = null;
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                failure = e;
                return;
            }
            if (item == this) {
                return;
            }
            RowBatch batch = (RowBatch) item;
            try {
                if (failure == null) {
                    if (sink == null) {
                        sink = new ParquetSink(connection.get(), allocator);
                    }
                    Table table = batch.table();
                    int n = written.get(table);
                    Path dir = staging.resolve(table.tableName());
                    Files.createDirectories(dir);
                    sink.write(batch, dir.resolve(String.format("part-%05d.parquet", n)));
                    written.put(table, n + 1);
                }
            } catch (Exception | Error e) {
                failure = e;
            } finally {
                batch.reset();
                pools.get(batch.table()).add(batch);
            }
        }
    }

    @Override
    public void close() {
        for (BlockingQueue<RowBatch> pool : pools.values()) {
            for (RowBatch batch : pool) {
                batch.close();
            }
            pool.clear();
        }
    }
}
