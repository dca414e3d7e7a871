package io.tokenomics.columnar;

import java.nio.charset.StandardCharsets;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * A reusable batch of rows of one {@link Table}, off-heap in Arrow vectors. One thread fills it row by row: set the
 * columns of the current row (a column not set is NULL), then {@link #endRow()}. When {@link #isFull()} it is handed
 * to a sink and {@link #reset()} for reuse. Fixed-width columns are allocated once at the capacity; strings grow.
 *
 * <p>Values are written straight into the vectors' buffers, in Arrow's layout (a validity bit per row, values at
 * {@code row * width}, string ends in the offsets buffer), not through the vectors' setters: the launcher runs the
 * client compiler, which leaves the setters' chains of calls and Arrow's {@code Unsafe.copyMemory} (a native call)
 * as they are, so writing here is faster ({@code RowBatchBenchmark}; docs/performance.md, "Figures behind code
 * comments"). The vectors' own state (string ends of rows without a value, value counts) is brought up to date by
 * {@link #seal()}.
 */
public final class RowBatch implements AutoCloseable {
    private final Table table;
    private final VectorSchemaRoot root;
    private final int capacity;
    private final VarCharVector[] strings;
    private final long[] validity;
    private final long[] values;
    private final long[] offsets;
    private final long[] dataCapacity;
    private final int[] lastSet;
    private int row;

    public RowBatch(Table table, BufferAllocator allocator, int capacity) {
        this.table = table;
        this.capacity = capacity;
        this.root = VectorSchemaRoot.create(table.schema(), allocator);
        int n = table.columnCount();
        strings = new VarCharVector[n];
        validity = new long[n];
        values = new long[n];
        offsets = new long[n];
        dataCapacity = new long[n];
        lastSet = new int[n];
        for (int i = 0; i < n; i++) {
            FieldVector vector = root.getVector(i);
            if (vector instanceof VarCharVector varChar) {
                strings[i] = varChar;
                varChar.allocateNew(64L * capacity, capacity);
            } else {
                vector.setInitialCapacity(capacity);
                vector.allocateNew();
            }
        }
        addresses();
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
        int c = column.ordinal();
        MemoryUtil.putLong(values[c] + (long) row * Long.BYTES, value);
        markSet(c);
    }

    public void setDouble(Column column, double value) {
        int c = column.ordinal();
        MemoryUtil.putLong(values[c] + (long) row * Double.BYTES, Double.doubleToRawLongBits(value));
        markSet(c);
    }

    public void setBool(Column column, boolean value) {
        int c = column.ordinal();
        if (value) {
            setBit(values[c], row);
        }
        markSet(c);
    }

    /** Sets a timestamp in microseconds since the epoch, UTC. */
    public void setTimestamp(Column column, long epochMicros) {
        setLong(column, epochMicros);
    }

    /** Sets a date as days since 1970-01-01. */
    public void setDate(Column column, int epochDay) {
        int c = column.ordinal();
        MemoryUtil.putInt(values[c] + (long) row * Integer.BYTES, epochDay);
        markSet(c);
    }

    /** Sets a string from UTF-8 bytes; the bytes must already be valid UTF-8. */
    public void setString(Column column, byte[] utf8, int offset, int length) {
        if (offset < 0 || length < 0 || offset > utf8.length - length) {
            throw new IndexOutOfBoundsException(length + " bytes at " + offset + " of " + utf8.length);
        }
        int c = column.ordinal();
        int start = startValue(c, length);
        long target = values[c] + start;
        if (length <= 64) {
            // Ids and names, most values: eight bytes at a time, not a native copy.
            int i = 0;
            for (; i + Long.BYTES <= length; i += Long.BYTES) {
                MemoryUtil.putLong(target + i, MemoryUtil.getLong(utf8, offset + i));
            }
            for (; i < length; i++) {
                MemoryUtil.putByte(target + i, utf8[offset + i]);
            }
        } else {
            MemoryUtil.copyToMemory(utf8, offset, target, length);
        }
        endValue(c, (long) start + length);
    }

    /**
     * Sets a string from {@code length} bytes at {@code address} when they are all ASCII, and so valid UTF-8 as they
     * are, and returns true; returns false, setting nothing, when a byte is not. Most values (ids, model names,
     * paths) are: copying and testing them in one pass, eight bytes at a time, spares the caller a test, a copy into
     * a scratch array and a copy out of it. Reads no byte past {@code address + length}.
     */
    public boolean setAsciiString(Column column, long address, int length) {
        int c = column.ordinal();
        int start = startValue(c, length);
        long target = values[c] + start;
        long bits = 0;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            long word = MemoryUtil.getLong(address + i);
            bits |= word;
            MemoryUtil.putLong(target + i, word);
        }
        for (; i < length; i++) {
            byte b = MemoryUtil.getByte(address + i);
            bits |= b;
            MemoryUtil.putByte(target + i, b);
        }
        if ((bits & 0x8080808080808080L) != 0) {
            // The row's string end is not written: the bytes copied are overwritten by the next value.
            return false;
        }
        endValue(c, (long) start + length);
        return true;
    }

    /**
     * Where the current row's value of string column {@code c} begins, with room for {@code length} bytes there.
     * Rows since the column's last value have none: their strings are empty (and NULL by their validity bit).
     */
    private int startValue(int c, int length) {
        long ends = offsets[c];
        int previous = lastSet[c];
        int start = MemoryUtil.getInt(ends + (long) (previous + 1) * Integer.BYTES);
        for (int r = previous + 1; r < row; r++) {
            MemoryUtil.putInt(ends + (long) (r + 1) * Integer.BYTES, start);
        }
        long end = (long) start + length;
        if (end > dataCapacity[c]) {
            growData(c, end);
        }
        return start;
    }

    private void endValue(int c, long end) {
        MemoryUtil.putInt(offsets[c] + (long) (row + 1) * Integer.BYTES, (int) end);
        lastSet[c] = row;
        markSet(c);
    }

    /** Sets a string at the edge (file paths, run ids, constants): allocates, not for per-line values. */
    public void setString(Column column, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        setString(column, bytes, 0, bytes.length);
    }

    /**
     * Sets {@code column} of every row written so far to the same string, for a value that is constant over a run:
     * one call per batch instead of one per row. The column must have no value in any of these rows.
     */
    public void fillString(Column column, byte[] utf8) {
        int rows = row;
        try {
            // A call per row, not a loop body: see docs/architecture.md ("Client compiler only").
            for (row = 0; row < rows; row++) {
                setString(column, utf8, 0, utf8.length);
            }
        } finally {
            row = rows;
        }
    }

    /** Reads back a long of a finished row: for kernels that run over the batch after it is filled. */
    public long getLong(Column column, int index) {
        BigIntVector vector = (BigIntVector) root.getVector(column.ordinal());
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
        for (int c = 0; c < strings.length; c++) {
            if (strings[c] != null) {
                // Arrow fills the string ends of the rows after the last value from here.
                strings[c].setLastSet(lastSet[c]);
            }
        }
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
        addresses();
    }

    /** The Arrow vectors behind the batch, for kernels and tests. */
    public VectorSchemaRoot root() {
        return root;
    }

    @Override
    public void close() {
        root.close();
    }

    private void markSet(int c) {
        setBit(validity[c], row);
    }

    private static void setBit(long bits, int index) {
        long address = bits + (index >>> 3);
        MemoryUtil.putByte(address, (byte) (MemoryUtil.getByte(address) | (1 << (index & 7))));
    }

    private void growData(int c, long end) {
        VarCharVector vector = strings[c];
        while (vector.getDataBuffer().capacity() < end) {
            vector.reallocDataBuffer();
        }
        values[c] = vector.getDataBuffer().memoryAddress();
        dataCapacity[c] = vector.getDataBuffer().capacity();
    }

    /** The buffers' addresses: fixed for a batch's life but for string data, which grows (and moves). */
    private void addresses() {
        for (int c = 0; c < strings.length; c++) {
            FieldVector vector = root.getVector(c);
            validity[c] = vector.getValidityBufferAddress();
            values[c] = vector.getDataBufferAddress();
            if (strings[c] != null) {
                offsets[c] = vector.getOffsetBufferAddress();
                dataCapacity[c] = strings[c].getDataBuffer().capacity();
                lastSet[c] = -1;
                MemoryUtil.putInt(offsets[c], 0);
            }
        }
    }
}
