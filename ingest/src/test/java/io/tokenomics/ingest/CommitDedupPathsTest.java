package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit dedups in two ways: a run that merges no committed file learns the repeated keys from the scan's key
 * hashes and streams the rest straight to Parquet; any other run lets DuckDB find them among all candidates. Both
 * must write the same rows from the same staged rows, on a corpus whose responses, tool calls and prompts recur
 * across files (resumed sessions).
 */
class CommitDedupPathsTest {
    @TempDir
    Path temp;

    @Test
    void shouldWriteTheSameRowsWhetherTheRunMergesCommittedFilesOrNot() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 16, 21);
        corpus.copyTheRest();
        assertTrue(responsesInSeveralFiles(corpus.root()) > 0, "the corpus repeats responses across files");

        Path fresh = temp.resolve("fresh");
        Fixtures.ingest(fresh, List.of(corpus.root()), 2);

        // A dataset that already holds rows in every table with a key: the corpus then comes as a run that merges
        // committed files, and takes DuckDB's way.
        Path other = temp.resolve("other");
        Path transcripts = Fixtures.fixtures().resolve("marot__spotter/test/fixtures/transcripts");
        try (Stream<Path> walk = Files.walk(transcripts)) {
            for (Path f : walk.filter(Files::isRegularFile).toList()) {
                Path target = other.resolve("projects/p").resolve(transcripts.relativize(f));
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
            }
        }
        Path merged = temp.resolve("merged");
        Fixtures.ingest(merged, List.of(other), 2);
        for (Table table : Table.values()) {
            if (table.dedupKey() != null) {
                assertTrue(Fixtures.number(merged, "SELECT count(*) FROM " + table.tableName()) > 0, table.tableName());
            }
        }
        Fixtures.ingest(merged, List.of(other, corpus.root()), 2);

        String notOther = " WHERE file NOT LIKE " + DuckDb.literal(other.toAbsolutePath() + "%");
        for (Table table : Table.values()) {
            if (table.dedupKey() == null) {
                continue;
            }
            String rows = "SELECT * EXCLUDE (host) FROM " + table.tableName();
            List<List<Object>> expected = Fixtures.rows(merged, rows + notOther + " ORDER BY ALL");
            assertTrue(!expected.isEmpty() || table == Table.COMPACTIONS, table.tableName());
            assertSameRows(table.tableName(), expected, Fixtures.rows(fresh, rows + " ORDER BY ALL"));
        }
    }

    /**
     * With two threads the first run writes the turns in two parts when both workers staged turns, each part with
     * its own histogram file (which it does depends on how the workers shared the files; the hand-made staging of
     * ScanDecidedDedupTest always splits); with one thread, in one. The rows, and the histogram counts
     * summed per cell, are the same.
     */
    @Test
    void shouldWriteTheSameRowsInTwoPartsAsInOne() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 16, 23);
        corpus.copyTheRest();
        Path one = temp.resolve("one");
        Path two = temp.resolve("two");
        Fixtures.ingest(one, List.of(corpus.root()), 1);
        Fixtures.ingest(two, List.of(corpus.root()), 2);

        assertEquals(1, turnFiles(one));
        assertTrue(turnFiles(two) <= 2, "the turns were written in one or two parts");
        for (Table table : Table.values()) {
            if (table == Table.FILES) {
                continue;
            }
            String rows = table == Table.TOKEN_HISTOGRAMS
                    ? "SELECT day, model, token_class, bucket, sum(requests), sum(tokens) FROM token_histograms"
                            + " GROUP BY ALL ORDER BY ALL"
                    : "SELECT * FROM " + table.tableName() + " ORDER BY ALL";
            List<List<Object>> expected = Fixtures.rows(one, rows);
            assertTrue(!expected.isEmpty() || table == Table.COMPACTIONS, table.tableName());
            assertSameRows(table.tableName(), expected, Fixtures.rows(two, rows));
        }
    }

    private static int turnFiles(Path data) throws IOException {
        return Dataset.files(data, new Dataset(data).manifest().orElseThrow(), Table.TURNS).size();
    }

    /** Equal lists of rows, or a message with the counts and the first rows that only one side has. */
    private static void assertSameRows(String table, List<List<Object>> expected, List<List<Object>> actual) {
        if (expected.equals(actual)) {
            return;
        }
        List<List<Object>> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<List<Object>> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        fail(table + ": " + expected.size() + " rows one way, " + actual.size()
                + " the other; only in the first " + missing.subList(0, Math.min(3, missing.size()))
                + ", only in the second " + extra.subList(0, Math.min(3, extra.size())));
    }

    /** The response ids that appear in more than one file of the corpus. */
    private static int responsesInSeveralFiles(Path root) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, Set<Path>> filesOf = new HashMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path f : walk.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (int start = 0, end; start < bytes.length; start = end + 1) {
                    end = start;
                    while (end < bytes.length && bytes[end] != '\n') {
                        end++;
                    }
                    JsonNode node;
                    try {
                        node = json.readTree(bytes, start, end - start);
                    } catch (IOException malformed) {
                        continue;
                    }
                    JsonNode id = node == null ? null : node.path("message").get("id");
                    if (id != null && id.isTextual()) {
                        filesOf.computeIfAbsent(id.asText(), k -> new HashSet<>()).add(f);
                    }
                }
            }
        }
        return (int) filesOf.values().stream().filter(files -> files.size() > 1).count();
    }
}
