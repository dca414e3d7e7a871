package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.DateDayVector;
import org.apache.arrow.vector.Float8Vector;
import org.apache.arrow.vector.TimeStampMicroTZVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.junit.jupiter.api.Test;

/**
 * {@link RowBatch} writes into the vectors' buffers itself; what it builds must be what Arrow's own setters build:
 * for every table and column type, with missing values (runs of them too), empty, short and long strings (the data
 * buffer grows), strings copied from memory when ASCII (and refused, setting nothing, when not), and a batch reused
 * after {@link RowBatch#reset()}.
 */
class RowBatchTest {
    @Test
    void shouldBuildWhatArrowsSettersBuildForEveryTable() {
        SplittableRandom random = new SplittableRandom(9);
        try (BufferAllocator allocator = new RootAllocator();
             ArrowBuf memory = allocator.buffer(MAX_STRING + PAST_THE_VALUE.length)) {
            for (Table table : Table.values()) {
                int capacity = 1 + random.nextInt(700);
                try (RowBatch batch = new RowBatch(table, allocator, capacity)) {
                    for (int round = 0; round < 3; round++) {
                        int rows = round == 1 ? capacity : random.nextInt(capacity + 1);
                        try (VectorSchemaRoot expected = VectorSchemaRoot.create(table.schema(), allocator)) {
                            expected.allocateNew();
                            fill(random, table, batch, expected, rows, memory);
                            VectorSchemaRoot built = batch.seal();
                            assertEquals(rows, built.getRowCount());
                            assertTrue(expected.equals(built), table + " round " + round + ":\n"
                                    + expected.contentToTSVString() + "\nbuilt:\n" + built.contentToTSVString());
                        }
                        batch.reset();
                    }
                }
            }
        }
    }

    private static final int MAX_STRING = 10_000;
    private static final byte[] PAST_THE_VALUE = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
        (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

    private static void fill(SplittableRandom random, Table table, RowBatch batch, VectorSchemaRoot expected,
            int rows, ArrowBuf memory) {
        Column[] columns = table.columns();
        for (int r = 0; r < rows; r++) {
            for (Column column : columns) {
                // Some columns are missing in long runs, some never, some now and then.
                int missing = column.ordinal() % 3 == 0 ? 2 : column.ordinal() % 3 == 1 ? 90 : 0;
                if (random.nextInt(100) < missing) {
                    continue;
                }
                int c = column.ordinal();
                switch (column.type()) {
                    case STRING -> {
                        if (random.nextInt(10) == 0) {
                            String text = "zürich-" + r;
                            batch.setString(column, text);
                            ((VarCharVector) expected.getVector(c)).setSafe(r, text.getBytes(StandardCharsets.UTF_8));
                            continue;
                        }
                        int length = random.nextInt(20) == 0 ? 5000 + random.nextInt(5000) : random.nextInt(90);
                        byte[] bytes = new byte[length + 3];
                        for (int i = 0; i < bytes.length; i++) {
                            bytes[i] = (byte) ('a' + random.nextInt(26));
                        }
                        if (random.nextBoolean()) {
                            batch.setString(column, bytes, 3, length);
                            ((VarCharVector) expected.getVector(c)).setSafe(r, bytes, 3, length);
                            continue;
                        }
                        // From memory, followed by non-ASCII bytes: a read past the value would refuse an ASCII one.
                        boolean ascii = length == 0 || random.nextInt(4) != 0;
                        if (!ascii) {
                            bytes[3 + random.nextInt(length)] = (byte) (0x80 + random.nextInt(0x80));
                        }
                        long address = memory.memoryAddress();
                        memory.setBytes(0, bytes, 3, length);
                        memory.setBytes(length, PAST_THE_VALUE);
                        assertEquals(ascii, batch.setAsciiString(column, address, length));
                        if (ascii) {
                            ((VarCharVector) expected.getVector(c)).setSafe(r, bytes, 3, length);
                        } else if (random.nextBoolean()) {
                            // As the ingest does: the value decoded, then set from the decoded bytes.
                            bytes[3] = 'x';
                            for (int i = 4; i < bytes.length; i++) {
                                bytes[i] = 'y';
                            }
                            batch.setString(column, bytes, 3, length);
                            ((VarCharVector) expected.getVector(c)).setSafe(r, bytes, 3, length);
                        }
                    }
                    case INT64 -> {
                        long value = random.nextLong();
                        batch.setLong(column, value);
                        ((BigIntVector) expected.getVector(c)).setSafe(r, value);
                    }
                    case FLOAT64 -> {
                        double value = random.nextDouble() * 1e6;
                        batch.setDouble(column, value);
                        ((Float8Vector) expected.getVector(c)).setSafe(r, value);
                    }
                    case BOOL -> {
                        boolean value = random.nextBoolean();
                        batch.setBool(column, value);
                        ((BitVector) expected.getVector(c)).setSafe(r, value ? 1 : 0);
                    }
                    case TIMESTAMP -> {
                        long value = random.nextLong(4_000_000_000_000_000L);
                        batch.setTimestamp(column, value);
                        ((TimeStampMicroTZVector) expected.getVector(c)).setSafe(r, value);
                    }
                    case DATE -> {
                        int value = random.nextInt(30_000);
                        batch.setDate(column, value);
                        ((DateDayVector) expected.getVector(c)).setSafe(r, value);
                    }
                }
            }
            batch.endRow();
        }
        expected.setRowCount(rows);
    }
}
