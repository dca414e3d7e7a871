package io.tokenomics.columnar;

import java.util.Arrays;
import java.util.List;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The global dedup of one run's staged rows (docs/formats.md, "Dedup"), decided from the scan workers'
 * {@link KeyCandidates} instead of by windows over the rows: for each key, the winning row, and for a turn the
 * content measures summed over its key's rows in the winner's file. A row of a key held once wins alone; a row
 * without a key always stays. Applies to a run that merges no committed file (a first ingest), where every key's
 * candidates are among the staged rows.
 */
public final class DedupVerdicts {
    /** The turn columns summed over a key's rows in one file: a response's lines split between segments. */
    static final TurnColumn[] SUMMED = {TurnColumn.TOOL_USES, TurnColumn.TEXT_CHARS, TurnColumn.THINKING_CHARS};
    private static final long NULL = Long.MIN_VALUE;

    private final Verdict[] byWorker;

    private DedupVerdicts(Verdict[] byWorker) {
        this.byWorker = byWorker;
    }

    /**
     * Decides the winners of a table with a dedup key from the records of the run's workers, in worker order, and
     * the rank of their file names ({@link #fileRanks}, once per run).
     */
    public static DedupVerdicts decide(Table table, List<KeyCandidates> workers, FileRanks fileRanks) {
        if (table.dedupKey() == null) {
            throw new IllegalArgumentException(table.tableName() + " has no dedup key");
        }
        KeyCandidates.Records[] records = new KeyCandidates.Records[workers.size()];
        for (int w = 0; w < records.length; w++) {
            records[w] = workers.get(w).byTable[table.ordinal()];
        }
        return new DedupVerdicts(new Decision(records, fileRanks.ranks).verdicts());
    }

    /** The rank of each worker's file names, shared by every table's decision: the names are the same. */
    public static final class FileRanks {
        private final int[][] ranks;

        private FileRanks(int[][] ranks) {
            this.ranks = ranks;
        }
    }

    /** What worker {@code worker} staged that the commit drops or changes. */
    public Verdict of(int worker) {
        return worker < byWorker.length && byWorker[worker] != null ? byWorker[worker] : Verdict.NONE;
    }

    /** The rows dropped of all workers' staged rows. */
    public long dropped() {
        long count = 0;
        for (Verdict verdict : byWorker) {
            count += verdict == null ? 0 : verdict.droppedCount;
        }
        return count;
    }

    /**
     * The rank of each worker's file names in the order DuckDB sorts the {@code file} column (by UTF-8 bytes), equal
     * names equal ranks: the dedup's last ties are broken by file, then by place in it.
     */
    public static FileRanks fileRanks(List<KeyCandidates> workers) {
        int total = 0;
        for (KeyCandidates worker : workers) {
            total += worker.fileCount;
        }
        long[] ids = new long[total];
        byte[][] names = new byte[total][];
        int at = 0;
        for (int w = 0; w < workers.size(); w++) {
            KeyCandidates worker = workers.get(w);
            for (int f = 0; f < worker.fileCount; f++) {
                ids[at] = (long) w << 32 | f;
                names[at++] = worker.files[f];
            }
        }
        Integer[] order = new Integer[total];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(names[a], names[b]));
        int[][] ranks = new int[workers.size()][];
        for (int w = 0; w < ranks.length; w++) {
            ranks[w] = new int[workers.get(w).fileCount];
        }
        int rank = -1;
        for (int i = 0; i < total; i++) {
            int id = order[i];
            if (i == 0 || !Arrays.equals(names[order[i - 1]], names[id])) {
                rank++;
            }
            ranks[(int) (ids[id] >>> 32)][(int) ids[id]] = rank;
        }
        return new FileRanks(ranks);
    }

    /**
     * The rows of one worker's staging file of a table that the commit drops (a bit per row), and the turns whose
     * summed measures replace their own, rows in ascending order.
     */
    public static final class Verdict {
        static final Verdict NONE = new Verdict(new long[0], 0, new int[0], new long[SUMMED.length][0]);

        private final long[] dropped;
        private final int droppedCount;
        private final int[] patchedRows;
        private final long[][] patchedValues;

        Verdict(long[] dropped, int droppedCount, int[] patchedRows, long[][] patchedValues) {
            this.dropped = dropped;
            this.droppedCount = droppedCount;
            this.patchedRows = patchedRows;
            this.patchedValues = patchedValues;
        }

        /** Whether the commit drops the {@code row}-th staged row. */
        public boolean isDropped(long row) {
            int word = (int) (row >>> 6);
            return word < dropped.length && (dropped[word] & 1L << row) != 0;
        }

        /**
         * Sets in {@code flags} (a bit per row of a batch, zeroed) the rows dropped of the batch whose first row is
         * the {@code first}-th staged row; returns how many.
         */
        public int flagDropped(ArrowBuf flags, long first, int rows) {
            if (droppedCount == 0) {
                return 0;
            }
            // Over the words of the dropped bits, not over every row: the loop runs once per batch.
            long end = first + rows;
            int count = 0;
            for (int word = (int) (first >>> 6); word < dropped.length && (long) word << 6 < end; word++) {
                long bits = dropped[word];
                while (bits != 0) {
                    long row = (long) word << 6 | Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (row >= first && row < end) {
                        BitVectorHelper.setBit(flags, row - first);
                        count++;
                    }
                }
            }
            return count;
        }

        /** Writes the summed measures into the turns of the batch whose first row is the {@code first}-th. */
        public void patch(VectorSchemaRoot batch, long first, int rows) {
            int i = Arrays.binarySearch(patchedRows, (int) first);
            for (i = i < 0 ? -i - 1 : i; i < patchedRows.length && patchedRows[i] < first + rows; i++) {
                int row = (int) (patchedRows[i] - first);
                for (int m = 0; m < SUMMED.length; m++) {
                    BigIntVector column = (BigIntVector) batch.getVector(SUMMED[m].ordinal());
                    long value = patchedValues[m][i];
                    if (value == NULL) {
                        column.setNull(row);
                    } else {
                        column.set(row, value);
                    }
                }
            }
        }
    }

    /** The decision for one table: an open-addressing table of its keys, in three passes over the records. */
    private static final class Decision {
        private final KeyCandidates.Records[] records;
        private final int[][] fileRanks;
        private final boolean turns;
        private final int mask;
        private final long[] slotHash;
        private final long[] slotCheck;
        /** The best candidate so far, as worker and row ({@code w << 32 | row}); -1 for an empty slot. */
        private final long[] slotBest;
        /** The candidates in the winner's file, and their summed measures (turns only). */
        private final int[] slotInWinnerFile;
        private final long[][] slotSums;

        Decision(KeyCandidates.Records[] records, int[][] fileRanks) {
            this.records = records;
            this.fileRanks = fileRanks;
            int total = 0;
            boolean anyTurns = false;
            for (KeyCandidates.Records r : records) {
                total += r == null ? 0 : r.size;
                anyTurns |= r != null && r.turns;
            }
            this.turns = anyTurns;
            int capacity = Integer.highestOneBit(Math.max(2, total) * 2 - 1) << 1;
            this.mask = capacity - 1;
            this.slotHash = new long[capacity];
            this.slotCheck = new long[capacity];
            this.slotBest = new long[capacity];
            Arrays.fill(slotBest, -1);
            this.slotInWinnerFile = turns ? new int[capacity] : null;
            this.slotSums = turns ? new long[SUMMED.length][capacity] : null;
        }

        Verdict[] verdicts() {
            for (int w = 0; w < records.length; w++) {
                KeyCandidates.Records r = records[w];
                for (int row = 0; r != null && row < r.size; row++) {
                    if (r.hash[row] != KeyCandidates.NO_KEY) {
                        int slot = slot(r.hash[row], r.check[row]);
                        long candidate = (long) w << 32 | row;
                        if (slotBest[slot] == -1 || better(candidate, slotBest[slot])) {
                            slotBest[slot] = candidate;
                        }
                    }
                }
            }
            if (turns) {
                sumWinnersFiles();
            }
            Verdict[] verdicts = new Verdict[records.length];
            for (int w = 0; w < records.length; w++) {
                verdicts[w] = records[w] == null ? null : verdict(w);
            }
            return verdicts;
        }

        /** Sums each key's measures over its rows in the winner's file (SQL's sum: NULLs skipped, all NULL is NULL). */
        private void sumWinnersFiles() {
            for (long[] sums : slotSums) {
                Arrays.fill(sums, NULL);
            }
            for (int w = 0; w < records.length; w++) {
                KeyCandidates.Records r = records[w];
                for (int row = 0; r != null && row < r.size; row++) {
                    if (r.hash[row] == KeyCandidates.NO_KEY) {
                        continue;
                    }
                    int slot = slot(r.hash[row], r.check[row]);
                    long best = slotBest[slot];
                    if (fileRanks[w][r.file[row]] != rankOfFile(best)) {
                        continue;
                    }
                    slotInWinnerFile[slot]++;
                    for (int m = 0; m < SUMMED.length; m++) {
                        long value = r.measures[m][row];
                        if (value != NULL) {
                            slotSums[m][slot] = slotSums[m][slot] == NULL ? value : slotSums[m][slot] + value;
                        }
                    }
                }
            }
        }

        private Verdict verdict(int w) {
            KeyCandidates.Records r = records[w];
            long[] dropped = new long[(r.size + 63) >>> 6];
            int droppedCount = 0;
            int patches = 0;
            int[] patchedRows = new int[0];
            long[][] patchedValues = new long[SUMMED.length][0];
            for (int row = 0; row < r.size; row++) {
                if (r.hash[row] == KeyCandidates.NO_KEY) {
                    continue;
                }
                int slot = slot(r.hash[row], r.check[row]);
                long candidate = (long) w << 32 | row;
                if (slotBest[slot] != candidate) {
                    dropped[row >>> 6] |= 1L << row;
                    droppedCount++;
                } else if (turns && slotInWinnerFile[slot] > 1) {
                    if (patches == patchedRows.length) {
                        patchedRows = Arrays.copyOf(patchedRows, Math.max(16, 2 * patches));
                        for (int m = 0; m < SUMMED.length; m++) {
                            patchedValues[m] = Arrays.copyOf(patchedValues[m], patchedRows.length);
                        }
                    }
                    patchedRows[patches] = row;
                    for (int m = 0; m < SUMMED.length; m++) {
                        patchedValues[m][patches] = slotSums[m][slot];
                    }
                    patches++;
                }
            }
            for (int m = 0; m < SUMMED.length; m++) {
                patchedValues[m] = Arrays.copyOf(patchedValues[m], patches);
            }
            return new Verdict(dropped, droppedCount, Arrays.copyOf(patchedRows, patches), patchedValues);
        }

        /** The slot of a key: found, or the empty one where it goes. */
        private int slot(long hash, long check) {
            int slot = (int) (hash ^ hash >>> 32) & mask;
            while (slotBest[slot] != -1 && (slotHash[slot] != hash || slotCheck[slot] != check)) {
                slot = (slot + 1) & mask;
            }
            if (slotBest[slot] == -1) {
                slotHash[slot] = hash;
                slotCheck[slot] = check;
            }
            return slot;
        }

        private int rankOfFile(long candidate) {
            int w = (int) (candidate >>> 32);
            return fileRanks[w][records[w].file[(int) candidate]];
        }

        /**
         * Whether candidate {@code a} beats {@code b}: for turns, a main-chain line, then the most output, then the
         * most tokens; then, for every table, the earlier file and place.
         */
        private boolean better(long a, long b) {
            KeyCandidates.Records ra = records[(int) (a >>> 32)];
            KeyCandidates.Records rb = records[(int) (b >>> 32)];
            int ia = (int) a;
            int ib = (int) b;
            if (turns) {
                if (ra.sidechain[ia] != rb.sidechain[ib]) {
                    return ra.sidechain[ia] < rb.sidechain[ib];
                }
                if (ra.output[ia] != rb.output[ib]) {
                    return ra.output[ia] > rb.output[ib];
                }
                if (ra.total[ia] != rb.total[ib]) {
                    return ra.total[ia] > rb.total[ib];
                }
            }
            int fa = rankOfFile(a);
            int fb = rankOfFile(b);
            if (fa != fb) {
                return fa < fb;
            }
            return ra.lineOffset[ia] < rb.lineOffset[ib];
        }
    }
}
