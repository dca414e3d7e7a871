package io.tokenomics.columnar;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The batches of several staging files of one table as one Arrow stream, one batch in memory at a time: what
 * DuckDB scans at commit through the C data interface.
 */
public final class StagedBatches extends ArrowReader {
    private final List<Path> files;
    private final Table table;
    private int next;
    private FileChannel channel;
    private ArrowFileReader current;

    public StagedBatches(BufferAllocator allocator, Table table, List<Path> files) {
        super(allocator);
        this.table = table;
        this.files = List.copyOf(files);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        while (current == null || !current.loadNextBatch()) {
            closeCurrent();
            if (next == files.size()) {
                return false;
            }
            channel = FileChannel.open(files.get(next++));
            current = new ArrowFileReader(channel, allocator);
        }
        try (ArrowRecordBatch batch = new VectorUnloader(current.getVectorSchemaRoot()).getRecordBatch()) {
            loadRecordBatch(batch);
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() throws IOException {
        closeCurrent();
    }

    @Override
    protected Schema readSchema() {
        return table.schema();
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }
}
