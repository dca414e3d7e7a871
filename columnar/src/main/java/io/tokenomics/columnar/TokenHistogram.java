package io.tokenomics.columnar;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.BigIntVector;
import org.apache.arrow.vector.TimeStampVector;
import org.apache.arrow.vector.VarCharVector;
import org.apache.arrow.vector.VectorSchemaRoot;
import org.apache.arrow.memory.util.ArrowBufPointer;

/**
 * The token-mix histogram kernel: for each request, the log2 bucket of each token class, counted per (UTC day,
 * model). A batch is consumed in two steps: its rows are mapped to group ids (a model is looked up once per distinct
 * value of the batch, a day is a division), then a primitive loop adds every class of every row to flat
 * {@code long[]} counters, with a branch-free bucket ({@code 64 - numberOfLeadingZeros(v)}: 0 for 0, else
 * {@code floor(log2 v) + 1}).
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
    private int[] rowGroup = new int[0];
    private long[] values = new long[0];
    private long[] context = new long[0];
    private final Map<ArrowBufPointer, Integer> modelOfBytes = new HashMap<>();
    private final ArrowBufPointer probe = new ArrowBufPointer();
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
        int rows = batch.getRowCount();
        if (rowGroup.length < rows) {
            rowGroup = new int[rows];
            values = new long[rows];
            context = new long[rows];
        }
        TimeStampVector ts = (TimeStampVector) batch.getVector("ts");
        VarCharVector model = (VarCharVector) batch.getVector("model");
        mapGroups(ts, model, rows);
        BigIntVector[] classes = {(BigIntVector) batch.getVector("input_tokens"),
            (BigIntVector) batch.getVector("output_tokens"), (BigIntVector) batch.getVector("cache_write_5m_tokens"),
            (BigIntVector) batch.getVector("cache_write_1h_tokens"), (BigIntVector) batch.getVector("cache_read_tokens")};
        Arrays.fill(context, 0, rows, 0);
        for (int c = 0; c < classes.length; c++) {
            load(classes[c], rows);
            accumulate(values, rows, c);
            if (c != 1) {
                // The prompt is everything but the output.
                for (int i = 0; i < rows; i++) {
                    context[i] += values[i];
                }
            }
        }
        accumulate(context, rows, CLASSES.length - 1);
    }

    /** The primitive loop: one class of every row into its group's counters. */
    private void accumulate(long[] values, int rows, int tokenClass) {
        long[] requestCounts = requests;
        long[] tokenCounts = tokens;
        int[] groupOf = rowGroup;
        int classBase = tokenClass * BUCKETS;
        for (int i = 0; i < rows; i++) {
            long v = values[i];
            int slot = groupOf[i] * STRIDE + classBase + bucket(v);
            requestCounts[slot]++;
            tokenCounts[slot] += v;
        }
    }

    private void load(BigIntVector vector, int rows) {
        for (int i = 0; i < rows; i++) {
            values[i] = vector.isNull(i) ? 0 : vector.get(i);
        }
    }

    /**
     * Maps each row to its (day, model) group. A model name is compared in place ({@link ArrowBufPointer} over the
     * batch's buffer) and decoded only the first time it is seen; the pointers kept as keys point into batches
     * that are gone, so they are dropped after each batch.
     */
    private void mapGroups(TimeStampVector ts, VarCharVector model, int rows) {
        modelOfBytes.clear();
        for (int i = 0; i < rows; i++) {
            int day = ts.isNull(i) ? Integer.MIN_VALUE : (int) Math.floorDiv(ts.get(i), MICROS_PER_DAY);
            int modelId;
            if (model.isNull(i)) {
                modelId = modelId("");
            } else {
                model.getDataPointer(i, probe);
                Integer known = modelOfBytes.get(probe);
                if (known == null) {
                    known = modelId(new String(model.get(i), StandardCharsets.UTF_8));
                    modelOfBytes.put(model.getDataPointer(i), known);
                }
                modelId = known;
            }
            long key = ((long) day << 32) | modelId;
            if (key != lastKey || lastGroup < 0) {
                // Rows come by file and session, so mostly the day and model of the row before: the map (which
                // boxes its key) is asked only when they change.
                Integer group = groupOfDayModel.get(key);
                if (group == null) {
                    group = newGroup(day, modelId);
                    groupOfDayModel.put(key, group);
                }
                lastKey = key;
                lastGroup = group;
            }
            rowGroup[i] = lastGroup;
        }
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
