package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.KeyIndex;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset between runs, as readers other than the next ingest see it: a report that has read the manifest, an
 * engine that globs the table folders (README: {@code read_parquet('.../turns/*.parquet')}), a reader that trusts
 * the column types.
 */
class CommittedDatasetTest {
    @TempDir
    Path temp;

    /**
     * A killed run may have written table files that no manifest names (it died before its manifest rename). The
     * next run removes them, or every engine that reads a table folder counts their rows twice.
     */
    @Test
    void shouldRemoveTableFilesThatNoManifestNamesLeftByAKilledRun() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 6, 8);
        corpus.copyTheRest();
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(corpus.root()), 2);
        Manifest manifest = new Dataset(data).manifest().orElseThrow();
        // What a run killed between its COPY and its manifest rename leaves: whole table files under its own run id
        // (a table may be written in parts, each a file), with their key indexes.
        for (Table table : Table.values()) {
            int part = 0;
            for (Path file : Dataset.files(data, manifest, table)) {
                Path dead = file.resolveSibling("20260101T000000000Z-dead-" + part++ + ".parquet");
                Files.copy(file, dead);
                if (table.dedupKey() != null) {
                    Files.copy(KeyIndex.of(file), KeyIndex.of(dead));
                }
            }
        }

        Fixtures.ingest(data, List.of(corpus.root()), 2);

        Manifest after = new Dataset(data).manifest().orElseThrow();
        for (Table table : Table.values()) {
            // The named files, and beside each of a table with a key, its key index.
            List<String> named = new ArrayList<>();
            for (Path file : Dataset.files(data, after, table)) {
                named.add(file.getFileName().toString());
                if (table.dedupKey() != null) {
                    named.add(KeyIndex.of(file).getFileName().toString());
                }
            }
            List<String> present;
            try (var files = Files.list(data.resolve(table.tableName()))) {
                present = files.map(f -> f.getFileName().toString()).sorted().toList();
            }
            assertEquals(named.stream().sorted().toList(), present, table.tableName());
        }
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT count(*) FROM read_parquet("
                     + DuckDb.literal(data.resolve("turns").toString() + "/*.parquet") + ")")) {
            rs.next();
            assertEquals(corpus.expectedTotals().turns(), rs.getLong(1), "turns of a glob over the table folder");
        }
    }

    /**
     * Every column of every committed file has the type its table declares, also after a run merged new rows into
     * committed ones: a count stays a BIGINT, never a DOUBLE (which a sum over BIGINTs becomes on its way through
     * HUGEINT to Parquet).
     */
    @Test
    void shouldKeepTheDeclaredTypeOfEveryColumnThroughMerges() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 6, 9);
        SplittableRandom random = new SplittableRandom(9);
        corpus.grow(random);
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(corpus.root()), 2);
        corpus.copyTheRest();
        Fixtures.ingest(data, List.of(corpus.root()), 2);

        Manifest manifest = new Dataset(data).manifest().orElseThrow();
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement()) {
            for (Table table : Table.values()) {
                for (Path file : Dataset.files(data, manifest, table)) {
                    assertEquals(columns(statement, table.emptySelect()), columns(statement,
                            "SELECT * FROM read_parquet(" + DuckDb.literal(file.toString()) + ")"), file.toString());
                }
            }
        }
    }

    /** "name TYPE" of each column of the query's result. */
    private static List<String> columns(Statement statement, String query) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery("DESCRIBE " + query)) {
            while (rs.next()) {
                columns.add(rs.getString("column_name") + " " + rs.getString("column_type"));
            }
        }
        return columns;
    }
}
