package io.tokenomics.ingest.source;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.CostKernel;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.RejectColumn;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.commit.WorkerStaging;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.LineShape;
import io.tokenomics.ingest.json.StringView;
import io.tokenomics.ingest.json.Timestamps;
import io.tokenomics.ingest.json.Utf8Text;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;

/**
 * One scan worker's rows: a batch per table, filled by the sources' readers and handed to the worker's staging files
 * when full. Turns are priced by {@link CostKernel} as their batch is handed off, from the price index each reader
 * gives a turn. Also the string and model helpers every reader needs, and the rejects, which the worker writes.
 *
 * <p>The person's name ({@code user}) is the same on every row of a run: it is filled into a batch's column as the
 * batch is handed off, so that no reader writes it.
 */
public final class RowSink {
    private static final int SAMPLE_BYTES = 200;

    private final WorkerStaging staging;
    private final PriceTable prices;
    private final ModelIndex models;
    private final byte[] host;
    private final byte[] user;
    private final Column[] userColumn = new Column[Table.values().length];
    private final RowBatch turns;
    private final Map<Table, RowBatch> batches = new EnumMap<>(Table.class);
    private final int[] priceIndex;
    private final boolean[] fast;
    private final StringView sample = new StringView();
    private final boolean keepSamples;
    private byte[] scratch = new byte[1024];
    private long usageLines;
    private final long[] rejects = new long[ErrorCode.values().length];

    /** {@code keepSamples}: whether rejects keep their first bytes, which may hold prompts or secrets. */
    public RowSink(WorkerStaging staging, BufferAllocator allocator, int batchRows, PriceTable prices, byte[] host,
            byte[] user, boolean keepSamples) {
        this.staging = staging;
        this.keepSamples = keepSamples;
        this.prices = prices;
        this.models = new ModelIndex(prices);
        this.host = host;
        this.user = user;
        for (Table table : List.of(Table.TURNS, Table.TOOL_USES, Table.TOOL_RESULTS, Table.PROMPTS,
                Table.COMPACTIONS, Table.REJECTS)) {
            batches.put(table, new RowBatch(table, allocator, batchRows));
            userColumn[table.ordinal()] = table.column("user");
        }
        turns = batches.get(Table.TURNS);
        priceIndex = new int[batchRows];
        fast = new boolean[batchRows];
    }

    /** The batch the turns are written into; a turn ends with {@link #endTurn}. */
    public RowBatch turns() {
        return turns;
    }

    /** The batch of another table; a row of it ends with {@link #endRow}. */
    public RowBatch batch(Table table) {
        return batches.get(table);
    }

    /** Ends the turn being written, priced by entry {@code price} of the price table, in fast mode or not. */
    public void endTurn(int price, boolean fastMode) {
        int row = turns.rowCount();
        priceIndex[row] = price;
        fast[row] = fastMode;
        turns.endRow();
        if (turns.isFull()) {
            CostKernel.apply(turns, priceIndex, fast, prices);
            stage(turns);
        }
    }

    /** Ends the row being written into {@code batch}, a batch of {@link #batch}. */
    public void endRow(RowBatch batch) {
        batch.endRow();
        if (batch.isFull()) {
            stage(batch);
        }
    }

    /** Counts a line that carried usage, whether or not it became a turn of its own. */
    public void usageLine() {
        usageLines++;
    }

    /**
     * A line that could not be used: counted, and kept with its position, its length and its shape
     * ({@link LineShape}); its first bytes only where the user asked for them, since they may hold a prompt or a
     * secret.
     */
    public void reject(ErrorCode code, ScannedFile file, long offset, long lineNumber, long lineAddress,
            long lineLength) {
        rejects[code.ordinal()]++;
        RowBatch b = batches.get(Table.REJECTS);
        b.setString(RejectColumn.FILE, file.path, 0, file.path.length);
        b.setLong(RejectColumn.LINE_NO, lineNumber);
        b.setLong(RejectColumn.BYTE_OFFSET, offset);
        b.setString(RejectColumn.REASON, code.reason());
        b.setLong(RejectColumn.LENGTH, lineLength);
        b.setString(RejectColumn.SHAPE, LineShape.of(lineAddress, lineLength));
        if (keepSamples) {
            sample.set(lineAddress, (int) Math.min(SAMPLE_BYTES, Math.max(0, lineLength)), false);
            string(b, RejectColumn.SAMPLE, sample);
        }
        b.setString(RejectColumn.HOST, host, 0, host.length);
        endRow(b);
    }

    public long usageLines() {
        return usageLines;
    }

    /** The rejects written, by {@link ErrorCode#ordinal()}. */
    public long[] rejects() {
        return rejects;
    }

    /** Writes the machine's name into {@code column}. */
    public void host(RowBatch b, Column column) {
        b.setString(column, host, 0, host.length);
    }

    /** Writes a string view as valid UTF-8; an absent view leaves the column NULL. */
    public void string(RowBatch b, Column column, StringView view) {
        if (!view.present || !view.escaped && b.setAsciiString(column, view.address, view.length)) {
            return;
        }
        int n = decode(view);
        b.setString(column, scratch, 0, n);
    }

    /** Writes a time in microseconds unless it is {@link Timestamps#INVALID}, which leaves the column NULL. */
    public static void timestamp(RowBatch b, Column column, long micros) {
        if (micros != Timestamps.INVALID) {
            b.setTimestamp(column, micros);
        }
    }

    /** Decodes the view into {@link #scratch()}, growing it when needed; returns the decoded length. */
    public int decode(StringView view) {
        int needed = Utf8Text.maxDecodedLength(view.length);
        if (needed > scratch.length) {
            scratch = new byte[Math.max(needed, scratch.length * 2)];
        }
        return Utf8Text.decode(view, scratch);
    }

    /** The bytes the last {@link #decode} wrote. */
    public byte[] scratch() {
        return scratch;
    }

    /** The decoded bytes of a view, in an array of their own: for values a reader keeps across lines. */
    public byte[] bytes(StringView view) {
        return Arrays.copyOf(scratch, decode(view));
    }

    /** The price table's entry for a model named by a view, or {@link PriceTable#UNPRICED}. */
    public int priceIndex(StringView model) {
        // Decoded first: decoding may grow the scratch array, which is then read.
        int length = decode(model);
        return models.indexOf(scratch, length);
    }

    /** The price table's entry for a model name held in an array, or {@link PriceTable#UNPRICED}. */
    public int priceIndex(byte[] model) {
        return models.indexOf(model, model.length);
    }

    /** Stages every partly filled batch; the sink takes no rows after this. */
    public void finish() {
        if (!turns.isEmpty()) {
            CostKernel.apply(turns, priceIndex, fast, prices);
        }
        for (RowBatch batch : batches.values()) {
            stage(batch);
        }
    }

    private void stage(RowBatch batch) {
        batch.fillString(userColumn[batch.table().ordinal()], user);
        staging.append(batch);
    }

    /** Frees the batches' memory. */
    public void close() {
        for (RowBatch batch : batches.values()) {
            batch.close();
        }
    }
}
