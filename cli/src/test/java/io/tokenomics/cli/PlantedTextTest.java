package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import io.tokenomics.corpus.CorpusGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No target path, command line, prompt or skill name reaches the dataset: the words the generator plants in them
 * are in the corpus, and in no column of any Parquet file of the ingested dataset.
 */
class PlantedTextTest {
    @Test
    void shouldKeepNoPlantedPathCommandOrPromptInAnyColumn() throws Exception {
        ReportCorpus corpus = ReportCorpus.of(11, 300);
        Set<String> planted = new HashSet<>();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus.corpus)) {
            files = walk.filter(f -> f.toString().endsWith(".jsonl")).toList();
        }
        for (Path file : files) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            for (String word : CorpusGenerator.PLANTED_WORDS) {
                if (text.contains(word)) {
                    planted.add(word);
                }
            }
        }
        assertEquals(Set.copyOf(CorpusGenerator.PLANTED_WORDS), planted, "every word is in the corpus");

        long rows = 0;
        try (Connection connection = DuckDb.openInMemory(1)) {
            for (Table table : Table.values()) {
                Path folder = corpus.data.resolve(table.tableName());
                if (!Files.isDirectory(folder)) {
                    continue;
                }
                String parquet = "read_parquet(" + DuckDb.literal(folder.resolve("*.parquet").toString())
                        + ", union_by_name = true)";
                rows += count(connection, "SELECT count(*) FROM " + parquet, null);
                for (String word : CorpusGenerator.PLANTED_WORDS) {
                    assertEquals(0, count(connection, "SELECT count(*) FROM " + parquet
                            + " t WHERE contains(CAST(t AS VARCHAR), ?)", word), table.tableName() + ": " + word);
                }
            }
        }
        assertTrue(rows > 10_000, "the dataset was read: " + rows + " rows");
    }

    private static long count(Connection connection, String sql, String word) throws Exception {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (word != null) {
                statement.setString(1, word);
            }
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
