package io.tokenomics.columnar;

import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.VectorUnloader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.ipc.message.ArrowRecordBatch;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * An {@link ArrowReader} over one filled batch, so that it can be exported as an Arrow C stream. The buffers are
 * shared, not copied: the batch must stay untouched until the stream has been consumed.
 */
final class RootReader extends ArrowReader {
    private final VectorSchemaRoot source;
    private boolean consumed;

    RootReader(BufferAllocator allocator, VectorSchemaRoot source) {
        super(allocator);
        this.source = source;
    }

    @Override
    public boolean loadNextBatch() throws java.io.IOException {
        if (consumed) {
            return false;
        }
        consumed = true;
        prepareLoadNextBatch();
        try (ArrowRecordBatch batch = new VectorUnloader(source).getRecordBatch()) {
            loadRecordBatch(batch);
        }
        return true;
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    protected void closeReadSource() {
        // The source batch belongs to its producer.
    }

    @Override
    protected Schema readSchema() {
        return source.getSchema();
    }
}
