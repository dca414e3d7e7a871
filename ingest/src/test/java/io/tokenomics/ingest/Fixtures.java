package io.tokenomics.ingest;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.SharedFixtures;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Where the shared fixtures are, and a small harness that ingests paths and queries the result. */
public final class Fixtures {
    private Fixtures() {
    }

    /** The real logs beside the repository; skips the calling test where they are missing. */
    public static Path fixtures() {
        return SharedFixtures.fixtures();
    }

    public static IngestSummary ingest(Path data, List<Path> roots, int threads)
            throws IOException, InterruptedException {
        return Ingest.run(Ingest.builder(roots, data).threads(threads).host("test-host").build());
    }

    /** The single number of a query over the committed dataset, whose tables are registered as views. */
    static double number(Path data, String sql) throws IOException, SQLException {
        List<List<Object>> rows = rows(data, sql);
        Object value = rows.get(0).get(0);
        return value == null ? 0 : ((Number) value).doubleValue();
    }

    public static List<List<Object>> rows(Path data, String sql) throws IOException, SQLException {
        Manifest manifest = new Dataset(data).manifest().orElse(Manifest.empty());
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement()) {
            for (Table table : Table.values()) {
                List<Path> files = Dataset.files(data, manifest, table);
                if (files.isEmpty()) {
                    continue;
                }
                List<String> literals = new ArrayList<>();
                files.forEach(f -> literals.add(DuckDb.literal(f.toString())));
                statement.execute("CREATE VIEW " + table.tableName() + " AS SELECT * FROM read_parquet(["
                        + String.join(",", literals) + "], union_by_name = true)");
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery(sql)) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
