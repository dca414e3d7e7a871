package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.corpus.CorpusGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tokenomics repair}: a dataset that lost its manifest, a table file, or whose files or manifest cannot be
 * read is refused by reports and ingests with one line that names the repair; the repair rebuilds it from the files
 * present and the transcripts still on disk, to the same daily totals as a fresh ingest of those transcripts, and says
 * what could not be recovered.
 */
class RepairTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void shouldRebuildALostManifestFromTheTableFiles() throws Exception {
        Path corpus = corpus(11);
        Path data = ingest(corpus, "data");
        JsonNode before = daily(data);
        Files.delete(data.resolve("manifest.json"));

        ReportCorpus.Output refused = report(data, "daily");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("has lost its manifest.json") && refused.err().contains("tokenomics repair"),
                refused.err());
        assertEquals(1, ReportCorpus.run("ingest", corpus.toString(), "--data", data.toString()).code());

        ReportCorpus.Output repaired = ReportCorpus.run("repair", corpus.toString(), "--data", data.toString());
        assertEquals(0, repaired.code(), repaired.err());
        assertTrue(repaired.out().contains("manifest.json was missing"), repaired.out());
        assertEquals(before, daily(data));
    }

    /** The rows of a lost file whose transcript is gone too cannot come back: the repair counts them. */
    @Test
    void shouldSayHowManyTurnsALostFileTookWithIt() throws Exception {
        Path corpus = corpus(12);
        Path data = ingest(corpus, "data");
        long turnsBefore = turns(data);
        for (Path turns : tableFiles(data.resolve("turns"))) {
            Files.delete(turns);
        }
        Path gone = files(corpus).stream().filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
        Files.delete(gone);

        ReportCorpus.Output refused = report(data, "daily");
        assertTrue(refused.err().contains("named by manifest.json, is missing"), refused.err());
        ReportCorpus.Output prompts = ReportCorpus.run("sql", "--data", data.toString(), "--no-refresh",
                "SELECT count(*) FROM prompts");
        assertEquals(0, prompts.code(), "a query that does not read the turns still answers: " + prompts.err());

        ReportCorpus.Output repaired = ReportCorpus.run("repair", corpus.toString(), "--data", data.toString());
        assertEquals(0, repaired.code(), repaired.err());
        Path fresh = ingest(corpus, "fresh");
        assertEquals(daily(fresh), daily(data));
        long turnsAfter = turns(data);
        assertTrue(turnsAfter < turnsBefore, turnsAfter + " of " + turnsBefore);
        assertTrue(repaired.out().contains("could not be recovered"), repaired.out());
    }

    @Test
    void shouldMoveAnUnreadableFileAsideAndReadItsRowsAgain() throws Exception {
        Path corpus = corpus(13);
        Path data = ingest(corpus, "data");
        JsonNode before = daily(data);
        Path turns = tableFiles(data.resolve("turns")).get(0);
        Files.write(turns, new byte[] {'P', 'A', 'R', '1', 0, 0});

        ReportCorpus.Output repaired = ReportCorpus.run("repair", corpus.toString(), "--data", data.toString());

        assertEquals(0, repaired.code(), repaired.err());
        assertTrue(repaired.out().contains("unreadable, moved into"), repaired.out());
        assertTrue(Files.exists(data.resolve(".damaged/turns").resolve(turns.getFileName())));
        assertEquals(before, daily(data));
    }

    @Test
    void shouldMoveAnUnreadableManifestAsideAndRebuildIt() throws Exception {
        Path corpus = corpus(14);
        Path data = ingest(corpus, "data");
        JsonNode before = daily(data);
        Files.writeString(data.resolve("manifest.json"), "{\"format\":1,\"tables\":{\"turns\":[\"../../x.parquet\"]}}");

        ReportCorpus.Output refused = report(data, "daily");
        assertTrue(refused.err().contains("is not a Parquet file in the turns folder")
                && refused.err().contains("tokenomics repair"), refused.err());

        ReportCorpus.Output repaired = ReportCorpus.run("repair", corpus.toString(), "--data", data.toString());
        assertEquals(0, repaired.code(), repaired.err());
        assertTrue(Files.exists(data.resolve(".damaged/manifest.json")));
        assertEquals(before, daily(data));
    }

    @Test
    void shouldLeaveASoundDatasetAsItIs() throws Exception {
        Path corpus = corpus(15);
        Path data = ingest(corpus, "data");
        String manifest = Files.readString(data.resolve("manifest.json"));

        ReportCorpus.Output checked = ReportCorpus.run("repair", corpus.toString(), "--data", data.toString());

        assertEquals(0, checked.code(), checked.err());
        assertTrue(checked.out().startsWith("the dataset is sound"), checked.out());
        assertEquals(manifest, Files.readString(data.resolve("manifest.json")));
        assertFalse(Files.exists(data.resolve(".damaged")));
    }

    private Path corpus(long seed) throws IOException {
        Path corpus = temp.resolve("corpus-" + seed);
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 6, seed, 0));
        return corpus;
    }

    private Path ingest(Path corpus, String name) {
        Path data = temp.resolve(name);
        ReportCorpus.Output o = ReportCorpus.run("ingest", corpus.toString(), "--data", data.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        return data;
    }

    private static ReportCorpus.Output report(Path data, String report) {
        return ReportCorpus.run(report, "--data", data.toString(), "--tz", "UTC", "--no-refresh");
    }

    private static JsonNode daily(Path data) throws IOException {
        ReportCorpus.Output o = ReportCorpus.run("daily", "--json", "--data", data.toString(), "--tz", "UTC",
                "--no-refresh");
        assertEquals(0, o.code(), o.err());
        return JSON.readTree(o.out());
    }

    private static long turns(Path data) {
        ReportCorpus.Output o = ReportCorpus.run("sql", "--data", data.toString(), "--no-refresh", "--format", "csv",
                "SELECT count(*) FROM turns");
        assertEquals(0, o.code(), o.err());
        return Long.parseLong(o.out().strip().lines().reduce((a, b) -> b).orElseThrow());
    }

    /** The table files in a table's folder: Parquet, not the key indexes beside them. */
    private static List<Path> tableFiles(Path dir) throws IOException {
        return files(dir).stream().filter(f -> f.toString().endsWith(".parquet")).toList();
    }

    private static List<Path> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
