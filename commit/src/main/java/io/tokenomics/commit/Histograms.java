package io.tokenomics.commit;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.HistogramColumn;
import io.tokenomics.columnar.ParquetSink;
import io.tokenomics.columnar.RowBatch;
import io.tokenomics.columnar.Table;
import io.tokenomics.columnar.TokenHistogram;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.arrow.vector.ipc.ArrowReader;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBResultSet;

/**
 * Builds {@code token_histograms} from the committed turns: DuckDB streams the deduplicated turns back as Arrow
 * batches and {@link TokenHistogram} counts them. One histogram file per turns file, of the same name: a run counts
 * only the turns file it wrote and keeps the histograms of the turns files it kept, so the counts are additive
 * across files, and a response replaced by a later, more complete copy (whose turns file the commit rewrote) is
 * never counted twice.
 */
final class Histograms {
    private static final int BATCH_ROWS = 65_536;

    private Histograms() {
    }

    /**
     * The histogram files of {@code turnFiles}: the committed one of each turns file kept, a new one for each turns
     * file this run wrote. Paths relative to the data root.
     */
    static List<String> update(DuckDBConnection connection, BufferAllocator allocator, Path root,
            List<String> turnFiles, List<String> committed, String host, String user) throws IOException, SQLException {
        List<String> files = new ArrayList<>(turnFiles.size());
        for (String turnFile : turnFiles) {
            String histogram = Table.TOKEN_HISTOGRAMS.tableName() + "/" + Path.of(turnFile).getFileName();
            files.add(committed.contains(histogram) ? histogram
                    : write(connection, allocator, root, turnFile, count(connection, allocator, root, turnFile),
                            host, user));
        }
        return files;
    }

    /** The counts of the turns in a turns file, read back from it; a path relative to the data root. */
    private static TokenHistogram count(DuckDBConnection connection, BufferAllocator allocator, Path root,
            String turnFile) throws SQLException, IOException {
        TokenHistogram counts = new TokenHistogram();
        try (Statement statement = connection.createStatement();
             DuckDBResultSet rs = (DuckDBResultSet) statement.executeQuery(SqlTemplate.render(
                     "histogram-turns.sql", Map.of("file", DuckDb.literal(root.resolve(turnFile).toString()))));
             ArrowReader reader = (ArrowReader) rs.arrowExportStream(allocator, BATCH_ROWS)) {
            while (reader.loadNextBatch()) {
                counts.add(reader.getVectorSchemaRoot());
            }
        }
        return counts;
    }

    /**
     * Writes the histogram file of the turns file {@code turnFile} (relative to the data root) from their counts;
     * returns it relative to the data root.
     */
    static String write(DuckDBConnection connection, BufferAllocator allocator, Path root, String turnFile,
            TokenHistogram counts, String host, String user) throws IOException, SQLException {
        String histogram = Table.TOKEN_HISTOGRAMS.tableName() + "/" + Path.of(turnFile).getFileName();
        Committer.createTableFolder(root.resolve(Table.TOKEN_HISTOGRAMS.tableName()));
        try (RowBatch batch = new RowBatch(Table.TOKEN_HISTOGRAMS, allocator, Math.max(1, counts.cellCount()))) {
            // A callback per cell, not a loop over a list: see docs/architecture.md ("Client compiler only").
            counts.forEachCell((day, model, tokenClass, bucket, requests, tokens) -> {
                if (day != Integer.MIN_VALUE) {
                    batch.setDate(HistogramColumn.DAY, day);
                }
                if (model != null) {
                    batch.setString(HistogramColumn.MODEL, model);
                }
                batch.setString(HistogramColumn.TOKEN_CLASS, tokenClass);
                batch.setLong(HistogramColumn.BUCKET, bucket);
                batch.setLong(HistogramColumn.BUCKET_MIN, TokenHistogram.bucketMin(bucket));
                batch.setLong(HistogramColumn.REQUESTS, requests);
                batch.setLong(HistogramColumn.TOKENS, tokens);
                batch.setString(HistogramColumn.HOST, host);
                batch.setString(HistogramColumn.USER, user);
                batch.endRow();
            });
            new ParquetSink(connection, allocator).write(batch, root.resolve(histogram));
        }
        return histogram;
    }
}
