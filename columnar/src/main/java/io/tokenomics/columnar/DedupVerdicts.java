package io.tokenomics.columnar;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.arrow.memory.ArrowBuf;
import org.apache.arrow.memory.util.MemoryUtil;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.VectorSchemaRoot;

/**
 * The global dedup of one run's staged rows (docs/formats.md, "Dedup"), decided from the scan workers'
 * {@link KeyCandidates} instead of by windows over the rows: for each key, the winning row, and for a turn the
 * content measures summed over its key's rows in the winner's file. A row of a key held once wins alone; a row
 * without a key always stays. Applies to a run that merges no committed file (a first ingest), where every key's
 * candidates are among the staged rows; and to the staged rows of a run that merges committed files, before its
 * windows, but for the rows of files that grew since the last run ({@link #fileRanks}).
 */
public final class DedupVerdicts {
    /** The turn columns summed over a key's rows in one file: a response's lines split between segments. */
    static final TurnColumn[] SUMMED = {TurnColumn.TOOL_USES, TurnColumn.TEXT_CHARS, TurnColumn.THINKING_CHARS};
    private static final long NULL = Long.MIN_VALUE;

    private final Verdict[] byWorker;
    /** Per worker, the sorted distinct hashes of the keys it staged ({@link KeyIndex}). */
    private final long[][] keysByWorker;

    private DedupVerdicts(Verdict[] byWorker, long[][] keysByWorker) {
        this.byWorker = byWorker;
        this.keysByWorker = keysByWorker;
    }

    /**
     * Decides the winners of a table with a dedup key from the records of the run's workers, in worker order, and
     * the rank of their file names ({@link #fileRanks}, once per run). Takes the table's records from the workers:
     * they are freed once decided, and a table is decided once.
     */
    public static DedupVerdicts decide(Table table, List<KeyCandidates> workers, FileRanks fileRanks) {
        if (table.dedupKey() == null) {
            throw new IllegalArgumentException(table.tableName() + " has no dedup key");
        }
        KeyCandidates.Records[] records = new KeyCandidates.Records[workers.size()];
        try {
            for (int w = 0; w < records.length; w++) {
                records[w] = workers.get(w).take(table);
            }
            long[][] keys = new long[records.length][];
            for (int w = 0; w < records.length; w++) {
                keys[w] = keyHashes(records[w]);
            }
            Decision decision = new Decision(records, fileRanks);
            try {
                return new DedupVerdicts(decision.verdicts(), keys);
            } finally {
                decision.free();
            }
        } finally {
            for (KeyCandidates.Records r : records) {
                if (r != null) {
                    r.free();
                }
            }
        }
    }

    /**
     * The rank of each worker's file names, shared by every table's decision: the names are the same. Also which
     * files the decision leaves whole.
     */
    public static final class FileRanks {
        private final int[][] ranks;
        /** Per rank, whether the file's rows are neither dropped nor changed. */
        private final boolean[] keptWhole;

        private FileRanks(int[][] ranks, boolean[] keptWhole) {
            this.ranks = ranks;
            this.keptWhole = keptWhole;
        }
    }

    /** The sorted distinct hashes of the keys the given workers staged, for the index of a file of their rows. */
    public long[] keys(List<Integer> workers) {
        List<long[]> of = new java.util.ArrayList<>();
        for (int worker : workers) {
            if (worker < keysByWorker.length) {
                of.add(keysByWorker[worker]);
            }
        }
        return KeyIndex.union(of);
    }

    /** The sorted distinct hashes of every key staged. */
    public long[] keys() {
        return KeyIndex.union(Arrays.asList(keysByWorker));
    }

    private static long[] keyHashes(KeyCandidates.Records records) {
        if (records == null) {
            return new long[0];
        }
        long[] hashes = new long[records.size];
        int count = 0;
        for (int row = 0; row < records.size; row++) {
            long hash = records.hash.get(row);
            if (hash != KeyCandidates.NO_KEY) {
                hashes[count++] = hash;
            }
        }
        return KeyIndex.sortedDistinct(hashes, count);
    }

    /** What worker {@code worker} staged that the commit drops or changes. */
    public Verdict of(int worker) {
        return worker < byWorker.length && byWorker[worker] != null ? byWorker[worker] : Verdict.NONE;
    }

    /**
     * The rank of each worker's file names in the order DuckDB sorts the {@code file} column (by UTF-8 bytes), equal
     * names equal ranks: the dedup's last ties are broken by file, then by place in it. The rows of the files named
     * in {@code keptWhole} are left to the windows of the commit's merge: a file that grew since the last run, whose
     * committed rows of a response are summed with the new ones there.
     */
    public static FileRanks fileRanks(List<KeyCandidates> workers, Set<String> keptWhole) {
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
        boolean[] kept = new boolean[total];
        int rank = -1;
        for (int i = 0; i < total; i++) {
            int id = order[i];
            if (i == 0 || !Arrays.equals(names[order[i - 1]], names[id])) {
                rank++;
                kept[rank] = !keptWhole.isEmpty() && keptWhole.contains(new String(names[id], StandardCharsets.UTF_8));
            }
            ranks[(int) (ids[id] >>> 32)][(int) ids[id]] = rank;
        }
        return new FileRanks(ranks, kept);
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

        /**
         * Sets in {@code flags} (a bit per row of a batch, zeroed) the rows dropped of the batch whose first row is
         * the {@code first}-th staged row.
         */
        public void flagDropped(ArrowBuf flags, long first, int rows) {
            if (droppedCount == 0) {
                return;
            }
            // Over the words of the dropped bits, not over every row: the loop runs once per batch.
            long end = first + rows;
            for (int word = (int) (first >>> 6); word < dropped.length && (long) word << 6 < end; word++) {
                long bits = dropped[word];
                while (bits != 0) {
                    long row = (long) word << 6 | Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                    if (row >= first && row < end) {
                        BitVectorHelper.setBit(flags, row - first);
                    }
                }
            }
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

    /**
     * The decision for one table, in three passes over the records: an open-addressing table of its keys, a slot
     * holding only the best candidate so far (the key is read from that candidate's record), so that it costs 8 bytes
     * per slot; a turn's summed measures are added into the winner's own record.
     */
    private static final class Decision {
        private final KeyCandidates.Records[] records;
        private final int[][] fileRanks;
        private final boolean[] keptWhole;
        private final boolean turns;
        private final int mask;
        /**
         * The slots, in native memory until {@link #free}: the best candidate so far, as worker and row
         * ({@code w << 32 | row}); -1 for an empty slot.
         */
        private final long slots;
        /** Per worker, a bit per winning turn whose measures another row of its file added to. */
        private final long[][] summed;

        Decision(KeyCandidates.Records[] records, FileRanks fileRanks) {
            this.records = records;
            this.fileRanks = fileRanks.ranks;
            this.keptWhole = fileRanks.keptWhole;
            int total = 0;
            boolean anyTurns = false;
            for (KeyCandidates.Records r : records) {
                total += r == null ? 0 : r.size;
                anyTurns |= r != null && r.turns;
            }
            this.turns = anyTurns;
            // At most half full: probes stay short even when every candidate is a key of its own.
            int capacity = Integer.highestOneBit(Math.max(2, total) * 2 - 1) << 1;
            this.mask = capacity - 1;
            this.slots = MemoryUtil.allocateMemory((long) capacity * Long.BYTES);
            MemoryUtil.setMemory(slots, (long) capacity * Long.BYTES, (byte) -1);
            this.summed = new long[records.length][];
            for (int w = 0; w < records.length; w++) {
                summed[w] = turns && records[w] != null ? new long[(records[w].size + 63) >>> 6] : new long[0];
            }
        }

        Verdict[] verdicts() {
            for (int w = 0; w < records.length; w++) {
                KeyCandidates.Records r = records[w];
                for (int row = 0; r != null && row < r.size; row++) {
                    if (r.hash.get(row) != KeyCandidates.NO_KEY) {
                        offer(w, row);
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

        /** Makes the candidate its key's best when it is the first of its key, or better than the best so far. */
        private void offer(int w, int row) {
            int slot = slot(w, row);
            long candidate = (long) w << 32 | row;
            long best = best(slot);
            if (best == -1 || better(candidate, best)) {
                MemoryUtil.putLong(slots + (long) slot * Long.BYTES, candidate);
            }
        }

        /**
         * Adds into each winning turn the measures of its key's other rows in its file (SQL's sum: NULLs skipped, all
         * NULL is NULL). Only winners are added to, so the rows read are never ones changed by this pass.
         */
        private void sumWinnersFiles() {
            for (int w = 0; w < records.length; w++) {
                KeyCandidates.Records r = records[w];
                for (int row = 0; r != null && row < r.size; row++) {
                    if (r.hash.get(row) != KeyCandidates.NO_KEY) {
                        addToWinner(w, row);
                    }
                }
            }
        }

        private void addToWinner(int w, int row) {
            long best = best(slot(w, row));
            long candidate = (long) w << 32 | row;
            int winnersFile = rankOfFile(best);
            if (best == candidate || keptWhole[winnersFile] || fileRanks[w][records[w].file(row)] != winnersFile) {
                return;
            }
            int bw = (int) (best >>> 32);
            int brow = (int) best;
            KeyCandidates.Longs[] into = records[bw].measures;
            for (int m = 0; m < SUMMED.length; m++) {
                long value = records[w].measures[m].get(row);
                if (value != NULL) {
                    long sum = into[m].get(brow);
                    into[m].set(brow, sum == NULL ? value : sum + value);
                }
            }
            summed[bw][brow >>> 6] |= 1L << brow;
        }

        private Verdict verdict(int w) {
            KeyCandidates.Records r = records[w];
            long[] dropped = new long[(r.size + 63) >>> 6];
            int droppedCount = 0;
            for (int row = 0; row < r.size; row++) {
                if (r.hash.get(row) != KeyCandidates.NO_KEY && !keptWhole[fileRanks[w][r.file(row)]]
                        && best(slot(w, row)) != ((long) w << 32 | row)) {
                    dropped[row >>> 6] |= 1L << row;
                    droppedCount++;
                }
            }
            int patches = 0;
            for (long word : summed[w]) {
                patches += Long.bitCount(word);
            }
            int[] patchedRows = new int[patches];
            long[][] patchedValues = new long[SUMMED.length][patches];
            int at = 0;
            for (int word = 0; word < summed[w].length; word++) {
                for (long bits = summed[w][word]; bits != 0; bits &= bits - 1) {
                    int row = word << 6 | Long.numberOfTrailingZeros(bits);
                    patchedRows[at] = row;
                    for (int m = 0; m < SUMMED.length; m++) {
                        patchedValues[m][at] = r.measures[m].get(row);
                    }
                    at++;
                }
            }
            return new Verdict(dropped, droppedCount, patchedRows, patchedValues);
        }

        /** The slot of the candidate's key: the one whose best has its key, or the empty one where it goes. */
        private int slot(int w, int row) {
            long hash = records[w].hash.get(row);
            long check = records[w].check.get(row);
            int slot = (int) (hash ^ hash >>> 32) & mask;
            while (true) {
                long best = best(slot);
                if (best == -1) {
                    return slot;
                }
                KeyCandidates.Records held = records[(int) (best >>> 32)];
                if (held.hash.get((int) best) == hash && held.check.get((int) best) == check) {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
        }

        private long best(int slot) {
            return MemoryUtil.getLong(slots + (long) slot * Long.BYTES);
        }

        void free() {
            MemoryUtil.freeMemory(slots);
        }

        private int rankOfFile(long candidate) {
            int w = (int) (candidate >>> 32);
            return fileRanks[w][records[w].file((int) candidate)];
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
                if (ra.sidechain(ia) != rb.sidechain(ib)) {
                    return ra.sidechain(ia) < rb.sidechain(ib);
                }
                if (ra.output.get(ia) != rb.output.get(ib)) {
                    return ra.output.get(ia) > rb.output.get(ib);
                }
                if (ra.total.get(ia) != rb.total.get(ib)) {
                    return ra.total.get(ia) > rb.total.get(ib);
                }
            }
            int fa = rankOfFile(a);
            int fb = rankOfFile(b);
            if (fa != fb) {
                return fa < fb;
            }
            return ra.lineOffset.get(ia) < rb.lineOffset.get(ib);
        }
    }
}
