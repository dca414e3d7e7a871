package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import io.tokenomics.corpus.CorpusGenerator;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn stamped in year 9999 that a dataset took in before the ingest checked times made budget run for minutes
 * and die out of memory (a day per row up to it), and blocks overflow: the reports leave such rows out.
 */
class FarFutureRowTest {
    @TempDir
    Path dir;

    @Test
    void shouldAnswerEveryReportOverADatasetHoldingATurnOfYear9999() throws Exception {
        Path corpus = dir.resolve("corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 6, 2, 0));
        Path data = dir.resolve("data");
        Map<String, String> environment = new HashMap<>();
        environment.put("HOME", dir.toString());
        environment.put("TZ", "UTC");
        assertEquals(0, ReportCorpus.runWith(environment, "ingest", corpus.toString(), "--data", data.toString())
                .code());
        String before = ReportCorpus.runWith(environment, "daily", "--json", "--data", data.toString()).out();

        // A copy of one turn, stamped 9999-12-31, in a table file the manifest names.
        Dataset dataset = new Dataset(data);
        Manifest manifest = dataset.manifest().orElseThrow();
        Path far = data.resolve("turns/20260101T000000000Z-f00d.parquet");
        Path committed = Dataset.files(data, manifest, Table.TURNS).get(0);
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT * REPLACE (TIMESTAMPTZ '9999-12-31 23:59:59+00' AS ts, 'far' AS"
                    + " message_id) FROM read_parquet(" + DuckDb.literal(committed.toString()) + ") LIMIT 1) TO "
                    + DuckDb.literal(far.toString()) + " (FORMAT PARQUET)");
        }
        Map<String, List<String>> tables = new LinkedHashMap<>(manifest.tables());
        List<String> turns = new ArrayList<>(tables.get("turns"));
        turns.add("turns/" + far.getFileName());
        tables.put("turns", turns);
        dataset.commit(new Manifest(manifest.format(), manifest.runId(), tables, manifest.rows(), manifest.files()));

        for (String report : List.of("budget", "blocks", "daily --json", "dashboard --out -", "tail")) {
            List<String> args = new ArrayList<>(List.of(report.split(" ")));
            args.addAll(List.of("--data", data.toString()));
            ReportCorpus.Output o = assertTimeoutPreemptively(Duration.ofSeconds(60),
                    () -> ReportCorpus.runWith(environment, args.toArray(new String[0])), report);
            assertEquals(0, o.code(), report + ": " + o.err());
            if (report.equals("daily --json")) {
                assertEquals(before, o.out());
            }
        }
    }
}
