package io.tokenomics.bench.columnar;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.TurnColumn;
import java.util.SplittableRandom;
import org.apache.arrow.memory.BufferAllocator;

/** A batch of turns with realistic token counts over a few models, the same for every fork. */
final class SampleTurns {
    static final String[] MODELS = {"claude-opus-4-6", "claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001",
        "claude-sonnet-4-20250514", "glm-4.6"};

    final RowBatch batch;
    final int[] priceIndex;
    final boolean[] fast;
    final String[] modelOfRow;

    SampleTurns(BufferAllocator allocator, PriceTable prices, int rows) {
        batch = new RowBatch(Table.TURNS, allocator, rows);
        priceIndex = new int[rows];
        fast = new boolean[rows];
        modelOfRow = new String[rows];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < rows; i++) {
            String model = MODELS[random.nextInt(MODELS.length)];
            modelOfRow[i] = model;
            priceIndex[i] = prices.indexOf(model);
            fast[i] = random.nextInt(50) == 0;
            long read = random.nextInt(20) == 0 ? 150_000 + random.nextInt(150_000) : random.nextInt(120_000);
            batch.setString(TurnColumn.MODEL, model);
            batch.setTimestamp(TurnColumn.TS, 1_780_000_000_000_000L + i * 60_000_000L);
            batch.setLong(TurnColumn.INPUT_TOKENS, random.nextInt(50));
            batch.setLong(TurnColumn.OUTPUT_TOKENS, random.nextInt(2000));
            batch.setLong(TurnColumn.CACHE_WRITE_5M_TOKENS, random.nextInt(8000));
            batch.setLong(TurnColumn.CACHE_WRITE_1H_TOKENS, random.nextInt(3) == 0 ? random.nextInt(8000) : 0);
            batch.setLong(TurnColumn.CACHE_READ_TOKENS, read);
            batch.setLong(TurnColumn.WEB_SEARCH_REQUESTS, 0);
            batch.endRow();
        }
        batch.seal();
    }
}
