package io.tokenomics.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Copilot CLI corpus is the same bytes for the same seed, and holds every kind of file the reader must tell
 * apart. Its totals are checked by ingesting it (CopilotCorpusIngestTest, in the ingest module).
 */
class CopilotCorpusTest {
    @TempDir
    Path temp;

    @Test
    void shouldWriteTheSameBytesForTheSameSeed() throws IOException {
        CopilotCorpus.Result one = CopilotCorpus.generate(temp.resolve("a"), 12, 5);
        CopilotCorpus.Result two = CopilotCorpus.generate(temp.resolve("b"), 12, 5);
        List<Path> files = relative(one.home());
        assertEquals(files, relative(two.home()));
        assertEquals(one.files(), files.size());
        for (Path file : files) {
            assertArrayEquals(Files.readAllBytes(one.home().resolve(file)), Files.readAllBytes(two.home()
                    .resolve(file)), file.toString());
        }
        assertEquals(one.expected().keySet(), two.expected().keySet());
    }

    @Test
    void shouldHoldResumesSpansCheckpointCopiesAndSessionsWithoutState() throws IOException {
        CopilotCorpus.Result corpus = CopilotCorpus.generate(temp.resolve("c"), 12, 5);
        List<Path> files = relative(corpus.home());
        assertTrue(files.stream().anyMatch(f -> f.toString().contains("-checkpoint")), files.toString());
        assertTrue(files.stream().anyMatch(f -> f.startsWith("otel")), files.toString());
        long withResume = 0;
        for (Path f : files) {
            withResume += Files.readString(corpus.home().resolve(f)).contains("\"session.resume\"") ? 1 : 0;
        }
        assertTrue(withResume > 0, "a resumed session");
        long spanFilesWithoutState = files.stream().filter(f -> f.startsWith("otel")).map(f -> f.getFileName()
                .toString().replaceAll("-\\d+\\.jsonl$", "")).distinct()
                .filter(id -> !Files.exists(corpus.home().resolve("session-state").resolve(id))).count();
        assertTrue(spanFilesWithoutState > 0, "spans of a session without a session state");
        assertEquals(1, corpus.rejects(), "the cut line");
    }

    private static List<Path> relative(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).map(root::relativize).sorted().toList();
        }
    }
}
