package io.tokenomics.commit;

import io.tokenomics.columnar.KeyCandidates;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.StagingFile;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One worker's staging files, one Arrow IPC file per table ({@code STAGING/<table>/w<worker>.arrow}), opened when
 * the first batch of the table is full. Writing one is a copy into the page cache, so the worker hands off a full
 * batch, resets it and goes on: one batch per table per worker, whatever the corpus size. It also keeps a record
 * of each keyed row it staged, from which the commit decides the dedup ({@link KeyCandidates}). The scan's side of
 * the staging folder that {@link Commit#staging} names.
 */
public final class WorkerStaging implements AutoCloseable {
    private final Path staging;
    private final int worker;
    private final BufferAllocator allocator;
    private final Map<Table, StagingFile> files = new EnumMap<>(Table.class);
    private final KeyCandidates keyCandidates = new KeyCandidates();

    /** The staging files of worker number {@code worker} of a run, in the run's existing {@code staging} folder. */
    public WorkerStaging(Path staging, int worker, BufferAllocator allocator) {
        this.staging = staging;
        this.worker = worker;
        this.allocator = allocator;
    }

    /** Appends the batch's rows to the table's staging file and resets the batch. */
    public void append(RowBatch batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            StagingFile file = files.get(batch.table());
            if (file == null) {
                Path dir = staging.resolve(batch.table().tableName());
                // Not createDirectories: a staging folder removed under a stopping run is not made again.
                try {
                    Files.createDirectory(dir);
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // Another worker made it first.
                }
                file = new StagingFile(dir.resolve("w" + worker + ".arrow"), batch.table(), allocator);
                files.put(batch.table(), file);
            }
            keyCandidates.add(batch.table(), batch.seal());
            file.append(batch);
        } catch (IOException e) {
            throw new UncheckedIOException("writing staging file of " + batch.table().tableName(), e);
        }
        batch.reset();
    }

    /** The records of every keyed row staged so far. */
    public KeyCandidates keyCandidates() {
        return keyCandidates;
    }

    /** The worker that wrote a staging file: its name is {@code w<worker>.arrow}. */
    static int workerOf(Path file) {
        String name = file.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.length() - ".arrow".length()));
    }

    @Override
    public void close() throws IOException {
        IOException first = null;
        for (StagingFile file : files.values()) {
            try {
                file.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        files.clear();
        if (first != null) {
            throw first;
        }
    }
}
