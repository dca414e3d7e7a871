package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No data never reads as no spend: without transcripts every report names the roots it searched and how to point it
 * elsewhere, and exits 1; a path given that does not exist is a usage error (one line, exit 2); an empty dataset
 * says it is empty. Each run gets a fresh HOME and nothing else from the developer's environment.
 */
class NoDataTest {
    @TempDir
    Path dir;
    Path home;
    Map<String, String> environment;

    @BeforeEach
    void emptyHome() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        environment = new HashMap<>();
        environment.put("HOME", home.toString());
        environment.put("TZ", "UTC");
    }

    private ReportCorpus.Output run(String... args) {
        return ReportCorpus.runWith(environment, args);
    }

    private static String[] withArgs(String command, String... more) {
        List<String> all = new ArrayList<>(List.of(command.split(" ")));
        all.addAll(List.of(more));
        return all.toArray(new String[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"daily", "daily --json", "weekly", "monthly", "session", "blocks", "tail", "cache",
        "context", "tools", "tasks", "budget", "models", "whatif --as claude-sonnet-4-5", "dashboard --out -"})
    void shouldNameTheRootsSearchedAndExitOneWithoutTranscripts(String report) {
        ReportCorpus.Output o = run(withArgs(report));
        assertEquals(1, o.code(), o.out() + o.err());
        assertEquals("", o.out());
        assertTrue(o.err().startsWith("tokenomics: no transcripts found. Looked in:"), o.err());
        assertTrue(o.err().contains(home.resolve(".claude") + " (missing)"), o.err());
        assertTrue(o.err().contains(home.resolve(".config/claude") + " (missing)"), o.err());
        assertTrue(o.err().contains(home.resolve(".codex/sessions") + " (missing)"), o.err());
        assertTrue(o.err().contains("CLAUDE_CONFIG_DIR") && o.err().contains("CODEX_HOME")
                && o.err().contains("tokenomics ingest PATH"), o.err());
        assertFalse(Files.exists(home.resolve(".local/share/tokenomics")), "no dataset made for nothing");
    }

    @Test
    void shouldSayARootHoldsNoTranscripts() throws IOException {
        Path config = Files.createDirectories(dir.resolve("claude/projects"));
        environment.put("CLAUDE_CONFIG_DIR", config.getParent().toString());
        ReportCorpus.Output o = run("daily");
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains(config.getParent() + " (no transcripts)"), o.err());
        ReportCorpus.Output ingest = run("ingest");
        assertEquals(1, ingest.code(), ingest.err());
        assertTrue(ingest.err().contains(config.getParent() + " (no transcripts)"), ingest.err());
    }

    @Test
    void shouldStopAnIngestOfTheDefaultRootsWhenNoneExists() {
        ReportCorpus.Output o = run("ingest");
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains(home.resolve(".claude") + " (missing)"), o.err());
    }

    @Test
    void shouldTakeAPathThatDoesNotExistForAUsageError() {
        Path missing = dir.resolve("nonexistent");
        ReportCorpus.Output ingest = run("ingest", missing.toString());
        assertEquals(Main.USAGE, ingest.code(), ingest.err());
        assertEquals("tokenomics: " + missing + ": no such file or directory" + System.lineSeparator(), ingest.err());
        ReportCorpus.Output daily = run("daily", "--data", missing.toString());
        assertEquals(Main.USAGE, daily.code(), daily.err());
        assertEquals("tokenomics: --data " + missing + ": no such directory" + System.lineSeparator(), daily.err());
        assertFalse(Files.exists(missing));
    }

    @Test
    void shouldSayAnExistingDatasetIsEmpty() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        ReportCorpus.Output o = run("daily", "--data", data.toString());
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().startsWith("tokenomics: the dataset " + data + " is empty"), o.err());
        ReportCorpus.Output sql = run("sql", "--data", data.toString(), "SELECT count(*) AS n FROM turns");
        assertEquals(0, sql.code(), sql.err());
    }

    @Test
    void shouldSayAFolderGivenToIngestHoldsNoTranscripts() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        ReportCorpus.Output o = run("ingest", empty.toString(), "--data", dir.resolve("data").toString());
        assertEquals(1, o.code(), o.err());
        assertTrue(o.err().contains("no transcripts (.jsonl files) under " + empty), o.err());
    }
}
