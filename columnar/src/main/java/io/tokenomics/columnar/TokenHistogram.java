package io.tokenomics.columnar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.BitVector;
import org.apache.arrow.vector.BitVectorHelper;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.memory.util.ArrowBufPointer;

/**
 * The token-mix histogram kernel: for each request, the log2 bucket of each token class, counted per (UTC day,
 * model) into flat {@code long[]} counters, with a branch-free bucket ({@code 64 - numberOfLeadingZeros(v)}: 0 for 0,
 * else {@code floor(log2 v) + 1}). A model is looked up once per run of rows with the same model, a day is a
 * division.
 *
 * <p>The kernel runs once per commit, over the turns just written: the work of a row is a call, not the body of the
 * loop over the batch (docs/architecture.md, "Client compiler only").
 */
public final class TokenHistogram {
    /** The token classes, in counter order. */
    public static final String[] CLASSES = {"input", "output", "cache_write_5m", "cache_write_1h", "cache_read",
        "context"};
    /** Buckets per class: 0 for zero, 1 to 64 for 1 to 2^64 - 1. */
    public static final int BUCKETS = 65;
    private static final int STRIDE = CLASSES.length * BUCKETS;
    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private final Map<Long, Integer> groupOfDayModel = new HashMap<>();
    private final List<String> models = new ArrayList<>();
    private final Map<String, Integer> modelIds = new HashMap<>();
    private int[] groupDay = new int[16];
    private int[] groupModel = new int[16];
    private int groups;
    private long[] requests = new long[16 * STRIDE];
    private long[] tokens = new long[16 * STRIDE];
    private int cells;
    private final Map<ArrowBufPointer, Integer> modelOfBytes = new HashMap<>();
    private final ArrowBufPointer probe = new ArrowBufPointer();
    private final ArrowBufPointer lastModelBytes = new ArrowBufPointer();
    private int lastModel = -1;
    private long lastKey;
    private int lastGroup = -1;

    /** The bucket of a token count: 0 for 0 (and, defensively, for a negative count), else floor(log2 v) + 1. */
    public static int bucket(long value) {
        return 64 - Long.numberOfLeadingZeros(Math.max(0, value));
    }

    /** The smallest value of a bucket. */
    public static long bucketMin(int bucket) {
        return bucket == 0 ? 0 : 1L << (bucket - 1);
    }

    /**
     * Adds the rows of a batch with columns {@code ts, model, input_tokens, output_tokens, cache_write_5m_tokens,
     * cache_write_1h_tokens, cache_read_tokens} (by name).
     */
    public void add(VectorSchemaRoot batch) {
        add(batch, null);
    }

    /** Adds the rows of a batch as {@link #add(VectorSchemaRoot)} does, but those whose bit is set in {@code skip}. */
    public void add(VectorSchemaRoot batch, BitVector skip) {
        int rows = batch.getRowCount();
        TimeStampVector ts = (TimeStampVector) batch.getVector("ts");
        VarCharVector model = (VarCharVector) batch.getVector("model");
        BigIntVector input = (BigIntVector) batch.getVector("input_tokens");
        BigIntVector output = (BigIntVector) batch.getVector("output_tokens");
        BigIntVector write5m = (BigIntVector) batch.getVector("cache_write_5m_tokens");
        BigIntVector write1h = (BigIntVector) batch.getVector("cache_write_1h_tokens");
        BigIntVector read = (BigIntVector) batch.getVector("cache_read_tokens");
        // The pointers kept as keys point into this batch's buffers, which the next batch replaces.
        modelOfBytes.clear();
        lastModel = -1;
        for (int i = 0; i < rows; i++) {
            if (skip == null || BitVectorHelper.get(skip.getDataBuffer(), i) == 0) {
                addRow(ts, model, input, output, write5m, write1h, read, i);
            }
        }
    }

    /** Counts every class of row {@code i}; the context (the prompt) is everything but the output. */
    private void addRow(TimeStampVector ts, VarCharVector model, BigIntVector input, BigIntVector output,
            BigIntVector write5m, BigIntVector write1h, BigIntVector read, int i) {
        int base = groupOf(ts, model, i) * STRIDE;
        long in = value(input, i);
        long w5 = value(write5m, i);
        long w1 = value(write1h, i);
        long rd = value(read, i);
        count(base, 0, in);
        count(base, 1, value(output, i));
        count(base, 2, w5);
        count(base, 3, w1);
        count(base, 4, rd);
        count(base, 5, in + w5 + w1 + rd);
    }

    private static long value(BigIntVector vector, int i) {
        return vector.isNull(i) ? 0 : vector.get(i);
    }

    private void count(int base, int tokenClass, long value) {
        int slot = base + tokenClass * BUCKETS + bucket(value);
        if (requests[slot]++ == 0) {
            cells++;
        }
        tokens[slot] += value;
    }

    /**
     * The (day, model) group of row {@code i}. A model name is compared in place ({@link ArrowBufPointer} over the
     * batch's buffer), first with the row before's, and decoded only the first time it is seen.
     */
    private int groupOf(TimeStampVector ts, VarCharVector model, int i) {
        int day = ts.isNull(i) ? Integer.MIN_VALUE : (int) Math.floorDiv(ts.get(i), MICROS_PER_DAY);
        int modelId;
        if (model.isNull(i)) {
            modelId = modelId("");
        } else {
            model.getDataPointer(i, probe);
            if (lastModel >= 0 && probe.equals(lastModelBytes)) {
                modelId = lastModel;
            } else {
                Integer known = modelOfBytes.get(probe);
                if (known == null) {
                    known = modelId(new String(model.get(i), StandardCharsets.UTF_8));
                    modelOfBytes.put(model.getDataPointer(i), known);
                }
                modelId = known;
                model.getDataPointer(i, lastModelBytes);
                lastModel = modelId;
            }
        }
        long key = ((long) day << 32) | modelId;
        if (key != lastKey || lastGroup < 0) {
            // Rows come by file and session, so mostly the day and model of the row before: the map (which boxes
            // its key) is asked only when they change.
            Integer group = groupOfDayModel.get(key);
            if (group == null) {
                group = newGroup(day, modelId);
                groupOfDayModel.put(key, group);
            }
            lastKey = key;
            lastGroup = group;
        }
        return lastGroup;
    }

    private int modelId(String name) {
        return modelIds.computeIfAbsent(name, n -> {
            models.add(n);
            return models.size() - 1;
        });
    }

    private int newGroup(int day, int modelId) {
        if (groups == groupDay.length) {
            groupDay = Arrays.copyOf(groupDay, groups * 2);
            groupModel = Arrays.copyOf(groupModel, groups * 2);
            requests = Arrays.copyOf(requests, groups * 2 * STRIDE);
            tokens = Arrays.copyOf(tokens, groups * 2 * STRIDE);
        }
        groupDay[groups] = day;
        groupModel[groups] = modelId;
        return groups++;
    }

    /** The number of non-empty (day, model, class, bucket) cells. */
    public int cellCount() {
        return cells;
    }

    /** Calls {@code sink} once per non-empty (day, model, class, bucket) cell. */
    public void forEachCell(CellSink sink) {
        for (int g = 0; g < groups; g++) {
            for (int c = 0; c < CLASSES.length; c++) {
                for (int b = 0; b < BUCKETS; b++) {
                    int slot = g * STRIDE + c * BUCKETS + b;
                    if (requests[slot] > 0) {
                        String model = models.get(groupModel[g]);
                        sink.cell(groupDay[g], model.isEmpty() ? null : model, CLASSES[c], b, requests[slot],
                                tokens[slot]);
                    }
                }
            }
        }
    }

    /** Receives histogram cells. */
    @FunctionalInterface
    public interface CellSink {
        /** {@code day} is days since the epoch (Integer.MIN_VALUE for turns without a time); model may be null. */
        void cell(int day, String model, String tokenClass, int bucket, long requests, long tokens);
    }
}
