package io.tokenomics.ingest;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.file.Files;
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

    /** The shared folder beside the repository: {@code TOKENOMICS_SHARED}, set by the build. */
    static Path shared() {
        String configured = System.getenv("TOKENOMICS_SHARED");
        Path path = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(path.resolve("fixtures"))) {
            throw new IllegalStateException("shared fixtures not found at " + path.toAbsolutePath()
                    + " (set TOKENOMICS_SHARED)");
        }
        return path.toAbsolutePath().normalize();
    }

    static Path fixtures() {
        return shared().resolve("fixtures");
    }

    static IngestSummary ingest(Path data, List<Path> roots, int threads) throws IOException, InterruptedException {
        return Ingest.run(new Ingest.Options(roots, true, data, threads, PriceTable::embedded, false, "test-host",
                0, ProgressListener.NONE));
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
