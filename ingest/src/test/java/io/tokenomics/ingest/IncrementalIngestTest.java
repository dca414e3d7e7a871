package io.tokenomics.ingest;

import io.tokenomics.commit.Commit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.corpus.CorpusGenerator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transcripts grow while we read them. Ingesting a corpus that grows in steps cut at random bytes (mid-line,
 * mid-response) must end with exactly the rows of one ingest of the final corpus.
 */
class IncrementalIngestTest {
    private static final String SUMMARY = "SELECT count(*), sum(input_tokens), sum(output_tokens),"
            + " sum(cache_write_5m_tokens), sum(cache_write_1h_tokens), sum(cache_read_tokens), sum(tool_uses),"
            + " sum(text_chars), sum(thinking_chars), round(sum(cost_usd), 9) FROM turns";

    /**
     * The (day, model) cells where the output histograms, summed over their files, differ from the turns: requests
     * or tokens.
     */
    private static final String HISTOGRAMS_DIFFER_FROM_TURNS = "SELECT count(*) FROM"
            + " (SELECT day, model, sum(requests) AS r, sum(tokens) AS t FROM token_histograms"
            + "  WHERE token_class = 'output' GROUP BY ALL) h"
            + " FULL JOIN (SELECT CAST(ts AT TIME ZONE 'UTC' AS DATE) AS day, model, count(*) AS r,"
            + "  sum(output_tokens) AS t FROM turns GROUP BY ALL) u"
            + " ON h.day IS NOT DISTINCT FROM u.day AND h.model IS NOT DISTINCT FROM u.model"
            + " WHERE h.r IS DISTINCT FROM u.r OR h.t IS DISTINCT FROM u.t";

    @TempDir
    Path temp;

    /** The price table is parsed once for a run that reads lines (not per worker), and not for one with nothing new. */
    @Test
    void shouldAskForThePricesOnlyWhenThereAreLinesToRead() throws Exception {
        Path corpus = temp.resolve("corpus/projects/p");
        Files.createDirectories(corpus);
        Path transcript = Fixtures.fixtures().resolve(
                "marot__spotter/test/fixtures/transcripts/fa812bfe-b295-4cca-9c2f-fdf01028cb46.jsonl");
        Files.copy(transcript, corpus.resolve("a.jsonl"));
        Files.copy(transcript, corpus.resolve("b.jsonl"));
        AtomicInteger asked = new AtomicInteger();
        Ingest.Options options = Ingest.builder(List.of(temp.resolve("corpus")), temp.resolve("data")).threads(2)
                .prices(() -> {
                    asked.incrementAndGet();
                    return PriceTable.embedded();
                }).host("test-host").build();
        assertTrue(Ingest.run(options).turnsAdded() > 0);
        assertEquals(1, asked.get());
        assertEquals(0, Ingest.run(options).turnsAdded());
        assertEquals(1, asked.get(), "a run with nothing new parsed the prices");
    }

    /**
     * A file whose time changed but not its bytes is not read again, and the manifest takes its new time, so that the
     * next run does not look at it again; a new file's entry takes its place in path order.
     */
    @Test
    void shouldRecordATouchedFilesTimeWithoutReadingItAndKeepPathOrder() throws Exception {
        Path corpus = temp.resolve("touched/projects/p");
        Files.createDirectories(corpus);
        Path file = corpus.resolve("a.jsonl");
        Files.copy(Fixtures.fixtures().resolve(
                "marot__spotter/test/fixtures/transcripts/fa812bfe-b295-4cca-9c2f-fdf01028cb46.jsonl"), file);
        Path data = temp.resolve("touched-data");
        Fixtures.ingest(data, List.of(temp.resolve("touched")), 1);
        long later = Files.getLastModifiedTime(file).toMillis() + 60_000;
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(later));
        AtomicInteger asked = new AtomicInteger();
        IngestSummary touched = Ingest.run(Ingest.builder(List.of(temp.resolve("touched")), data).threads(1)
                .prices(() -> {
            asked.incrementAndGet();
            return PriceTable.embedded();
        }).host("test-host").build());
        assertEquals(0, touched.filesRead());
        assertEquals(0, asked.get(), "a run that reads no file parsed the prices");
        assertEquals(later, new Dataset(data).manifest().orElseThrow().files().get(0).mtimeMillis());

        // A new file whose path sorts first: the manifest's entries stay in path order.
        Files.copy(file, corpus.resolve("0.jsonl"));
        Fixtures.ingest(data, List.of(temp.resolve("touched")), 1);
        List<String> paths = new Dataset(data).manifest().orElseThrow().files().stream()
                .map(Manifest.FileEntry::path).toList();
        assertEquals(List.of(corpus.resolve("0.jsonl").toString(), file.toString()), paths);
    }

    @Test
    void shouldEndWithTheTotalsOfOneIngestWhenFilesGrowInRandomSteps() throws Exception {
        Path source = Fixtures.fixtures().resolve("marot__spotter/test/fixtures/transcripts");
        List<Path> files = List.of(source.resolve("258c7280-ae70-4798-800f-63464d01a85d.jsonl"),
                source.resolve("258c7280-ae70-4798-800f-63464d01a85d/subagents/agent-a881341.jsonl"),
                source.resolve("fa812bfe-b295-4cca-9c2f-fdf01028cb46.jsonl"));
        Path live = temp.resolve("live/projects/p");
        Files.createDirectories(live);
        List<byte[]> contents = new ArrayList<>();
        for (Path f : files) {
            contents.add(Files.readAllBytes(f));
        }
        SplittableRandom random = new SplittableRandom(11);
        long[] written = new long[files.size()];
        Path data = temp.resolve("incremental");
        int steps = 0;
        boolean done = false;
        while (!done) {
            done = true;
            for (int i = 0; i < files.size(); i++) {
                byte[] bytes = contents.get(i);
                long next = Math.min(bytes.length, written[i] + 1 + random.nextInt(bytes.length / 4 + 1));
                try (OutputStream out = Files.newOutputStream(live.resolve(files.get(i).getFileName()),
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
                    out.write(bytes, (int) written[i], (int) (next - written[i]));
                }
                written[i] = next;
                done &= next == bytes.length;
            }
            Fixtures.ingest(data, List.of(temp.resolve("live")), 2);
            assertHeadHashesOfTheBytesIngested(data);
            steps++;
        }
        Path once = temp.resolve("once");
        Fixtures.ingest(once, List.of(temp.resolve("live")), 2);
        assertEquals(Fixtures.rows(once, SUMMARY), Fixtures.rows(data, SUMMARY), "after " + steps + " steps");
        assertEquals(Fixtures.rows(once, "SELECT count(*), sum(result_bytes) FROM tool_results"),
                Fixtures.rows(data, "SELECT count(*), sum(result_bytes) FROM tool_results"));
        assertEquals(0.0, Fixtures.number(data, "SELECT count(*) FROM rejects"));
    }

    /**
     * A run writes its rows into a new file and rewrites only the committed files that hold a key it brings again;
     * a table of {@link Commit#MAX_FILES_PER_TABLE} files is merged into one. On a generated corpus (duplicates across
     * files included) that first gets one new session per run, then grows in random steps (responses cut between
     * runs): every key stays in one file, the files reach the limit and are merged, and the totals end as one
     * ingest's.
     */
    @Test
    void shouldKeepEveryKeyInOneFileAndMergeTheFilesOfManyRuns() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 40, 21);
        SplittableRandom random = new SplittableRandom(21);
        Path data = temp.resolve("many-runs");
        int mostFiles = 0;
        int fewestAfterMost = Integer.MAX_VALUE;
        for (int run = 0; run < 36; run++) {
            if (run >= 28 || !corpus.copyNextNewFile()) {
                corpus.grow(random);
            }
            Fixtures.ingest(data, List.of(corpus.root()), 2);
            int files = new Dataset(data).manifest().orElseThrow().tables().get("turns").size();
            if (files >= mostFiles) {
                mostFiles = files;
                fewestAfterMost = Integer.MAX_VALUE;
            } else {
                fewestAfterMost = Math.min(fewestAfterMost, files);
            }
            assertTrue(files <= Commit.MAX_FILES_PER_TABLE, "run " + run + ": " + files + " files");
            assertEquals(0.0, Fixtures.number(data, "SELECT count(*) - count(DISTINCT coalesce(message_id, file || '#'"
                    + " || line_offset)) FROM turns"), "run " + run + ": a key in two rows");
            assertEquals(0.0, Fixtures.number(data, "SELECT count(tool_use_id) - count(DISTINCT tool_use_id)"
                    + " FROM tool_uses"), "run " + run);
            assertEquals(0.0, Fixtures.number(data, HISTOGRAMS_DIFFER_FROM_TURNS), "run " + run + ": histograms");
        }
        assertEquals(Commit.MAX_FILES_PER_TABLE, mostFiles, "runs add files up to the limit");
        assertEquals(1, fewestAfterMost, "then the next run that writes merges them");
        corpus.copyTheRest();
        Fixtures.ingest(data, List.of(corpus.root()), 2);
        assertEquals(corpus.expectedTotals(), DatasetTotals.read(data));
        assertHeadHashesOfTheBytesIngested(data);
    }

    /**
     * The scan takes a file's head hash from the bytes it read; the next run compares it with the hash of the same
     * bytes on disk to tell an append from a rewrite, so the two must agree (a file cut mid-line included).
     */
    private static void assertHeadHashesOfTheBytesIngested(Path data) throws java.io.IOException {
        for (Manifest.FileEntry entry : new Dataset(data).manifest().orElseThrow().files()) {
            assertEquals(HeadHash.of(Path.of(entry.path()), Math.min(HeadHash.BYTES, entry.ingestedBytes())),
                    entry.headHash(), entry.path());
        }
    }

    /**
     * A file replaced at its path by other content is read again from its start. Its rows stay, the dataset being the
     * record of what was spent: the new content replaces those whose response it brings again, and adds the rest.
     */
    @Test
    void shouldReadAFileAgainFromTheStartWhenItWasReplacedAndKeepItsEarlierRows() throws Exception {
        Path dir = temp.resolve("replaced/projects/p");
        Files.createDirectories(dir);
        Path transcript = dir.resolve("s.jsonl");
        Path reference = Fixtures.fixtures().resolve("_synthetic/ccusage_reference/projects/-home-u-proj/"
                + "5b0c3f0e-1111-4222-8333-944455556666.jsonl");
        Files.copy(reference, transcript);
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(temp.resolve("replaced")), 1);
        double before = Fixtures.number(data, "SELECT sum(input_tokens) FROM turns");
        double turns = Fixtures.number(data, "SELECT count(*) FROM turns");
        // Same file name, other content: a shorter file whose start differs, one response of it again with other
        // counts.
        Files.writeString(transcript, Files.readAllLines(reference).get(2).replace("\"input_tokens\":3",
                "\"input_tokens\":7") + "\n");
        IngestSummary second = Fixtures.ingest(data, List.of(temp.resolve("replaced")), 1);
        assertEquals(1, second.filesRead());
        assertEquals(1, second.filesReadAgain());
        assertTrue(second.line().contains("1 file rewritten, shrunk or grown from the start, read again"),
                second.line());
        assertEquals(250015.0, before);
        assertEquals(before - 3 + 7, Fixtures.number(data, "SELECT sum(input_tokens) FROM turns"));
        assertEquals(turns, Fixtures.number(data, "SELECT count(*) FROM turns"));
    }
    /**
     * A resumed session copies earlier responses into a new file. Where the copies lose to the committed rows (same
     * counts, and the new file's path sorts after), the run leaves the committed files as they are; where they win the
     * tie on position (its path sorts first), the file holding the responses is rewritten with the copies in their
     * place. Either way every table equals one ingest of the same files.
     */
    @Test
    void shouldRewriteACommittedFileOnlyForTheCopiesThatWin() throws Exception {
        assertCopiesLeaveOrRewriteTheCommittedFiles("resumed", false);
    }

    /** The same with the key indexes gone (a dataset of an older build): the committed files are read instead. */
    @Test
    void shouldFindTheContestedKeysWithoutKeyIndexes() throws Exception {
        assertCopiesLeaveOrRewriteTheCommittedFiles("resumed-no-index", true);
    }

    private void assertCopiesLeaveOrRewriteTheCommittedFiles(String name, boolean withoutIndexes) throws Exception {
        Path corpus = temp.resolve(name);
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 8, 5, 0));
        Path original;
        try (java.util.stream.Stream<Path> walk = Files.walk(corpus.resolve("projects"))) {
            original = walk.filter(f -> f.toString().endsWith(".jsonl") && !f.toString().contains("subagents"))
                    .max(java.util.Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
        Path data = temp.resolve(name + "-data");
        Fixtures.ingest(data, List.of(corpus), 2);
        List<String> tables = List.of("turns", "tool_uses", "tool_results", "prompts");
        for (String table : tables) {
            for (String file : new Dataset(data).manifest().orElseThrow().tables().get(table)) {
                Path index = io.tokenomics.columnar.KeyIndex.of(data.resolve(file));
                assertTrue(Files.isRegularFile(index), index.toString());
                if (withoutIndexes) {
                    Files.delete(index);
                }
            }
        }
        java.util.Map<String, List<String>> first = new Dataset(data).manifest().orElseThrow().tables();

        Files.copy(original, original.resolveSibling("ffffffff-ffff-4fff-bfff-ffffffffffff.jsonl"));
        Fixtures.ingest(data, List.of(corpus), 2);
        java.util.Map<String, List<String>> losing = new Dataset(data).manifest().orElseThrow().tables();
        for (String table : tables) {
            assertTrue(losing.get(table).containsAll(first.get(table)), table + ": " + first + " then " + losing);
        }
        assertSameRowsAsOneIngest(data, corpus, "copies that lose");

        Path winning = original.resolveSibling("00000000-0000-4000-8000-000000000000.jsonl");
        Files.copy(original, winning);
        Fixtures.ingest(data, List.of(corpus), 2);
        List<String> turnsFiles = new Dataset(data).manifest().orElseThrow().tables().get("turns");
        assertTrue(!turnsFiles.containsAll(first.get("turns")), first + " then " + turnsFiles);
        assertTrue(Fixtures.number(data, "SELECT count(*) FROM turns WHERE file = '" + winning + "'") > 0);
        assertSameRowsAsOneIngest(data, corpus, "copies that win");
    }

    private void assertSameRowsAsOneIngest(Path data, Path corpus, String what) throws Exception {
        Path once = Files.createTempDirectory(temp, "once");
        Fixtures.ingest(once, List.of(corpus), 2);
        for (String table : List.of("turns", "tool_uses", "tool_results", "prompts", "compactions")) {
            String sql = "SELECT * FROM " + table + " ORDER BY ALL";
            assertEquals(Fixtures.rows(once, sql), Fixtures.rows(data, sql), what + ": " + table);
        }
        assertEquals(0.0, Fixtures.number(data, HISTOGRAMS_DIFFER_FROM_TURNS), what + ": histograms");
    }
}
