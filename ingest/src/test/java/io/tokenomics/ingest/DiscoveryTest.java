package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.ingest.codex.CodexSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discovery walks the folders of a root on all cores; what it lists must be what one walk lists: every transcript
 * once (whatever the number of folders, symlinks and overlapping roots), named by its place, sorted by path.
 */
class DiscoveryTest {
    @TempDir
    Path temp;

    /** A named pipe given as a root was opened to be listed and blocked the run for ever: it is a problem. */
    @Test
    void shouldRefuseAPipeAtOnce() throws Exception {
        Path pipe = temp.resolve("pipe.jsonl");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "no mkfifo here");
        Discovery discovery = new Discovery(2);
        List<SourceFile> found = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> discovery.discover(List.of(pipe), true));
        assertEquals(List.of(), found);
        assertEquals(List.of(pipe + ": not a file or folder of logs (a pipe, a device or a socket): not read"),
                discovery.problems());
    }

    @Test
    void shouldListEveryTranscriptOnceWithTheSessionItsPathNames() throws IOException {
        Path config = temp.resolve("claude");
        Path projects = config.resolve("projects");
        List<String> expected = new ArrayList<>();
        // Many project folders, so that the walk is shared out; sessions with sub-agents; files that are not
        // transcripts.
        for (int p = 0; p < 40; p++) {
            Path project = projects.resolve("-home-dev-p" + p);
            for (int s = 0; s < 1 + p % 4; s++) {
                String session = "session-" + p + "-" + s;
                write(project.resolve(session + ".jsonl"));
                expected.add("-home-dev-p" + p + " " + session + " null");
                if (s == 1) {
                    write(project.resolve(session + "/subagents/agent-a" + p + ".jsonl"));
                    expected.add("-home-dev-p" + p + " " + session + " a" + p);
                }
            }
            write(project.resolve("notes.txt"));
        }
        // The same folder again through a symlink, and symlink loops: none adds a file.
        Files.createSymbolicLink(projects.resolve("-home-dev-alias"), projects.resolve("-home-dev-p3"));
        Files.createSymbolicLink(projects.resolve("-home-dev-p5").resolve("loop"), projects.resolve("-home-dev-p5"));
        // A link back to the root itself, from a folder walked early or late.
        Files.createSymbolicLink(projects.resolve("-home-dev-p0").resolve("up"), projects);
        Files.createSymbolicLink(projects.resolve("-home-dev-p39").resolve("up"), projects);
        // A Codex rollout beside its compressed copy: the plain one is read.
        Path codex = config.resolve("codex-home/sessions/2026/10/01");
        write(codex.resolve("rollout-2026-10-01T10-00-00-abc.jsonl"));
        write(codex.resolve("rollout-2026-10-01T10-00-00-abc.jsonl.zst"));

        for (int threads : new int[] {2, 1}) {
            Discovery discovery = new Discovery(threads);
            // The config dir and, overlapping it, one of its projects.
            List<SourceFile> found = discovery.discover(List.of(config, projects.resolve("-home-dev-p7")), true);
            assertFound(found, discovery.problems(), new ArrayList<>(expected), codex);
        }
    }

    private static void assertFound(List<SourceFile> found, List<String> problems, List<String> expected, Path codex) {
        List<String> claude = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        for (SourceFile file : found) {
            paths.add(file.path());
            if (!(file.source() instanceof CodexSource)) {
                claude.add(file.project() + " " + file.session() + " " + file.agent());
            }
        }
        List<Path> sorted = new ArrayList<>(paths);
        sorted.sort(null);
        assertEquals(sorted, paths, "sorted by path");
        assertEquals(paths.size(), paths.stream().distinct().count());
        claude.sort(null);
        expected.sort(null);
        // The alias folder lists p3's files under one of its two paths; which one depends on the listing order.
        List<String> aliased = new ArrayList<>();
        for (String line : claude) {
            aliased.add(line.replace("-home-dev-alias ", "-home-dev-p3 "));
        }
        aliased.sort(null);
        assertEquals(expected, aliased);
        assertEquals(List.of(codex.resolve("rollout-2026-10-01T10-00-00-abc.jsonl")),
                found.stream().filter(f -> f.source() instanceof CodexSource).map(SourceFile::path).toList());
        assertEquals(3, problems.stream().filter(p -> p.endsWith("symlink loop")).count(), problems.toString());
        for (SourceFile file : found) {
            assertTrue(!file.path().toString().contains("/up/"), file.path() + " was reached through a loop");
        }
    }

    private static void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{}\n");
    }
}
