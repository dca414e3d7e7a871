package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.Manifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit's tasks (the turns, in two parts when they split, and the other tables) are taken in turn by two
 * threads. When a table cannot be written by either (here: its folder is a file), the run fails with the reason,
 * whichever thread failed and whether the other was still writing; nothing is committed, no staging is left, no commit
 * thread outlives the run, and the next run after the cause is gone commits everything.
 */
class CommitFailureTest {
    @TempDir
    Path temp;

    @ParameterizedTest
    @CsvSource({"turns, 2", "prompts, 2", "files, 2", "prompts, 1"})
    void shouldFailWithTheReasonAndCommitNothingWhenATableCannotBeWritten(String table, int threads)
            throws Exception {
        GeneratedCorpus corpus = GeneratedCorpus.create(temp.resolve("corpus"), 4, 31);
        corpus.copyTheRest();
        Path data = temp.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve(table), "not a folder");

        IOException e = assertThrows(IOException.class, () -> Fixtures.ingest(data, List.of(corpus.root()), threads));
        assertEquals("cannot write table " + table + ": " + data.resolve(table) + " is a file, not a folder",
                e.getMessage());
        assertTrue(new Dataset(data).manifest().isEmpty(), "nothing committed");
        try (Stream<Path> left = Files.list(data)) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".staging-")), "staging removed");
        }
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals("tokenomics-commit") && t.isAlive() && !waitForEnd(t)),
                "a commit thread outlived the run");

        Files.delete(data.resolve(table));
        Fixtures.ingest(data, List.of(corpus.root()), threads);
        Manifest manifest = new Dataset(data).manifest().orElseThrow();
        assertEquals(corpus.expectedTotals(), DatasetTotals.read(data));
        assertTrue(manifest.tables().containsKey(table), manifest.tables().keySet().toString());
    }

    /** Whether the thread ends within a second: an executor's thread ends just after the run returns. */
    private static boolean waitForEnd(Thread thread) {
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
