package io.tokenomics.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Table;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.ingest.Ingest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What publish puts into a lake, and what it leaves out when asked again. */
class PublishTest {
    @TempDir
    Path temp;

    @Test
    void shouldWriteEveryRowOnceInHivePartitionsAndNothingWhenPublishedAgain() throws Exception {
        Path data = LakeCorpus.ingest(temp, "one", 11, "alice", "alice-laptop");
        Path lake = temp.resolve("lake");
        PublishSummary first = Lake.publish(LakeCorpus.options(data, lake));
        assertEquals(List.of("alice-laptop"), first.hosts());
        assertTrue(first.files() > 0);
        for (Table table : Lake.tables()) {
            assertEquals(LakeCorpus.number(data, "SELECT count(*) FROM " + LakeCorpus.local(data, table)),
                    first.rows(table), table.tableName());
        }
        assertTrue(Files.isRegularFile(lake.resolve("tokenomics-lake.json")));
        try (Stream<Path> walk = Files.walk(lake.resolve("turns"))) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                Path relative = lake.resolve("turns").relativize(file);
                assertEquals("host=alice-laptop", relative.getName(0).toString(), relative.toString());
                assertTrue(relative.getName(1).toString().matches("month=\\d{4}-\\d{2}"), relative.toString());
                assertTrue(relative.getFileName().toString().matches("v1-[0-9a-f]{12}-\\d{8}T\\d{9}Z-\\d+\\.parquet"),
                        relative.toString());
            }
        }
        try (Stream<Path> entries = Files.list(lake)) {
            assertFalse(entries.anyMatch(p -> p.getFileName().toString().startsWith(".staging-")),
                    "the staging folder is gone");
        }
        String tokens = "SELECT sum(input_tokens + output_tokens + cache_read_tokens + cache_write_5m_tokens"
                + " + cache_write_1h_tokens) FROM ";
        assertEquals(LakeCorpus.number(data, tokens + LakeCorpus.local(data, Table.TURNS)),
                LakeCorpus.number(data, tokens + LakeCorpus.raw(lake, Table.TURNS)));
        assertEquals(LakeCorpus.number(data, "SELECT count(*) FROM " + LakeCorpus.local(data, Table.TURNS)
                + " WHERE \"user\" = 'alice'"), first.rows(Table.TURNS));

        List<Path> before = LakeCorpus.files(lake);
        PublishSummary again = Lake.publish(LakeCorpus.options(data, lake));
        assertEquals(0, again.files());
        assertEquals(before, LakeCorpus.files(lake));
        assertTrue(again.line().startsWith("nothing new to publish"), again.line());
    }

    @Test
    void shouldCompactAHostsPartitionOfManyPublishesIntoOneFileAndKeepEveryRowOnce() throws Exception {
        Path data = temp.resolve("grown-data");
        Path lake = temp.resolve("lake");
        List<Path> corpora = new ArrayList<>();
        String tokens = "SELECT count(*) || ' ' || sum(input_tokens + output_tokens + cache_read_tokens"
                + " + cache_write_5m_tokens + cache_write_1h_tokens) FROM ";
        int compacted = 0;
        for (int publish = 1; publish <= Compactor.MOST_FILES + 1; publish++) {
            // Each publish brings sessions of a new seed: new rows in the same months, so a file more per folder.
            Path corpus = temp.resolve("part-" + publish);
            CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 4, 40 + publish, 0));
            corpora.add(corpus);
            Ingest.run(Ingest.builder(corpora, data).threads(2).host("grown").user("gina").build());
            PublishSummary summary = Lake.publish(LakeCorpus.options(data, lake));
            assertTrue(summary.files() > 0, summary.line());
            compacted += summary.compacted();
            for (Table table : Lake.tables()) {
                assertEquals(LakeCorpus.number(data, "SELECT count(*) FROM " + LakeCorpus.local(data, table)),
                        LakeCorpus.number(data, "SELECT count(*) FROM (" + Lake.duckDbTable(Lake.list(lake), table)
                        + ")"),
                        table.tableName() + " after publish " + publish);
            }
            // Plain DuckDB over the files: no row twice, compacted or not (the corpora share no response).
            assertEquals(LakeCorpus.text(tokens + LakeCorpus.local(data, Table.TURNS)),
                    LakeCorpus.text(tokens + LakeCorpus.raw(lake, Table.TURNS)), "publish " + publish);
        }
        assertTrue(compacted > Compactor.MOST_FILES, "compacted " + compacted);
        Map<Path, Long> perFolder = new TreeMap<>();
        for (Path file : LakeCorpus.files(lake.resolve("turns"))) {
            perFolder.merge(file.getParent(), 1L, Long::sum);
        }
        assertTrue(perFolder.values().stream().allMatch(n -> n <= Compactor.MOST_FILES), perFolder.toString());
        List<Path> before = LakeCorpus.files(lake);
        assertEquals(0, Lake.publish(LakeCorpus.options(data, lake)).files());
        assertEquals(before, LakeCorpus.files(lake), "nothing new: nothing written, nothing compacted");
    }

    @Test
    void shouldHashUserHostAndProjectWithTheSaltUnderAnonymize() throws Exception {
        Path data = LakeCorpus.ingest(temp, "one", 12, "alice", "alice-laptop");
        Path lake = temp.resolve("lake");
        PublishSummary summary = Lake.publish(new PublishOptions(data, lake, 2, "team-secret", 1000));
        String host = summary.hosts().get(0);
        assertTrue(host.matches("[0-9a-f]{16}"), host);
        String raw = LakeCorpus.raw(lake, Table.TURNS);
        assertEquals(0, LakeCorpus.number(data, "SELECT count(*) FROM " + raw + " WHERE \"user\" = 'alice'"
                + " OR host = 'alice-laptop' OR project IN (SELECT project FROM " + LakeCorpus.local(data, Table.TURNS)
                + ") OR file LIKE '/%' OR cwd LIKE '/%'"));
        assertEquals(1, LakeCorpus.number(data, "SELECT count(DISTINCT \"user\") FROM " + raw));
        assertEquals(LakeCorpus.number(data, "SELECT count(DISTINCT project) FROM "
                + LakeCorpus.local(data, Table.TURNS)), LakeCorpus.number(data, "SELECT count(DISTINCT project) FROM "
                + raw));
        assertEquals(0, Lake.publish(new PublishOptions(data, lake, 2, "team-secret", 1000)).files(),
                "the same salt gives the same hashes: nothing is new");
    }
    /**
     * A compaction that fails after the rows were moved into the lake (here: a published file whose column of model
     * names cannot be read, which only a compaction reads whole) does not fail the publish: the rows are there, the
     * summary says what failed, and the lake holds every row of the dataset.
     */
    @Test
    void shouldPublishTheRowsAndSayWhenCompactingAPartitionFails() throws Exception {
        Path data = temp.resolve("broken-data");
        Path lake = temp.resolve("lake");
        List<Path> corpora = new ArrayList<>();
        for (int publish = 1; publish <= Compactor.MOST_FILES + 1; publish++) {
            Path corpus = temp.resolve("broken-part-" + publish);
            CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 4, 60 + publish, 0));
            corpora.add(corpus);
            Ingest.run(Ingest.builder(corpora, data).threads(2).host("grown").user("gina").build());
            if (publish == Compactor.MOST_FILES + 1) {
                Path published;
                try (Stream<Path> files = Files.walk(lake.resolve("turns"))) {
                    published = files.filter(f -> f.toString().endsWith(".parquet")).sorted().findFirst()
                            .orElseThrow();
                }
                breakColumn(published, "model");
            }
            PublishSummary summary = Lake.publish(LakeCorpus.options(data, lake));
            assertTrue(summary.files() > 0, summary.line());
            if (publish <= Compactor.MOST_FILES) {
                assertEquals(null, summary.compactionFailure(), summary.line());
            } else {
                assertTrue(summary.compactionFailure() != null, summary.line());
                assertTrue(summary.line().contains("compacting its partitions failed (turns of host grown: "),
                        summary.line());
            }
        }
        // The count and the keys come from the files' footers and key columns, which the broken column spares.
        assertEquals(LakeCorpus.number(data, "SELECT count(*) FROM " + LakeCorpus.local(data, Table.TURNS)),
                LakeCorpus.number(data, "SELECT count(*) FROM (SELECT DISTINCT message_id FROM "
                        + LakeCorpus.raw(lake, Table.TURNS) + ")"));
    }

    /** Overwrites the header of the first page of a column of a Parquet file, so that reading that column fails. */
    private static void breakColumn(Path file, String column) throws Exception {
        long offset;
        try (java.sql.Connection connection = io.tokenomics.columnar.DuckDb.openInMemory(1);
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT min(coalesce(dictionary_page_offset,"
                     + " data_page_offset)) FROM parquet_metadata(" + io.tokenomics.columnar.DuckDb.literal(
                     file.toString()) + ") WHERE path_in_schema = " + io.tokenomics.columnar.DuckDb.literal(column))) {
            rs.next();
            offset = rs.getLong(1);
        }
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            byte[] garbage = new byte[24];
            java.util.Arrays.fill(garbage, (byte) 0xFF);
            channel.write(java.nio.ByteBuffer.wrap(garbage), offset);
        }
    }
}
