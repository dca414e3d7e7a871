package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Table;
import io.tokenomics.corpus.CorpusGenerator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every row of every table says whose it is and where it was read: the run's user and host. */
class RowOriginTest {
    @TempDir
    Path temp;

    @Test
    void shouldWriteTheRunsUserAndHostOnEveryRowOfEveryTable() throws Exception {
        Path corpus = temp.resolve("corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 12, 5, 0));
        Path data = temp.resolve("data");
        Ingest.run(Ingest.builder(List.of(corpus), data).threads(2).host("laptop-7").user("alice").build());

        for (Table table : Table.values()) {
            String name = table.tableName();
            double rows = Fixtures.number(data, "SELECT count(*) FROM " + name);
            assertTrue(rows > 0 || table == Table.COMPACTIONS, name + " has rows");
            assertEquals(rows, Fixtures.number(data, "SELECT count(*) FROM " + name
                    + " WHERE \"user\" = 'alice' AND host = 'laptop-7'"), name);
        }
    }
}
