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
            files.add(new Manifest.FileEntry("/p/s" + i + ".jsonl", i, i, i, i, 0, i, "r1",
                    i % 2 == 0 ? "(dev=1,ino=" + i + ")" : ""));
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
    void shouldReadTheManifestsEarlierVersionsWrote() throws IOException {
        // As the object mapper wrote it before the manifest had a reader of its own.
        Files.writeString(temp.resolve("manifest.json"), "{\"format\":1,\"run_id\":\"r\",\"tables\":{\"turns\":"
                + "[\"turns/r.parquet\"],\"files\":[\"files/r.parquet\"]},\"rows\":{\"turns\":7,\"files\":1},"
                + "\"files\":[{\"path\":\"/p/s.jsonl\",\"size\":10,\"mtime_ms\":1700000000000,\"ingested_bytes\":9,"
                + "\"lines\":3,\"rejects\":1,\"head_hash\":-5,\"run_id\":null}]}");
        Manifest manifest = new Dataset(temp).manifest().orElseThrow();
        assertEquals(new Manifest(1, "r", Map.of("turns", List.of("turns/r.parquet"), "files",
                List.of("files/r.parquet")), Map.of("turns", 7L, "files", 1L),
                List.of(new Manifest.FileEntry("/p/s.jsonl", 10, 1700000000000L, 9, 3, 1, -5, null, ""))), manifest);
    }

    @Test
    void shouldNameTheFieldOfAManifestThatIsNotOne() throws IOException {
        String[][] broken = {
            {"{\"format\":1,\"run_id\":\"a\",\"tables\":null,\"rows\":{}}", "tables: expected an object"},
            {"{\"format\":1,\"tables\":{\"turns\":[\"turns/a.parquet\",1,\"b\"]},\"rows\":{}}",
                "tables.turns[1]: expected a file name"},
            // A name outside its table's folder: a run would delete that file once it replaces it.
            {"{\"format\":1,\"tables\":{\"turns\":[\"turns/../victim/x.parquet\"]},\"rows\":{}}",
                "'turns/../victim/x.parquet' is not a Parquet file in the turns folder"},
            {"{\"format\":1,\"tables\":{\"turns\":[\"/etc/passwd\"]},\"rows\":{}}", "is not a Parquet file"},
            {"{\"format\":1,\"tables\":{\"turns\":[\"rejects/x.parquet\"]},\"rows\":{}}", "is not a Parquet file"},
            {"{\"format\":1,\"tables\":{\"turns\":[\"turns/.x.parquet\"]},\"rows\":{}}", "is not a Parquet file"},
            {"{\"format\":1,\"tables\":{\"mine\":[\"mine/x.parquet\"]},\"rows\":{}}", "is not a Parquet file"},
            {"{\"format\":1,\"tables\":{},\"rows\":{\"turns\":\"7\"}}", "rows.turns: expected a whole number"},
            {"{\"format\":1,\"tables\":{},\"rows\":{},\"files\":[{\"path\":\"/a\",\"size\":1.5}]}",
                "files[0].size: expected a whole number"},
            {"{\"format\":1,\"tables\":{},\"rows\":{},\"files\":[{\"size\":1}]}", "files[0] has no path"},
            {"{\"format\":1,\"run_id\":\"a\",\"tables\":[],\"rows\":{}}", "tables: expected an object"},
            {"{\"format\":1,\"tables\":{},\"rows\":{},\"files\":{}}", "files: expected an array"},
            {"{\"format\":1,\"tables\":{},\"rows\":{},\"files\":[[]]}", "files[0]: expected an object"},
            {"[1,2]", "not a manifest"},
            {"{\"format\":1,\"tables\":{", "not a manifest"},
        };
        for (String[] manifest : broken) {
            Files.writeString(temp.resolve("manifest.json"), manifest[0]);
            IOException e = assertThrows(IOException.class, () -> new Dataset(temp).manifest(), manifest[0]);
            assertTrue(e.getMessage().contains(manifest[1]), manifest[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void shouldRefuseAnotherFormatAndReadNothingWhereNothingWasWritten() throws IOException {
        assertTrue(new Dataset(temp.resolve("never")).tables().isEmpty());
        Files.writeString(temp.resolve("manifest.json"), "{\"format\":2,\"run_id\":\"a\",\"tables\":{},\"rows\":{}}");
        IOException e = assertThrows(IOException.class, () -> new Dataset(temp).tables());
        assertTrue(e.getMessage().contains("manifest format 2"), e.getMessage());
    }
}
