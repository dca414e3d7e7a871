package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a committed dataset holds, summed: enough to tell two states apart and to compare one with the totals the
 * corpus generator wrote ({@code expected.json}).
 */
record DatasetTotals(long turns, long input, long output, long write5m, long write1h, long cacheRead, long rejects,
        long files) {

    /** The committed state, after checking that every file its manifest names exists. */
    static DatasetTotals read(Path data) throws Exception {
        Manifest manifest = new Dataset(data).manifest().orElse(Manifest.empty());
        for (Table table : Table.values()) {
            for (Path file : Dataset.files(data, manifest, table)) {
                assertTrue(Files.isRegularFile(file), "the manifest names " + file + ", which does not exist");
            }
        }
        return read(data, manifest);
    }

    /**
     * The state {@code manifest} names, read as a report reads it: in one DuckDB session over exactly its files. A
     * file that is gone fails the read with an {@link java.sql.SQLException}.
     */
    static DatasetTotals read(Path data, Manifest manifest) throws Exception {
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement()) {
            for (Table table : Table.values()) {
                List<String> literals = new ArrayList<>();
                for (Path file : Dataset.files(data, manifest, table)) {
                    literals.add(DuckDb.literal(file.toString()));
                }
                statement.execute("CREATE VIEW " + table.tableName() + " AS " + (literals.isEmpty()
                        ? table.emptySelect()
                        : "SELECT * FROM read_parquet([" + String.join(",", literals) + "], union_by_name = true)"));
            }
            try (ResultSet rs = statement.executeQuery("SELECT count(*), coalesce(sum(input_tokens), 0),"
                    + " coalesce(sum(output_tokens), 0), coalesce(sum(cache_write_5m_tokens), 0),"
                    + " coalesce(sum(cache_write_1h_tokens), 0), coalesce(sum(cache_read_tokens), 0),"
                    + " (SELECT count(*) FROM rejects), (SELECT count(*) FROM files) FROM turns")) {
                rs.next();
                return new DatasetTotals(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), rs.getLong(8));
            }
        }
    }

    /**
     * The totals the generator says a correct ingest of the Claude part of its corpus has ({@code expected.json}
     * counts Claude alone, but for its "files", which count Codex rollouts too), for that part's {@code files}.
     */
    static DatasetTotals expected(JsonNode generated, long files) {
        JsonNode totals = generated.get("totals");
        long rejects = 0;
        for (JsonNode n : generated.get("rejects")) {
            rejects += n.asLong();
        }
        return new DatasetTotals(generated.get("responses").asLong(), totals.get("input_tokens").asLong(),
                totals.get("output_tokens").asLong(), totals.get("cache_creation_5m_tokens").asLong(),
                totals.get("cache_creation_1h_tokens").asLong(), totals.get("cache_read_tokens").asLong(), rejects,
                files);
    }
}
