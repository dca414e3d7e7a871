package io.tokenomics.columnar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports read the manifest's tables without its file entries; they must get what the whole manifest says about the
 * tables, whatever the order of its fields.
 */
class DatasetTest {
    @TempDir
    Path temp;

    @Test
    void shouldReadTheTablesOfTheCommittedManifestWithoutItsFiles() throws IOException {
        List<Manifest.FileEntry> files = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            files.add(new Manifest.FileEntry("/p/s" + i + ".jsonl", i, i, i, i, 0, i, "r1"));
        }
        Manifest manifest = new Manifest(Manifest.FORMAT, "r1",
                Map.of("turns", List.of("turns/r0.parquet", "turns/r1.parquet"), "files", List.of("files/r1.parquet")),
                Map.of("turns", 42L, "files", 1000L), files);
        Dataset dataset = new Dataset(temp);
        dataset.commit(manifest);

        Manifest tables = dataset.tables().orElseThrow();
        assertEquals(new Manifest(Manifest.FORMAT, "r1", manifest.tables(), manifest.rows(), List.of()), tables);
        assertEquals(manifest, dataset.manifest().orElseThrow());
    }

    @Test
    void shouldReadTheTablesWhateverTheOrderOfTheFields() throws IOException {
        Files.writeString(temp.resolve("manifest.json"), "{\"files\":[{\"path\":\"/a.jsonl\",\"size\":1}],"
                + "\"rows\":{\"turns\":3},\"extra\":{\"x\":[1,2]},\"tables\":{\"turns\":[\"turns/a.parquet\"]},"
                + "\"run_id\":\"a\",\"format\":1}");
        Manifest tables = new Dataset(temp).tables().orElseThrow();
        assertEquals(Map.of("turns", List.of("turns/a.parquet")), tables.tables());
        assertEquals(3, tables.rowCount(Table.TURNS));
        assertEquals("a", tables.runId());
        assertTrue(tables.files().isEmpty());
    }

    @Test
    void shouldStopReadingBeforeTheFileEntriesWhenTheyComeLast() throws IOException {
        // Entries that would not even parse: only a reader that stops before them gets the tables.
        Files.writeString(temp.resolve("manifest.json"), "{\"format\":1,\"run_id\":\"a\","
                + "\"tables\":{\"turns\":[\"turns/a.parquet\"]},\"rows\":{\"turns\":3},\"files\":[{\"path\":");
        assertEquals(List.of("turns/a.parquet"), new Dataset(temp).tables().orElseThrow().tables().get("turns"));
        assertThrows(IOException.class, () -> new Dataset(temp).manifest());
    }

    @Test
    void shouldRefuseAnotherFormatAndReadNothingWhereNothingWasWritten() throws IOException {
        assertTrue(new Dataset(temp.resolve("never")).tables().isEmpty());
        Files.writeString(temp.resolve("manifest.json"), "{\"format\":2,\"run_id\":\"a\",\"tables\":{},\"rows\":{}}");
        IOException e = assertThrows(IOException.class, () -> new Dataset(temp).tables());
        assertTrue(e.getMessage().contains("manifest format 2"), e.getMessage());
    }
}
