package io.tokenomics.columnar;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A reusable batch of rows of one {@link Table}, off-heap in Arrow vectors. One thread fills it row by row: set the
 * columns of the current row (a column not set is NULL), then {@link #endRow()}. When {@link #isFull()} it is handed
 * to a sink and {@link #reset()} for reuse. Fixed-width columns are allocated once at the capacity; strings grow.
 */
public final class RowBatch implements AutoCloseable {
    private final Table table;
    private final VectorSchemaRoot root;
    private final int capacity;
    private final BigIntVector[] longs;
    private final Float8Vector[] doubles;
    private final BitVector[] bools;
    private final VarCharVector[] strings;
    private final TimeStampMicroTZVector[] timestamps;
    private final DateDayVector[] dates;
    private int row;

    public RowBatch(Table table, BufferAllocator allocator, int capacity) {
        this.table = table;
        this.capacity = capacity;
        this.root = VectorSchemaRoot.create(table.schema(), allocator);
        int n = table.columnCount();
        longs = new BigIntVector[n];
        doubles = new Float8Vector[n];
        bools = new BitVector[n];
        strings = new VarCharVector[n];
        timestamps = new TimeStampMicroTZVector[n];
        dates = new DateDayVector[n];
        for (int i = 0; i < n; i++) {
            FieldVector vector = root.getVector(i);
            switch (table.columns()[i].type()) {
                case INT64 -> longs[i] = (BigIntVector) vector;
                case FLOAT64 -> doubles[i] = (Float8Vector) vector;
                case BOOL -> bools[i] = (BitVector) vector;
                case STRING -> strings[i] = (VarCharVector) vector;
                case TIMESTAMP -> timestamps[i] = (TimeStampMicroTZVector) vector;
                case DATE -> dates[i] = (DateDayVector) vector;
            }
            if (vector instanceof VarCharVector varChar) {
                varChar.allocateNew(64L * capacity, capacity);
            } else {
                vector.setInitialCapacity(capacity);
                vector.allocateNew();
            }
        }
    }

    public Table table() {
        return table;
    }

    public int rowCount() {
        return row;
    }

    public int capacity() {
        return capacity;
    }

    public boolean isFull() {
        return row == capacity;
    }

    public boolean isEmpty() {
        return row == 0;
    }

    public void setLong(Column column, long value) {
        longs[column.ordinal()].set(row, value);
    }

    public void setDouble(Column column, double value) {
        doubles[column.ordinal()].set(row, value);
    }

    public void setBool(Column column, boolean value) {
        bools[column.ordinal()].set(row, value ? 1 : 0);
    }

    /** Sets a timestamp in microseconds since the epoch, UTC. */
    public void setTimestamp(Column column, long epochMicros) {
        timestamps[column.ordinal()].set(row, epochMicros);
    }

    /** Sets a date as days since 1970-01-01. */
    public void setDate(Column column, int epochDay) {
        dates[column.ordinal()].set(row, epochDay);
    }

    /** Sets a string from UTF-8 bytes; the bytes must already be valid UTF-8. */
    public void setString(Column column, byte[] utf8, int offset, int length) {
        strings[column.ordinal()].setSafe(row, utf8, offset, length);
    }

    /** Sets a string at the edge (file paths, run ids, constants): allocates, not for per-line values. */
    public void setString(Column column, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        strings[column.ordinal()].setSafe(row, bytes, 0, bytes.length);
    }

    /** Reads back a long of a finished row: for kernels that run over the batch after it is filled. */
    public long getLong(Column column, int index) {
        BigIntVector vector = longs[column.ordinal()];
        return vector.isNull(index) ? 0 : vector.get(index);
    }

    public void endRow() {
        if (row == capacity) {
            throw new IllegalStateException("batch of " + table.tableName() + " full at " + capacity + " rows");
        }
        row++;
    }

    /** Fixes the row count of every vector; call before handing the batch to a reader. */
    public VectorSchemaRoot seal() {
        root.setRowCount(row);
        return root;
    }

    /** Empties the batch, keeping its buffers. */
    public void reset() {
        for (FieldVector vector : root.getFieldVectors()) {
            vector.reset();
        }
        root.setRowCount(0);
        row = 0;
    }

    /** The Arrow vectors behind the batch, for kernels and tests. */
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public void close() {
        root.close();
    }
}
