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
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.vector.ipc.ArrowFileReader;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * The batches of several staging files of one table as one Arrow stream, one batch in memory at a time: what
 * DuckDB scans at commit through the C data interface. A stream of winners ({@link #winners}) carries one more
 * column, {@value #DROPPED}: whether the dedup decided by the scan ({@link DedupVerdicts}) drops the row; its turns
 * carry the measures summed over their key's rows in their file.
 */
public final class StagedBatches extends ArrowReader {
    /** The name of the flag column of a stream of winners. */
    public static final String DROPPED = "dedup_dropped";

    private final List<Path> files;
    private final Table table;
    /** Per file, what the dedup drops or changes of its rows; null for a plain stream. */
    private final List<DedupVerdicts.Verdict> verdicts;
    /** Counts the winning turns as they pass, when not null. */
    private final TokenHistogram counts;
    private int next;
    /** The rows of the current file before the current batch. */
    private long fileRow;
    private FileChannel channel;
    private ArrowFileReader current;

    public StagedBatches(BufferAllocator allocator, Table table, List<Path> files) {
        this(allocator, table, files, null, null);
    }

    private StagedBatches(BufferAllocator allocator, Table table, List<Path> files,
            List<DedupVerdicts.Verdict> verdicts, TokenHistogram counts) {
        super(allocator);
        this.table = table;
        this.files = List.copyOf(files);
        this.verdicts = verdicts == null ? null : List.copyOf(verdicts);
        this.counts = counts;
    }

    /**
     * The staged batches of {@code files} with the {@value #DROPPED} flag of each row and the summed measures of the
     * turns that win, from {@code verdicts}, one per file in the same order. {@code counts}, when not null, counts
     * the winning turns as they pass, so that their histograms need not read the written file back.
     */
    public static StagedBatches winners(BufferAllocator allocator, Table table, List<Path> files,
            List<DedupVerdicts.Verdict> verdicts, TokenHistogram counts) {
        if (table.dedupKey() == null || verdicts.size() != files.size() || counts != null && table != Table.TURNS) {
            throw new IllegalArgumentException(table.tableName() + ": a verdict per file of a keyed table");
        }
        return new StagedBatches(allocator, table, files, verdicts, counts);
    }

    @Override
    public boolean loadNextBatch() throws IOException {
        prepareLoadNextBatch();
        VectorSchemaRoot target = getVectorSchemaRoot();
        while (current == null || !current.loadNextBatch()) {
            closeCurrent();
            if (next == files.size()) {
                return false;
            }
            channel = FileChannel.open(files.get(next++));
            current = new ArrowFileReader(channel, allocator);
            fileRow = 0;
        }
        VectorSchemaRoot source = current.getVectorSchemaRoot();
        int rows = source.getRowCount();
        int columns = table.columnCount();
        // The reader's buffers move to this stream's vectors; the reader loads its next batch into new ones.
        for (int c = 0; c < columns; c++) {
            source.getVector(c).makeTransferPair(target.getVector(c)).transfer();
        }
        target.setRowCount(rows);
        if (verdicts != null) {
            DedupVerdicts.Verdict verdict = verdicts.get(next - 1);
            // Every row has a flag, false but for the dropped rows: the vector comes zeroed, its whole bytes of
            // validity are set at once and the bits of the last rows one by one.
            BitVector flags = (BitVector) target.getVector(columns);
            flags.allocateNew(rows);
            ArrowBuf valid = flags.getValidityBuffer();
            MemoryUtil.setMemory(valid.memoryAddress(), rows >>> 3, (byte) 0xFF);
            for (int row = rows & ~7; row < rows; row++) {
                BitVectorHelper.setBit(valid, row);
            }
            verdict.flagDropped(flags.getDataBuffer(), fileRow, rows);
            flags.setValueCount(rows);
            verdict.patch(target, fileRow, rows);
            if (counts != null) {
                counts.add(target, flags);
            }
        }
        fileRow += rows;
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
        if (verdicts == null) {
            return table.schema();
        }
        List<Field> fields = new ArrayList<>(table.schema().getFields());
        fields.add(new Field(DROPPED, FieldType.notNullable(ArrowType.Bool.INSTANCE), null));
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
