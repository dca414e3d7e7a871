package io.tokenomics.columnar;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorLoader;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileWriter;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;

/**
 * An Arrow IPC file that a scanning worker appends its full batches to: a copy of the buffers into the page cache,
 * no encoding, no compression, no DuckDB on the scan path. {@link StagedBatches} reads them back at commit.
 */
public final class StagingFile implements AutoCloseable {
    private final FileChannel channel;
    private final VectorSchemaRoot root;
    private final ArrowFileWriter writer;
    private long rows;

    public StagingFile(Path file, Table table, BufferAllocator allocator) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        root = VectorSchemaRoot.create(table.schema(), allocator);
        writer = new ArrowFileWriter(root, null, channel);
        writer.start();
    }

    /** Writes the batch's rows; the batch may be reset as soon as this returns. */
    public void append(RowBatch batch) throws IOException {
        VectorSchemaRoot source = batch.seal();
        try (ArrowRecordBatch buffers = new VectorUnloader(source).getRecordBatch()) {
            new VectorLoader(root).load(buffers);
        }
        writer.writeBatch();
        rows += batch.rowCount();
    }

    public long rows() {
        return rows;
    }

    @Override
    public void close() throws IOException {
        try {
            writer.end();
            writer.close();
        } finally {
            root.close();
            channel.close();
        }
    }
}
