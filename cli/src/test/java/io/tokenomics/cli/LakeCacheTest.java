package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.query.QuerySession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A report over a lake keeps the lake's tables in this machine's cache; when the lake changed between two reports
 * (a machine published, a partition was compacted, a file was replaced), the second report equals a fresh read of
 * the lake, with no cache.
 */
class LakeCacheTest {
    /** Every row of every lake table, hashed whole, with the row counts: equal only for the same rows. */
    private static final String TABLES = String.join(" UNION ALL ",
            "SELECT 'turns' AS t, count(*) AS n, sum(hash(x)) AS h FROM turns x",
            "SELECT 'tool_uses', count(*), sum(hash(x)) FROM tool_uses x",
            "SELECT 'tool_results', count(*), sum(hash(x)) FROM tool_results x",
            "SELECT 'prompts', count(*), sum(hash(x)) FROM prompts x",
            "SELECT 'compactions', count(*), sum(hash(x)) FROM compactions x",
            "SELECT 'rejects', count(*), sum(hash(x)) FROM rejects x") + " ORDER BY t";
    private static final String SESSIONS = "SELECT count(*), sum(turns), sum(prompts), sum(compactions),"
            + " sum(tool_result_bytes), round(sum(cost_usd), 6) FROM sessions";
    /** Publishes of one machine before a publish compacts its partitions. */
    private static final int PUBLISHES_BEFORE_COMPACTION = 4;

    @TempDir
    Path temp;

    private int freshReads;

    @Test
    void shouldReportWhatAFreshReadDoesAfterAMachinePublishes() throws Exception {
        Path lake = temp.resolve("lake");
        publish(ingest(List.of(generate("a", 11)), "data-a", "a"), lake);
        publish(ingest(List.of(generate("b", 12)), "data-b", "b"), lake);
        Path cache = temp.resolve("cache");
        String before = reports(lake, cache);
        assertEquals(fresh(lake), before);
        assertTrue(cachedFiles(cache).stream().anyMatch(f -> f.getFileName().toString().startsWith("turns-")),
                cachedFiles(cache).toString());

        publish(ingest(List.of(generate("c", 13)), "data-c", "c"), lake);
        String after = reports(lake, cache);
        assertNotEquals(before, after, "a third machine's rows are in the lake");
        assertEquals(fresh(lake), after);
    }

    @Test
    void shouldReadTheCacheAgainWhileTheLakeIsUnchanged() throws Exception {
        Path lake = temp.resolve("lake");
        publish(ingest(List.of(generate("a", 21)), "data-a", "a"), lake);
        Path cache = temp.resolve("cache");
        String first = reports(lake, cache);
        List<Path> written = cachedFiles(cache);
        assertEquals(first, reports(lake, cache));
        assertEquals(written, cachedFiles(cache), "an unchanged lake's cache is read, not made again");
    }

    @Test
    void shouldReportWhatAFreshReadDoesAfterAPartitionIsCompacted() throws Exception {
        Path lake = temp.resolve("lake");
        Path cache = temp.resolve("cache");
        List<Path> corpora = new ArrayList<>();
        String before = "";
        for (int publish = 1; publish <= PUBLISHES_BEFORE_COMPACTION; publish++) {
            corpora.add(generate("g" + publish, 70 + publish));
            publish(ingest(corpora, "data-g", "g"), lake);
            // Each report merges the new files into the cache.
            before = reports(lake, cache);
        }
        corpora.add(generate("g" + (PUBLISHES_BEFORE_COMPACTION + 1), 70 + PUBLISHES_BEFORE_COMPACTION + 1));
        String published = publish(ingest(corpora, "data-g", "g"), lake);
        assertTrue(published.contains("compacted"), published);
        String after = reports(lake, cache);
        assertNotEquals(before, after);
        assertEquals(fresh(lake), after);
    }

    @Test
    void shouldReportWhatAFreshReadDoesAfterAFileOfKeysTheCacheHoldsIsAdded() throws Exception {
        assertFreshAfter(71, lake -> {
            // Copies of b's turns beside them, as two machines publishing at once leave: half with one more output
            // token (kept over the cached rows), half with one less (not kept).
            Path file = firstFile(lake.resolve("turns").resolve("host=b"));
            String name = file.getFileName().toString();
            Path copy = file.resolveSibling(name.replaceFirst("-\\d+\\.parquet$", "-9.parquet"));
            rewrite(file, copy, "SELECT * REPLACE (CASE WHEN line_offset % 2 = 0 THEN output_tokens + 1"
                    + " ELSE output_tokens - 1 END AS output_tokens)");
        });
    }

    @Test
    void shouldReportWhatAFreshReadDoesAfterAMachinesFilesAreRemoved() throws Exception {
        assertFreshAfter(31, lake -> {
            // The rows a vanished file held may be the kept ones of their keys: they must go, not stay from the cache.
            try (Stream<Path> tables = Files.list(lake)) {
                for (Path folder : tables.map(t -> t.resolve("host=b")).filter(Files::isDirectory).toList()) {
                    try (Stream<Path> files = Files.walk(folder)) {
                        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(file);
                        }
                    }
                }
            }
        });
    }

    @Test
    void shouldReportWhatAFreshReadDoesAfterAFileIsReplaced() throws Exception {
        assertFreshAfter(41, lake -> {
            // The same name, other rows: every turn of one of b's files has one more output token.
            Path file = firstFile(lake.resolve("turns").resolve("host=b"));
            Path replacement = temp.resolve("replacement.parquet");
            rewrite(file, replacement, "SELECT * REPLACE (output_tokens + 1 AS output_tokens)");
            Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING);
        });
    }

    @Test
    void shouldReadTheLakeAgainWhenAnotherReportReplacesTheCachedFileASessionReads() throws Exception {
        Path lake = temp.resolve("lake");
        publish(ingest(List.of(generate("a", 61)), "data-a", "a"), lake);
        Path cache = temp.resolve("cache");
        String before = reports(lake, cache);
        try (QuerySession session = QuerySession.open(lake, ZoneOffset.UTC, 2,
                cache.resolve("tokenomics").resolve("lakes"))) {
            publish(ingest(List.of(generate("b", 62)), "data-b", "b"), lake);
            String after = reports(lake, cache);
            assertNotEquals(before, after);
            try (QuerySession fresh = QuerySession.open(lake, ZoneOffset.UTC, 2)) {
                assertEquals(text(fresh, SESSIONS), text(session, SESSIONS));
            }
        }
    }

    @Test
    void shouldReportWithoutACacheWhereNoneCanBeWritten() throws Exception {
        Path lake = temp.resolve("lake");
        publish(ingest(List.of(generate("a", 51)), "data-a", "a"), lake);
        Path notAFolder = Files.writeString(temp.resolve("not-a-folder"), "a file where the cache folder would be");
        assertEquals(fresh(lake), reports(lake, notAFolder));
    }

    /** The reports compared: every table's rows, the sessions' totals and daily, over the lake with this cache. */
    private static String reports(Path lake, Path cache) {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("XDG_CACHE_HOME", cache.toString());
        StringBuilder reports = new StringBuilder();
        for (String[] args : List.of(new String[] {"sql", "--format", "csv", TABLES},
                new String[] {"sql", "--format", "csv", SESSIONS}, new String[] {"daily", "--json"})) {
            List<String> all = new ArrayList<>(List.of(args));
            all.addAll(List.of("--data", lake.toString(), "--tz", "UTC"));
            ReportCorpus.Output o = ReportCorpus.runWith(environment, all.toArray(new String[0]));
            assertEquals(0, o.code(), o.err());
            reports.append(o.out());
        }
        return reports.toString();
    }

    /** The reports over the lake read afresh: a cache folder of their own, empty. */
    private String fresh(Path lake) {
        return reports(lake, temp.resolve("fresh" + ++freshReads));
    }

    private static Path firstFile(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(f -> f.toString().endsWith(".parquet")).sorted().findFirst().orElseThrow();
        }
    }

    /** Writes the rows of the Parquet file {@code from} through {@code select} (over them) to {@code to}. */
    private static void rewrite(Path from, Path to, String select) throws SQLException {
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement()) {
            statement.execute("COPY (" + select + " FROM read_parquet(" + DuckDb.literal(from.toString())
                    + ", hive_partitioning = false)) TO " + DuckDb.literal(to.toString()) + " (FORMAT parquet)");
        }
    }

    private static String text(QuerySession session, String sql) throws SQLException {
        try (ResultSet rs = session.query(sql)) {
            rs.next();
            StringBuilder row = new StringBuilder();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.append(rs.getString(i)).append(' ');
            }
            rs.getStatement().close();
            return row.toString();
        }
    }

    private static List<Path> cachedFiles(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache.resolve("tokenomics").resolve("lakes"))) {
            return files.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
    }

    private Path generate(String name, long seed) throws IOException {
        Path corpus = temp.resolve("corpus-" + name);
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 4, seed, 0));
        return corpus;
    }

    private Path ingest(List<Path> corpora, String name, String host) {
        Path data = temp.resolve(name);
        List<String> args = new ArrayList<>(List.of("ingest", "--data", data.toString(), "--host", host, "--user",
                "user-" + host, "--quiet", "--threads", "2"));
        corpora.forEach(c -> args.add(c.toString()));
        ReportCorpus.Output o = ReportCorpus.run(args.toArray(new String[0]));
        assertEquals(0, o.code(), o.err());
        return data;
    }

    /** Publishes and returns publish's line. */
    private static String publish(Path data, Path lake) {
        ReportCorpus.Output o = ReportCorpus.run("publish", lake.toString(), "--data", data.toString(), "--threads",
                "2");
        assertEquals(0, o.code(), o.err());
        return o.out();
    }

    /** What a test does to a lake between two reports. */
    private interface LakeChange {
        void apply(Path lake) throws Exception;
    }

    /**
     * Publishes machines a and b (corpora of seeds {@code seed} and {@code seed + 1}), reports, changes the lake, and
     * asserts that the second report differs from the first and equals a fresh read with no cache.
     */
    private void assertFreshAfter(long seed, LakeChange change) throws Exception {
        Path lake = temp.resolve("lake");
        publish(ingest(List.of(generate("a", seed)), "data-a", "a"), lake);
        publish(ingest(List.of(generate("b", seed + 1)), "data-b", "b"), lake);
        Path cache = temp.resolve("cache");
        String before = reports(lake, cache);
        change.apply(lake);
        String after = reports(lake, cache);
        assertNotEquals(before, after);
        assertEquals(fresh(lake), after);
    }
}
