package io.tokenomics.columnar;

import java.util.Arrays;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * What one scan worker staged of the tables with a dedup key ({@link Table#dedupKey()}), one compact record per row
 * in staging order: the key's hash, the row's place, and for turns what the dedup rule ranks by and sums
 * (docs/formats.md, "Dedup"). {@link DedupVerdicts} decides from the records of all workers which row of each key
 * wins, so that the commit writes the winners and never sorts or windows the repeated rows.
 *
 * <p>One thread adds to an instance; a batch is recorded as the worker hands it off, while it is still in cache.
 * Records are columns of native memory in chunks: no allocation per row, nothing for the collector to copy, and freed
 * as soon as their table is decided, so that the memory they took is back before DuckDB writes the tables.
 */
public final class KeyCandidates implements AutoCloseable {
    private static final int TABLES = Table.values().length;
    /** The hash of a key that has none: such a row is kept (a turn without a response id is keyed by its place). */
    static final long NO_KEY = 0;

    private final Records[] byTable = new Records[TABLES];
    private final boolean[] taken = new boolean[TABLES];
    /** The source files of the rows, each once, in the order the worker met them; records point into it. */
    byte[][] files = new byte[8][];
    int fileCount;

    /** Records the batch's rows; nothing for a table without dedup. */
    public void add(Table table, VectorSchemaRoot batch) {
        if (table.dedupKey() == null) {
            return;
        }
        if (taken[table.ordinal()]) {
            throw new IllegalStateException(table.tableName() + ": rows staged after the dedup was decided");
        }
        Records records = byTable[table.ordinal()];
        if (records == null) {
            records = new Records(table == Table.TURNS);
            byTable[table.ordinal()] = records;
        }
        int rows = batch.getRowCount();
        records.ensure(rows);
        VarCharVector keys = (VarCharVector) batch.getVector(table.dedupKey().ordinal());
        VarCharVector fileNames = (VarCharVector) batch.getVector(table.column("file").ordinal());
        BigIntVector lineOffsets = (BigIntVector) batch.getVector(table.column("line_offset").ordinal());
        int at = records.size;
        int lastFile = fileCount - 1;
        for (int row = 0; row < rows; row++, at++) {
            lastFile = fileIndex(fileNames, row, lastFile);
            records.fileAndSidechain.set(at, (long) lastFile << Byte.SIZE);
            records.lineOffset.set(at, lineOffsets.isNull(row) ? Long.MAX_VALUE : lineOffsets.get(row));
            if (keys.isNull(row)) {
                records.hash.set(at, NO_KEY);
                records.check.set(at, NO_KEY);
            } else {
                records.hash.set(at, notNoKey(hash(keys, row, 0x9E3779B97F4A7C15L)));
                records.check.set(at, hash(keys, row, 0xD6E8FEB86659FD93L));
            }
        }
        if (records.turns) {
            addTurnRanks(records, batch, rows);
        }
        records.size = at;
    }

    /** Frees the records no decision took. */
    @Override
    public void close() {
        for (int t = 0; t < TABLES; t++) {
            if (byTable[t] != null) {
                byTable[t].free();
                byTable[t] = null;
            }
        }
    }

    /**
     * The records of {@code table} (null when none), handed over once to the decision, which changes them and
     * frees them.
     */
    Records take(Table table) {
        if (taken[table.ordinal()]) {
            throw new IllegalStateException(table.tableName() + ": the dedup is decided once");
        }
        taken[table.ordinal()] = true;
        Records records = byTable[table.ordinal()];
        byTable[table.ordinal()] = null;
        return records;
    }

    private static void addTurnRanks(Records records, VectorSchemaRoot batch, int rows) {
        BitVector sidechain = (BitVector) batch.getVector(TurnColumn.IS_SIDECHAIN.ordinal());
        BigIntVector output = (BigIntVector) batch.getVector(TurnColumn.OUTPUT_TOKENS.ordinal());
        BigIntVector[] tokens = {
            (BigIntVector) batch.getVector(TurnColumn.INPUT_TOKENS.ordinal()), output,
            (BigIntVector) batch.getVector(TurnColumn.CACHE_WRITE_5M_TOKENS.ordinal()),
            (BigIntVector) batch.getVector(TurnColumn.CACHE_WRITE_1H_TOKENS.ordinal()),
            (BigIntVector) batch.getVector(TurnColumn.CACHE_READ_TOKENS.ordinal()),
        };
        BigIntVector[] measures = new BigIntVector[DedupVerdicts.SUMMED.length];
        for (int m = 0; m < measures.length; m++) {
            measures[m] = (BigIntVector) batch.getVector(DedupVerdicts.SUMMED[m].ordinal());
        }
        int at = records.size;
        for (int row = 0; row < rows; row++, at++) {
            // ORDER BY is_sidechain: false, true, then NULL (DuckDB sorts NULL last).
            int rank = sidechain.isNull(row) ? 2 : sidechain.get(row);
            records.fileAndSidechain.set(at, records.fileAndSidechain.get(at) | rank);
            records.output.set(at, output.isNull(row) ? Long.MIN_VALUE : output.get(row));
            records.total.set(at, total(tokens, row));
            for (int m = 0; m < measures.length; m++) {
                records.measures[m].set(at, measures[m].isNull(row) ? Long.MIN_VALUE : measures[m].get(row));
            }
        }
    }

    /** The sum of the token columns, or {@link Long#MIN_VALUE} (sorted last, as DuckDB's NULL) when one is null. */
    private static long total(BigIntVector[] tokens, int row) {
        long sum = 0;
        for (BigIntVector column : tokens) {
            if (column.isNull(row)) {
                return Long.MIN_VALUE;
            }
            sum += column.get(row);
        }
        return sum;
    }

    /**
     * The index of the row's file: {@code last} when it is the previous row's (most rows), else a new entry. A file
     * whose segments the worker read apart gets two entries of one name, which {@link DedupVerdicts} ranks as one.
     */
    private int fileIndex(VarCharVector names, int row, int last) {
        long offsets = names.getOffsetBufferAddress();
        int start = MemoryUtil.getInt(offsets + (long) row * Integer.BYTES);
        int length = MemoryUtil.getInt(offsets + (long) (row + 1) * Integer.BYTES) - start;
        long address = names.getDataBufferAddress() + start;
        if (last >= 0 && sameBytes(files[last], address, length)) {
            return last;
        }
        if (fileCount == files.length) {
            files = Arrays.copyOf(files, 2 * fileCount);
        }
        byte[] name = new byte[length];
        MemoryUtil.copyFromMemory(address, name, 0, length);
        files[fileCount] = name;
        return fileCount++;
    }

    private static boolean sameBytes(byte[] name, long address, int length) {
        if (name.length != length) {
            return false;
        }
        for (int i = length - 1; i >= 0; i--) {
            if (name[i] != MemoryUtil.getByte(address + i)) {
                return false;
            }
        }
        return true;
    }

    private static long notNoKey(long hash) {
        return hash == NO_KEY ? 1 : hash;
    }

    /**
     * A 64-bit hash of the UTF-8 bytes of one non-null value, 8 bytes at a time, then murmur3's finalizer. Two seeds
     * give two hashes: a key is told by both (128 bits), so that two keys are taken for one only with odds far below
     * those of a disk error.
     */
    static long hash(VarCharVector keys, int row, long seed) {
        long offsets = keys.getOffsetBufferAddress();
        int start = MemoryUtil.getInt(offsets + (long) row * Integer.BYTES);
        int length = MemoryUtil.getInt(offsets + (long) (row + 1) * Integer.BYTES) - start;
        long address = keys.getDataBufferAddress() + start;
        long h = (length + 1) * seed;
        int i = 0;
        for (; i + Long.BYTES <= length; i += Long.BYTES) {
            h = Long.rotateLeft(h ^ MemoryUtil.getLong(address + i) * 0xC2B2AE3D27D4EB4FL, 31) * seed;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += Byte.SIZE) {
            tail |= (MemoryUtil.getByte(address + i) & 0xFFL) << shift;
        }
        h ^= tail * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB93FE53A87B7L;
        return h ^ (h >>> 33);
    }

    /**
     * One table's records, columns indexed by the row's place in the worker's staging file. A column grows by chunks
     * of native memory and is never copied. On the heap, the records were the part that grows with the corpus, and
     * the memory they took stayed with the heap after they were decided, while DuckDB wrote the tables.
     */
    static final class Records {
        final boolean turns;
        int size;
        final Longs hash = new Longs();
        final Longs check = new Longs();
        /** The row's file index, shifted left by a byte, and for a turn its side-chain rank in that byte. */
        final Longs fileAndSidechain = new Longs();
        final Longs lineOffset = new Longs();
        final Longs output;
        final Longs total;
        final Longs[] measures;

        Records(boolean turns) {
            this.turns = turns;
            output = turns ? new Longs() : null;
            total = turns ? new Longs() : null;
            measures = turns ? new Longs[] {new Longs(), new Longs(), new Longs()} : null;
        }

        int file(int row) {
            return (int) (fileAndSidechain.get(row) >>> Byte.SIZE);
        }

        /** 0 for a main-chain turn, 1 for a side chain's, 2 when unknown: ORDER BY is_sidechain, NULL last. */
        int sidechain(int row) {
            return (int) (fileAndSidechain.get(row) & 0xFF);
        }

        void free() {
            hash.free();
            check.free();
            fileAndSidechain.free();
            lineOffset.free();
            if (turns) {
                output.free();
                total.free();
                for (Longs measure : measures) {
                    measure.free();
                }
            }
        }

        void ensure(int more) {
            int capacity = size + more;
            hash.ensure(capacity);
            check.ensure(capacity);
            fileAndSidechain.ensure(capacity);
            lineOffset.ensure(capacity);
            if (turns) {
                output.ensure(capacity);
                total.ensure(capacity);
                for (Longs measure : measures) {
                    measure.ensure(capacity);
                }
            }
        }
    }

    /**
     * Rows per chunk of a records column: 1 MB chunks, which the C library maps and unmaps on their own (its threshold
     * for that starts at 128 KB), so that freeing them gives the memory back at once.
     */
    private static final int CHUNK_BITS = 17;
    private static final int CHUNK_MASK = (1 << CHUNK_BITS) - 1;
    private static final long CHUNK_BYTES = (long) Long.BYTES << CHUNK_BITS;

    /** A column of longs in chunks of {@code 2^CHUNK_BITS}, in native memory until {@link #free}. */
    static final class Longs {
        private long[] chunks = new long[0];
        private int chunkCount;

        long get(int row) {
            return MemoryUtil.getLong(address(row));
        }

        void set(int row, long value) {
            MemoryUtil.putLong(address(row), value);
        }

        private long address(int row) {
            return chunks[row >>> CHUNK_BITS] + ((long) (row & CHUNK_MASK) << 3);
        }

        void ensure(int rows) {
            int needed = (rows + CHUNK_MASK) >>> CHUNK_BITS;
            if (needed > chunks.length) {
                chunks = Arrays.copyOf(chunks, Math.max(needed, 2 * chunks.length));
            }
            while (chunkCount < needed) {
                chunks[chunkCount++] = MemoryUtil.allocateMemory(CHUNK_BYTES);
            }
        }

        void free() {
            for (int c = 0; c < chunkCount; c++) {
                MemoryUtil.freeMemory(chunks[c]);
            }
            chunks = new long[0];
            chunkCount = 0;
        }
    }
}
