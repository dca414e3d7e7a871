package io.tokenomics.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.ingest.Ingest;
import io.tokenomics.lake.Lake;
import io.tokenomics.lake.LakeListing;
import io.tokenomics.lake.PublishOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark application writes, table by table, the rows that ingest and publish write from the same corpus. */
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
        LakeListing ours = Lake.list(published);
        LakeListing theirs = Lake.list(written);
        assertTrue(turns > 0);
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
            assertEquals(turns, count(statement, "SELECT count(*) FROM (" + Lake.duckDbTable(ours, Table.TURNS)
                    + ")"));
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
