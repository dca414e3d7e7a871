package io.tokenomics.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.ingest.Ingest;
import io.tokenomics.lake.Engine;
import io.tokenomics.lake.Lake;
import io.tokenomics.lake.LakeDdl;
import io.tokenomics.lake.PublishOptions;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportFilter;
import io.tokenomics.query.UsageReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Spark SQL over a lake of several generated machines, declared by {@code tokenomics ddl --engine spark}: its daily
 * totals, per-user totals and session-cost percentiles equal tokenomics' own, also when one machine's responses
 * reached the lake from two.
 */
class SparkLakeTest {
    private static final String TOKENS = "sum(input_tokens), sum(output_tokens), sum(cache_write_5m_tokens"
            + " + cache_write_1h_tokens), sum(cache_read_tokens), sum(cost_usd)";

    @TempDir
    static Path temp;
    static Path lake;
    static SparkSession spark;

    @BeforeAll
    static void lakeAndSpark() throws Exception {
        lake = temp.resolve("lake");
        for (int host = 1; host <= 3; host++) {
            Lake.publish(options(ingest("m" + host, 40 + host, "person" + (host == 3 ? 1 : host), "box" + host),
                    lake));
        }
        // A fourth machine holding the second one's transcripts, published at the same time into another copy of
        // the lake and synced into this one: the lake holds those responses twice.
        Path other = temp.resolve("other");
        Lake.publish(options(ingest("m4", 42, "person2", "box4"), other));
        try (Stream<Path> walk = Files.walk(other)) {
            for (Path file : walk.filter(f -> f.toString().contains("host=box4")).filter(Files::isRegularFile)
                    .toList()) {
                Path copy = lake.resolve(other.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
        spark = LocalSpark.start(temp);
        for (String statement : LakeDdl.script(Engine.SPARK, lake.toUri().toString()).split(";\n")) {
            if (!statement.isBlank()) {
                spark.sql(statement);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    private static Path ingest(String name, long seed, String user, String host) throws Exception {
        Path corpus = temp.resolve(name + "-corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 12, seed, 0));
        Path data = temp.resolve(name + "-data");
        Ingest.run(Ingest.builder(List.of(corpus), data).threads(2).host(host).user(user).build());
        return data;
    }

    private static PublishOptions options(Path data, Path target) {
        return new PublishOptions(data, target, 2, null, 1000);
    }

    @Test
    void shouldHoldEveryResponseOnceThoughTheLakeHoldsSomeTwice() {
        long raw = spark.sql("SELECT count(*) FROM lake_turns").first().getLong(0);
        long kept = spark.sql("SELECT count(*) FROM turns").first().getLong(0);
        assertTrue(raw > kept, raw + " rows, " + kept + " kept");
        assertEquals(kept, spark.sql("SELECT count(DISTINCT coalesce(message_id, file || '#' || line_offset))"
                + " FROM lake_turns").first().getLong(0));
    }

    @Test
    void shouldSumEachDayAsTokenomicsDaily() throws Exception {
        Map<String, double[]> ours = new TreeMap<>();
        try (QuerySession session = QuerySession.open(lake, ZoneOffset.UTC, 2)) {
            for (UsageReport.Group day : UsageReport.daily(session, ReportFilter.NONE)) {
                ours.put(day.key(), values(day.total()));
            }
        }
        Map<String, double[]> theirs = new TreeMap<>();
        for (Row row : spark.sql("SELECT date_format(ts, 'yyyy-MM-dd'), " + TOKENS + " FROM turns GROUP BY 1")
                .collectAsList()) {
            theirs.put(row.getString(0), values(row));
        }
        assertSame(ours, theirs);
    }

    @Test
    void shouldSumEachPersonAsTokenomicsByUser() throws Exception {
        Map<String, double[]> ours = new TreeMap<>();
        try (QuerySession session = QuerySession.open(lake, ZoneOffset.UTC, 2)) {
            for (UsageReport.Group group : UsageReport.byParty(session, UsageReport.byPartyVariables(
                    ReportFilter.NONE, UsageReport.Period.month, DayOfWeek.SUNDAY, "user"))) {
                double[] values = values(group.total());
                double[] sum = ours.computeIfAbsent(group.project(), p -> new double[values.length]);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += values[i];
                }
            }
        }
        Map<String, double[]> theirs = new TreeMap<>();
        for (Row row : spark.sql("SELECT `user`, " + TOKENS + " FROM turns GROUP BY `user`").collectAsList()) {
            theirs.put(row.getString(0), values(row));
        }
        assertEquals(List.of("person1", "person2"), List.copyOf(theirs.keySet()));
        assertSame(ours, theirs);
    }

    @Test
    void shouldFindTheSessionCostPercentilesOfTokenomicsTail() throws Exception {
        double[] ours = new double[4];
        String tail = QuerySession.resource("tail.sql");
        int start = tail.indexOf("-- section sessions");
        String sessions = tail.substring(start, tail.indexOf("-- section", start + 1)).strip();
        try (QuerySession session = QuerySession.open(lake, ZoneOffset.UTC, 2)) {
            ReportFilter.NONE.apply(session);
            try (ResultSet rs = session.query(sessions.endsWith(";") ? sessions.substring(0, sessions.length() - 1)
                    : sessions)) {
                List<String> wanted = List.of("p50", "p90", "p95", "p99");
                while (rs.next()) {
                    int at = wanted.indexOf(rs.getString("statistic"));
                    if (at >= 0) {
                        ours[at] = rs.getDouble("cost_usd");
                    }
                }
            }
        }
        Row row = spark.sql("SELECT percentile(cost, array(0.5, 0.9, 0.95, 0.99)) FROM (SELECT session_id,"
                + " sum(cost_usd) AS cost FROM turns GROUP BY session_id)").first();
        List<Object> theirs = row.getList(0);
        assertTrue(ours[0] > 0);
        for (int i = 0; i < ours.length; i++) {
            assertEquals(ours[i], ((Number) theirs.get(i)).doubleValue(), 1e-9, "percentile " + i);
        }
    }

    private static double[] values(UsageReport.ModelUsage m) {
        return new double[] {m.inputTokens(), m.outputTokens(), m.cacheCreationTokens(), m.cacheReadTokens(),
            m.cost()};
    }

    private static double[] values(Row row) {
        double[] values = new double[5];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.isNullAt(i + 1) ? 0 : ((Number) row.get(i + 1)).doubleValue();
        }
        return values;
    }

    private static void assertSame(Map<String, double[]> ours, Map<String, double[]> theirs) {
        assertEquals(ours.keySet(), theirs.keySet());
        for (String key : ours.keySet()) {
            for (int i = 0; i < 4; i++) {
                assertEquals(ours.get(key)[i], theirs.get(key)[i], key + " tokens " + i);
            }
            assertEquals(ours.get(key)[4], theirs.get(key)[4], 1e-6, key + " cost");
        }
    }
}
