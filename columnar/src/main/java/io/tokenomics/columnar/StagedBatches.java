package io.tokenomics.columnar;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The batches of several staging files of one table as one Arrow stream, one batch in memory at a time: what
 * DuckDB scans at commit through the C data interface. A flagged stream ({@link #flagged}) carries one more column,
 * {@value #REPEATED}: whether the row's dedup key is among a set of repeated key hashes ({@link KeyHashes}); the
 * stream of {@link #repeatedOnly} holds only those rows, and no flag.
 */
public final class StagedBatches extends ArrowReader {
    /** The name of the flag column of a flagged stream. */
    public static final String REPEATED = "dedup_repeated";

    private final List<Path> files;
    private final Table table;
    private final KeyHashes.Repeated repeated;
    private final boolean repeatedOnly;
    /** The rows of the current batch whose key is a repeated one, in order: {@link #findRepeated}. */
    private int[] repeatedRows = new int[0];
    private int next;
    private FileChannel channel;
    private ArrowFileReader current;

    public StagedBatches(BufferAllocator allocator, Table table, List<Path> files) {
        this(allocator, table, files, null, false);
    }

    private StagedBatches(BufferAllocator allocator, Table table, List<Path> files, KeyHashes.Repeated repeated,
            boolean repeatedOnly) {
        super(allocator);
        if (repeated != null && table.dedupKey() == null) {
            throw new IllegalArgumentException(table.tableName() + " has no dedup key");
        }
        this.table = table;
        this.files = List.copyOf(files);
        this.repeated = repeated;
        this.repeatedOnly = repeatedOnly;
    }

    /**
     * The staged batches with the {@value #REPEATED} flag of each row: true when the hash of its dedup key is in
     * {@code repeated}.
     */
    public static StagedBatches flagged(BufferAllocator allocator, Table table, List<Path> files,
            KeyHashes.Repeated repeated) {
        return new StagedBatches(allocator, table, files, repeated, false);
    }

    /**
     * The staged rows whose dedup key's hash is in {@code repeated}. They are copied out of their batches: few rows,
     * and the scan of the whole batches that hold them cost DuckDB more than the copy.
     */
    public static StagedBatches repeatedOnly(BufferAllocator allocator, Table table, List<Path> files,
            KeyHashes.Repeated repeated) {
        return new StagedBatches(allocator, table, files, repeated, true);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        VectorSchemaRoot target = getVectorSchemaRoot();
        while (true) {
            while (current == null || !current.loadNextBatch()) {
                closeCurrent();
                if (next == files.size()) {
                    return false;
                }
                channel = FileChannel.open(files.get(next++));
                current = new ArrowFileReader(channel, allocator);
            }
            VectorSchemaRoot source = current.getVectorSchemaRoot();
            int rows = source.getRowCount();
            int repeatedCount = repeated == null ? 0 : findRepeated(source, rows);
            int columns = table.columnCount();
            // The loops below run over the repeated rows only, not over every row (and column): they run once per
            // batch, and such loops are compiled late (docs/architecture.md, "Client compiler only").
            if (repeatedOnly) {
                if (repeatedCount == 0) {
                    continue;
                }
                for (int c = 0; c < columns; c++) {
                    copyRepeated(source.getVector(c), target.getVector(c), repeatedCount);
                }
                rows = repeatedCount;
            } else {
                // The reader's buffers move to this stream's vectors; the reader loads its next batch into new ones.
                for (int c = 0; c < columns; c++) {
                    source.getVector(c).makeTransferPair(target.getVector(c)).transfer();
                }
            }
            if (repeated != null && !repeatedOnly) {
                // Every row has a flag, false but for the repeated rows: the vector comes zeroed, its whole bytes of
                // validity are set at once and the bits of the last rows one by one.
                BitVector flags = (BitVector) target.getVector(columns);
                flags.allocateNew(rows);
                ArrowBuf valid = flags.getValidityBuffer();
                MemoryUtil.setMemory(valid.memoryAddress(), rows >>> 3, (byte) 0xFF);
                for (int row = rows & ~7; row < rows; row++) {
                    BitVectorHelper.setBit(valid, row);
                }
                for (int i = 0; i < repeatedCount; i++) {
                    BitVectorHelper.setBit(flags.getDataBuffer(), repeatedRows[i]);
                }
                flags.setValueCount(rows);
            }
            target.setRowCount(rows);
            return true;
        }
    }

    /** Lists in {@link #repeatedRows} the rows whose key's hash is a repeated one; returns how many. */
    private int findRepeated(VectorSchemaRoot source, int rows) {
        VarCharVector keys = (VarCharVector) source.getVector(table.dedupKey().ordinal());
        if (repeatedRows.length < rows) {
            repeatedRows = new int[rows];
        }
        int count = 0;
        for (int row = 0; row < rows; row++) {
            if (!keys.isNull(row) && repeated.contains(KeyHashes.hash(keys, row))) {
                repeatedRows[count++] = row;
            }
        }
        return count;
    }

    /** Copies the {@code count} repeated rows of {@code from} into {@code to}, in order. */
    private void copyRepeated(FieldVector from, FieldVector to, int count) {
        to.clear();
        to.allocateNew();
        for (int i = 0; i < count; i++) {
            to.copyFromSafe(repeatedRows[i], i, from);
        }
        to.setValueCount(count);
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
        if (repeated == null || repeatedOnly) {
            return table.schema();
        }
        List<Field> fields = new ArrayList<>(table.schema().getFields());
        fields.add(new Field(REPEATED, FieldType.notNullable(ArrowType.Bool.INSTANCE), null));
        return new Schema(fields);
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
