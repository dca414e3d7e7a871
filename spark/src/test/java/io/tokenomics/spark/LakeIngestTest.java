package io.tokenomics.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.ingest.Ingest;
import io.tokenomics.lake.Lake;
import io.tokenomics.lake.LakeListing;
import io.tokenomics.lake.PublishOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark application writes, table by table, the rows that ingest and publish write from the same corpus, and
 * run again adds only what the lake lacks.
 */
class LakeIngestTest {
    @TempDir
    Path temp;

    @Test
    void shouldWriteTheRowsIngestAndPublishWrite() throws Exception {
        Path corpus = temp.resolve("corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 14, 61, 0));
        Path data = temp.resolve("data");
        Ingest.run(Ingest.builder(List.of(corpus), data).threads(2).host("farm").user("team").build());
        Path published = temp.resolve("published");
        Lake.publish(new PublishOptions(data, published, 2, null, 1000));

        Path written = temp.resolve("written");
        SparkSession spark = LocalSpark.start(temp);
        long turns;
        try {
            turns = LakeIngest.run(spark, new LakeIngest.Options(corpus.toUri(), written.toUri(), "farm", "team"));
        } finally {
            spark.stop();
        }
        assertTrue(turns > 0);
        assertSameTables(published, written);
        try (Connection connection = DuckDb.openInMemory(2); Statement statement = connection.createStatement()) {
            assertEquals(turns, count(statement, "SELECT count(*) FROM (" + Lake.duckDbTable(Lake.list(published),
                    Table.TURNS) + ")"));
        }
    }

    @Test
    void shouldAddOnlyWhatTheLakeLacksWhenRunAgain() throws Exception {
        Path corpus = temp.resolve("corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 10, 62, 0));
        Path written = temp.resolve("written");
        SparkSession spark = LocalSpark.start(temp);
        try {
            LakeIngest.Options options = new LakeIngest.Options(corpus.toUri(), written.toUri(), "farm", "team");
            assertTrue(LakeIngest.run(spark, options) > 0);
            List<Path> first = files(written);
            assertEquals(0, LakeIngest.run(spark, options), "the same corpus again: no turn");
            assertEquals(first, files(written), "the same corpus again: no file");

            // New sessions under the same root: only their rows are added.
            Path added = temp.resolve("added");
            CorpusGenerator.generate(new CorpusGenerator.Options(added, 3, 63, 0));
            Path addedProjects = corpus.resolve("projects/added");
            Files.createDirectories(addedProjects.getParent());
            Files.move(added.resolve("projects"), addedProjects);
            Path addedAlone = temp.resolve("added-data");
            Ingest.run(Ingest.builder(List.of(corpus.resolve("projects/added")), addedAlone).threads(2).build());
            long addedTurns = count("SELECT count(*) FROM read_parquet(" + list(addedAlone, Table.TURNS) + ")");
            assertTrue(addedTurns > 0);
            assertEquals(addedTurns, LakeIngest.run(spark, options), "only the new sessions' turns");
        } finally {
            spark.stop();
        }
        Path data = temp.resolve("data");
        Ingest.run(Ingest.builder(List.of(corpus), data).threads(2).host("farm").user("team").build());
        Path published = temp.resolve("published");
        Lake.publish(new PublishOptions(data, published, 2, null, 1000));
        assertSameTables(published, written);
        for (Table table : Lake.tables()) {
            String relation = "read_parquet(" + DuckDb.literal(written.resolve(table.tableName()) + "/**/*.parquet")
                    + ")";
            assertEquals(count("SELECT count(*) FROM " + relation), count("SELECT count(*) FROM ("
                    + Lake.duckDbTable(Lake.list(written), table) + ")"), table.tableName() + ": no row twice");
        }
    }

    /** The lakes' deduplicated tables hold the same rows. */
    private static void assertSameTables(Path published, Path written) throws Exception {
        LakeListing ours = Lake.list(published);
        LakeListing theirs = Lake.list(written);
        try (Connection connection = DuckDb.openInMemory(2); Statement statement = connection.createStatement()) {
            for (Table table : Lake.tables()) {
                String a = "(" + Lake.duckDbTable(ours, table) + ")";
                String b = "(" + Lake.duckDbTable(theirs, table) + ")";
                assertEquals(count(statement, "SELECT count(*) FROM " + a), count(statement, "SELECT count(*) FROM "
                        + b), table.tableName());
                assertEquals(0, count(statement, "SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT *"
                        + " FROM " + b + ")"), table.tableName());
                assertEquals(0, count(statement, "SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT *"
                        + " FROM " + a + ")"), table.tableName());
            }
        }
    }

    private static List<Path> files(Path lake) throws Exception {
        try (Stream<Path> walk = Files.walk(lake)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static String list(Path data, Table table) throws Exception {
        List<String> literals = new ArrayList<>();
        for (Path file : Dataset.files(data, new Dataset(data).tables().orElse(Manifest.empty()), table)) {
            literals.add(DuckDb.literal(file.toString()));
        }
        return "[" + String.join(", ", literals) + "]";
    }

    private static long count(String sql) throws Exception {
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement()) {
            return count(statement, sql);
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
