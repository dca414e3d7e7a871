package io.tokenomics.ingest.source;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.ingest.json.StringView;
import java.util.Arrays;

/**
 * A turn's dedup key, its {@code message_id}, built in a reused array: the agent's prefix ({@code qwen:}), then the
 * values that name one model call. One per reader; a key is written before the reader's next one is started.
 */
public final class DedupKey {
    private byte[] bytes = new byte[128];
    private int length;

    /** Starts a key with the agent's prefix. */
    public DedupKey start(byte[] prefix) {
        length = 0;
        put(prefix, prefix.length);
        return this;
    }

    /** Appends a string value, decoded (through the sink's scratch array, which it overwrites). */
    public DedupKey append(RowSink rows, StringView value) {
        int n = rows.decode(value);
        put(rows.scratch(), n);
        return this;
    }

    /** Appends a separator or another ASCII byte. */
    public DedupKey append(char ascii) {
        ensure(1);
        bytes[length++] = (byte) ascii;
        return this;
    }

    /** Appends a whole number in decimal, as {@link Long#toString(long)} writes it. */
    public DedupKey appendDecimal(long value) {
        ensure(20);
        if (value < 0) {
            bytes[length++] = '-';
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        long rest = value;
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + Math.abs(rest % 10));
            rest /= 10;
        }
        length += digits;
        return this;
    }

    /** Writes the key into {@code column} of the row being written. */
    public void write(RowBatch batch, Column column) {
        batch.setString(column, bytes, 0, length);
    }

    private void put(byte[] source, int count) {
        ensure(count);
        System.arraycopy(source, 0, bytes, length, count);
        length += count;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
