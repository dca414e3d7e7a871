package io.tokenomics.ingest.source;

import io.tokenomics.columnar.PriceTable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The price index of each model name a worker has seen. A transcript archive names a handful of models, so a
 * linear scan over their bytes beats hashing; a name is decoded into a {@code String} only the first time.
 */
final class ModelIndex {
    private final PriceTable prices;
    private byte[][] names = new byte[8][];
    private int[] indexes = new int[8];
    private int size;

    ModelIndex(PriceTable prices) {
        this.prices = prices;
    }

    /** The price index of the model named by the first {@code length} bytes of {@code bytes}. */
    int indexOf(byte[] bytes, int length) {
        for (int i = 0; i < size; i++) {
            if (names[i].length == length && Arrays.equals(names[i], 0, length, bytes, 0, length)) {
                return indexes[i];
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            indexes = Arrays.copyOf(indexes, size * 2);
        }
        names[size] = Arrays.copyOf(bytes, length);
        indexes[size] = prices.indexOf(new String(bytes, 0, length, StandardCharsets.UTF_8));
        return indexes[size++];
    }
}
