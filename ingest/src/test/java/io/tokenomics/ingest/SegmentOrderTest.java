package io.tokenomics.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order in which workers take segments: every segment once; the segments of mapped (big) files after the first
 * half, by bytes, of the files read whole (the faster order, Ingest says by how much); the smallest last.
 */
class SegmentOrderTest {
    private static final long SEGMENT = Ingest.SEGMENT_BYTES;

    @Test
    void shouldPutTheMappedFilesAfterHalfTheReadOnesAndTheSmallestLast() {
        List<FileWork> works = new ArrayList<>();
        long[] sizes = {3 * SEGMENT + 5, SEGMENT - 1, 900_000, 500_000, 2 * SEGMENT, 300_000, 200_000, 100_000, 7};
        for (long size : sizes) {
            works.add(new FileWork(new SourceFile(Path.of("/c/f" + works.size() + ".jsonl"), size, 0, "p", "s", null,
                    false), works.size(), 0, 0, 0));
        }
        works.sort(Comparator.comparingLong((FileWork w) -> w.file.size()).reversed());
        List<Segment> planned = Segment.plan(works, SEGMENT);
        List<Segment> ordered = Ingest.mappedAfterHalfTheReadOnes(planned);

        assertEquals(new HashSet<>(planned), new HashSet<>(ordered));
        assertEquals(planned.size(), ordered.size());
        int firstMapped = -1;
        long readBefore = 0;
        long readTotal = 0;
        for (int i = 0; i < ordered.size(); i++) {
            Segment s = ordered.get(i);
            if (s.readWhole()) {
                readTotal += s.to() - s.from();
                if (firstMapped < 0) {
                    readBefore += s.to() - s.from();
                }
            } else if (firstMapped < 0) {
                firstMapped = i;
            }
        }
        assertTrue(firstMapped > 0, "a file read whole comes first");
        assertTrue(readBefore * 2 >= readTotal, readBefore + " of " + readTotal + " read before the first mapping");
        assertEquals(7, ordered.get(ordered.size() - 1).to(), "the smallest file is last");
        // The segments of a mapped file (4 + 2 of them) stay together and in order.
        List<Segment> mapped = ordered.stream().filter(s -> !s.readWhole()).toList();
        assertEquals(6, mapped.size());
        assertEquals(mapped, ordered.subList(firstMapped, firstMapped + 6));
        for (int i = 1; i < mapped.size(); i++) {
            assertTrue(mapped.get(i).work() != mapped.get(i - 1).work()
                    || mapped.get(i).from() == mapped.get(i - 1).to(), "segment " + i + " follows its file's last");
        }
    }

    @Test
    void shouldLeaveARunWithoutMappedFilesAsPlanned() {
        List<FileWork> works = List.of(new FileWork(new SourceFile(Path.of("/c/a.jsonl"), 10, 0, "p", "s", null,
                false), 0, 0, 0, 0));
        List<Segment> planned = Segment.plan(works, SEGMENT);
        assertEquals(planned, Ingest.mappedAfterHalfTheReadOnes(planned));
    }

    @Test
    void shouldGroupConsecutiveSmallFilesUpToASegmentAndLeaveAMappedSegmentAlone() {
        List<FileWork> works = new ArrayList<>();
        long[] sizes = {2 * SEGMENT + 1, SEGMENT - 10, 3_000_000, 1_500_000, 1_000_000, 900_000, 40, 30, 20, 0};
        for (long size : sizes) {
            works.add(new FileWork(new SourceFile(Path.of("/c/g" + works.size() + ".jsonl"), size, 0, "p", "s", null,
                    false), works.size(), 0, 0, 0));
        }
        List<Segment> segments = Ingest.mappedAfterHalfTheReadOnes(Segment.plan(works, SEGMENT));
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
                new FileWork(new SourceFile(Path.of("/x/big.jsonl"), 2 * SEGMENT, 0, "p", "s", null, true), 0, 0, 0, 0),
                new FileWork(new SourceFile(Path.of("/x/small.jsonl"), 1000, 0, "p", "s", null, true), 1, 0, 0, 0));
        List<Segment> segments = Segment.plan(works, SEGMENT);
        assertEquals(2, segments.size(), "a rollout is one segment whatever its size");
        assertTrue(!segments.get(0).readWhole(), "the big rollout is mapped");
        assertTrue(segments.get(1).readWhole(), "the small one is read");
    }
}
