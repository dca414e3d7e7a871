package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

/**
 * The histogram kernel against the plainest reading of its definition: per row, per token class, one request and
 * the row's tokens into the cell (UTC day, model, class, log2 bucket). Rows come in runs of one day and model, as
 * a session's turns do, with switches, missing models and missing times in between, over several batches.
 */
class TokenHistogramTest {
    private static final String[] MODELS = {"claude-opus-4-6", "claude-sonnet-4-5", "gpt-5", "claude-opus-4-6x"};
    private static final String[] CLASSES = TokenHistogram.CLASSES;

    @Test
    void shouldCountEachRowIntoTheCellsOfItsDayAndModel() {
        SplittableRandom random = new SplittableRandom(3);
        TokenHistogram histogram = new TokenHistogram();
        Map<String, long[]> expected = new TreeMap<>();
        try (BufferAllocator allocator = new RootAllocator()) {
            for (int batchNo = 0; batchNo < 3; batchNo++) {
                try (RowBatch batch = new RowBatch(Table.TURNS, allocator, 4096)) {
                    String model = MODELS[0];
                    long day = 20_000;
                    int run = 0;
                    while (!batch.isFull()) {
                        if (run-- <= 0) {
                            run = random.nextInt(40);
                            model = random.nextInt(10) == 0 ? null : MODELS[random.nextInt(MODELS.length)];
                            day = 20_000 + random.nextInt(4);
                        }
                        boolean timeless = random.nextInt(50) == 0;
                        long micros = day * 86_400_000_000L + random.nextLong(86_400_000_000L);
                        long[] counts = {random.nextInt(3) == 0 ? 0 : random.nextLong(1 << 20),
                            random.nextLong(5000), random.nextLong(9000), random.nextInt(4) == 0 ? 3000 : 0,
                            random.nextLong(300_000)};
                        if (model != null) {
                            batch.setString(TurnColumn.MODEL, model);
                        }
                        if (!timeless) {
                            batch.setTimestamp(TurnColumn.TS, micros);
                        }
                        Column[] columns = {TurnColumn.INPUT_TOKENS, TurnColumn.OUTPUT_TOKENS,
                            TurnColumn.CACHE_WRITE_5M_TOKENS, TurnColumn.CACHE_WRITE_1H_TOKENS,
                            TurnColumn.CACHE_READ_TOKENS};
                        long context = 0;
                        String prefix = (timeless ? Integer.MIN_VALUE : day) + "|" + model + "|";
                        for (int c = 0; c < columns.length; c++) {
                            batch.setLong(columns[c], counts[c]);
                            context += c == 1 ? 0 : counts[c];
                            count(expected, prefix + CLASSES[c] + "|" + TokenHistogram.bucket(counts[c]), counts[c]);
                        }
                        count(expected, prefix + "context|" + TokenHistogram.bucket(context), context);
                        batch.endRow();
                    }
                    histogram.add(batch.seal());
                }
            }
        }
        Map<String, long[]> counted = new TreeMap<>();
        histogram.forEachCell((day, model, tokenClass, bucket, requests, tokens) -> {
            long[] cell = counted.computeIfAbsent(day + "|" + model + "|" + tokenClass + "|" + bucket,
                    k -> new long[2]);
            cell[0] += requests;
            cell[1] += tokens;
        });
        assertEquals(render(expected), render(counted));
        assertEquals(counted.size(), histogram.cellCount());
    }

    private static void count(Map<String, long[]> cells, String key, long tokens) {
        long[] cell = cells.computeIfAbsent(key, k -> new long[2]);
        cell[0]++;
        cell[1] += tokens;
    }

    private static String render(Map<String, long[]> cells) {
        StringBuilder text = new StringBuilder();
        cells.forEach((key, cell) -> text.append(key).append(' ').append(cell[0]).append(' ').append(cell[1])
                .append('\n'));
        return text.toString();
    }
}
