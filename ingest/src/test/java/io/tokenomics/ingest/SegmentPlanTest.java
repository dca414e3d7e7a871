package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tokenomics.ingest.claude.ClaudeSource;
import io.tokenomics.ingest.codex.CodexSource;
import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the work is cut for the workers: files read whole or mapped, and small files grouped up to a segment. */
class SegmentPlanTest {
    private static final Source CLAUDE = new ClaudeSource();
    private static final Source CODEX = new CodexSource();

    private static final long SEGMENT = Scan.SEGMENT_BYTES;

    @Test
    void shouldGroupConsecutiveSmallFilesUpToASegmentAndLeaveAMappedSegmentAlone() {
        List<FileWork> works = new ArrayList<>();
        long[] sizes = {2 * SEGMENT + 1, SEGMENT - 10, 3_000_000, 1_500_000, 1_000_000, 900_000, 40, 30, 20, 0};
        for (long size : sizes) {
            works.add(new FileWork(new SourceFile(Path.of("/c/g" + works.size() + ".jsonl"), size, 0, "p", "s", null,
                    CLAUDE, ""), works.size(), 0, 0, 0));
        }
        List<Segment> segments = Segment.plan(works, SEGMENT);
        int[] items = Segment.groups(segments, SEGMENT);

        assertEquals(0, items[0]);
        assertEquals(segments.size(), items[items.length - 1]);
        for (int item = 0; item + 1 < items.length; item++) {
            assertTrue(items[item] < items[item + 1], "item " + item + " has a segment");
            long bytes = 0;
            for (int i = items[item]; i < items[item + 1]; i++) {
                Segment segment = segments.get(i);
                bytes += segment.to() - segment.from();
                if (!segment.readWhole()) {
                    assertEquals(1, items[item + 1] - items[item], "a mapped file's segment is an item alone");
                }
            }
            assertTrue(items[item + 1] - items[item] == 1 || bytes <= SEGMENT, "item " + item + ": " + bytes);
        }
        // 3 segments of the mapped file; SEGMENT - 10 alone; 3 MB alone (the next one does not fit); 1.5 MB +
        // 1 MB + 0.9 MB + the four smallest together.
        assertEquals(3 + 1 + 1 + 1, items.length - 1);
    }

    @Test
    void shouldMapACodexRolloutBiggerThanASegmentAndReadASmallOne() {
        List<FileWork> works = List.of(
                new FileWork(new SourceFile(Path.of("/x/big.jsonl"), 2 * SEGMENT, 0, "p", "s", null, CODEX, ""),
                        0, 0, 0, 0),
                new FileWork(new SourceFile(Path.of("/x/small.jsonl"), 1000, 0, "p", "s", null, CODEX, ""),
                        1, 0, 0, 0));
        List<Segment> segments = Segment.plan(works, SEGMENT);
        assertEquals(2, segments.size(), "a rollout is one segment whatever its size");
        assertTrue(!segments.get(0).readWhole(), "the big rollout is mapped");
        assertTrue(segments.get(1).readWhole(), "the small one is read");
    }
}
