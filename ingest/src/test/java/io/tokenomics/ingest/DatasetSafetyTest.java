package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dataset is often a user's only record of what they spent: a run never deletes what it did not write, refuses
 * a dataset it cannot account for instead of starting it again, and one bad file never stops it.
 */
class DatasetSafetyTest {
    @TempDir
    Path temp;

    /** A user's own file in a table folder is not ours to delete, whatever its name. */
    @Test
    void shouldKeepAFileOfTheUsersInATableFolder() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 4, 3);
        corpus.grow(new SplittableRandom(3));
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(corpus.root()), 2);
        Path mine = data.resolve("turns/mine.parquet");
        Files.copy(Dataset.files(data, new Dataset(data).manifest().orElseThrow(), Table.TURNS).get(0), mine);
        corpus.copyTheRest();

        Fixtures.ingest(data, List.of(corpus.root()), 2);

        assertTrue(Files.exists(mine), "the user's file was deleted");
        assertEquals(corpus.expectedTotals(), DatasetTotals.read(data));
    }

    /**
     * Without its manifest, a dataset's history is in its table files: the next ingest deleted every one of them
     * and started again from the transcripts still on disk. It refuses, and changes nothing.
     */
    @Test
    void shouldRefuseADatasetWithTableFilesButNoManifest() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 4, 5);
        corpus.copyTheRest();
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(corpus.root()), 2);
        Files.delete(data.resolve("manifest.json"));
        List<Path> before = tableFiles(data);

        IOException refused = assertThrows(IOException.class, () -> Fixtures.ingest(data, List.of(corpus.root()), 2));

        assertTrue(refused.getMessage().contains("lost its manifest.json"), refused.getMessage());
        assertEquals(before, tableFiles(data));
        assertTrue(Files.notExists(data.resolve("manifest.json")));
    }

    /** A manifest that names a file that is gone: the run says which, and changes nothing. */
    @Test
    void shouldRefuseADatasetWhoseManifestNamesAMissingFile() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 4, 6);
        corpus.grow(new SplittableRandom(6));
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(corpus.root()), 2);
        Manifest manifest = new Dataset(data).manifest().orElseThrow();
        Path gone = Dataset.files(data, manifest, Table.PROMPTS).get(0);
        Files.delete(gone);
        corpus.copyTheRest();

        IOException refused = assertThrows(IOException.class, () -> Fixtures.ingest(data, List.of(corpus.root()), 2));

        assertTrue(refused.getMessage().contains("missing (prompts/" + gone.getFileName()), refused.getMessage());
        assertEquals(manifest, new Dataset(data).manifest().orElseThrow());
    }

    /**
     * A 30 KB rollout that unpacks to gigabytes failed the whole run (out of memory) and every run after it: it is a
     * problem of the run, named in the summary, and the other files commit.
     */
    @Test
    void shouldSkipADecompressionBombAndCommitTheOtherFiles() throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 4, 7);
        corpus.copyTheRest();
        Path bomb = corpus.root().resolve("bomb/sessions/2026/03/02/rollout-2026-03-02T10-00-00-bomb.jsonl.zst");
        Files.createDirectories(bomb.getParent());
        byte[] zeros = new byte[1 << 20];
        try (OutputStream out = new com.github.luben.zstd.ZstdOutputStream(Files.newOutputStream(bomb))) {
            out.write("{\"timestamp\":\"2026-03-02T10:00:00Z\",\"type\":\"x\",\"payload\":\"".getBytes());
            for (int i = 0; i < 600; i++) {
                out.write(zeros);
            }
        }
        assertTrue(Files.size(bomb) < 100_000, "bomb of " + Files.size(bomb) + " bytes");
        Path data = temp.resolve("data");

        IngestSummary summary = Fixtures.ingest(data, List.of(corpus.root()), 2);

        assertTrue(summary.problems().stream().anyMatch(p -> p.startsWith(bomb + ": ")
                && p.contains("decompresses to more than")), summary.problems().toString());
        assertEquals(corpus.expectedTotals(), DatasetTotals.read(data));
    }

    /**
     * A file replaced at its path by one of the same size and time was not noticed: its identity (device and inode)
     * is in the manifest, and another file there is read again.
     */
    @Test
    void shouldNoticeAFileReplacedByOneOfTheSameSizeAndTime() throws Exception {
        Path dir = temp.resolve("replaced/projects/p");
        Files.createDirectories(dir);
        Path transcript = dir.resolve("s.jsonl");
        String first = Transcript.usageLine(1);
        String second = Transcript.usageLine(2);
        Files.writeString(transcript, first + "\n" + second + "\n");
        java.nio.file.attribute.FileTime time = Files.getLastModifiedTime(transcript);
        Path data = temp.resolve("data");
        Fixtures.ingest(data, List.of(temp.resolve("replaced")), 1);
        assertEquals(3.0, Fixtures.number(data, "SELECT sum(input_tokens) FROM turns"));

        // The same bytes but one count, written beside and moved over it, with the old time.
        Path replacement = dir.resolve("s.jsonl.new");
        Files.writeString(replacement,
                first + "\n" + second.replace("\"input_tokens\":2", "\"input_tokens\":5") + "\n");
        assertEquals(Files.size(transcript), Files.size(replacement));
        Files.setLastModifiedTime(replacement, time);
        Files.move(replacement, transcript, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        IngestSummary summary = Fixtures.ingest(data, List.of(temp.resolve("replaced")), 1);

        assertEquals(1, summary.filesReadAgain(), summary.line());
        assertEquals(6.0, Fixtures.number(data, "SELECT sum(input_tokens) FROM turns"));
    }

    /**
     * Two names that differ only in bytes that are not UTF-8 ({@code x\xFF.jsonl}, {@code x\xFE.jsonl}) read alike
     * through the JDK and shared one manifest entry: each run read one of them again. They are kept apart.
     */
    @Test
    void shouldKeepFileNamesThatAreNotUtf8Apart() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("names/projects/p"));
        for (String octal : List.of("377", "376")) {
            String line = Transcript.usageLine(Integer.parseInt(octal, 8));
            Process write = new ProcessBuilder("sh", "-c", "printf '%s\\n' \"$1\" > \"$(printf 'x\\" + octal
                    + ".jsonl')\"", "sh", line).directory(dir.toFile()).start();
            org.junit.jupiter.api.Assumptions.assumeTrue(write.waitFor() == 0, "no sh to make such a name here");
        }
        Path data = temp.resolve("data");
        IngestSummary first = Fixtures.ingest(data, List.of(temp.resolve("names")), 1);
        IngestSummary second = Fixtures.ingest(data, List.of(temp.resolve("names")), 1);

        assertEquals(2, first.filesRead(), first.line());
        assertEquals(0, second.filesRead(), second.line());
        assertEquals(List.of(List.of(dir.resolve("x").toString() + "\\xFE.jsonl"),
                        List.of(dir.resolve("x").toString() + "\\xFF.jsonl")),
                Fixtures.rows(data, "SELECT file FROM turns ORDER BY file"));
    }

    private static List<Path> tableFiles(Path data) throws IOException {
        try (Stream<Path> walk = Files.walk(data)) {
            return walk.filter(f -> f.toString().endsWith(".parquet")).sorted().toList();
        }
    }
}
