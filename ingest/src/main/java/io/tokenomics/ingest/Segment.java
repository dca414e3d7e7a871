package io.tokenomics.ingest;

import java.util.ArrayList;
import java.util.List;

/**
 * A piece of one file for one worker: the lines that start in {@code [from, to)}. The last of them may run past
 * {@code to}; the worker that owns it reads it to its end, and the next segment skips it. {@code ordinal} is the
 * segment's place among its file's segments, which start at {@code work.readFrom + ordinal * size}.
 */
record Segment(FileWork work, int ordinal, long from, long to) {

    /** The bytes of the file where the segment's lines start (a Codex segment runs to the end of its file). */
    long bytes() {
        return Math.min(to, work.file.size()) - from;
    }

    /**
     * Whether the segment is all that is left of its file and at most a segment long: such a file is read into a
     * buffer. A bigger one is mapped, a Codex rollout (one segment whatever its size) included.
     */
    boolean readWhole() {
        return from == work.readFrom && to >= work.file.size() && bytes() <= Scan.SEGMENT_BYTES;
    }

    /**
     * Cuts the work into segments of about {@code size} bytes; files smaller than that are one segment each. A file
     * whose lines do not stand alone ({@link io.tokenomics.ingest.source.Source#linesStandAlone}) is one segment, read
     * in order by one worker.
     */
    static List<Segment> plan(List<FileWork> works, long size) {
        List<Segment> segments = new ArrayList<>();
        for (FileWork work : works) {
            long end = work.file.size();
            long from = work.readFrom;
            if (!work.file.source().linesStandAlone()) {
                // To the end of the content, whatever it is: a compressed rollout is longer than its file.
                segments.add(new Segment(work, 0, from, Long.MAX_VALUE));
                work.cutInto(1);
                continue;
            }
            int ordinal = 0;
            do {
                long to = Math.min(end, from + size);
                segments.add(new Segment(work, ordinal++, from, to));
                from = to;
            } while (from < end);
            work.cutInto(ordinal);
        }
        return segments;
    }

    /**
     * Groups the segments, in their order, into the items the workers take from the shared cursor: consecutive
     * whole files together up to about {@code size} bytes (a corpus is mostly files of a few hundred KB), a segment
     * of a bigger (mapped) file alone. Returns the index of each item's first segment and, last, the number of
     * segments.
     */
    static int[] groups(List<Segment> segments, long size) {
        int[] starts = new int[segments.size() + 1];
        int items = 0;
        long bytes = 0;
        for (int i = 0; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            if (items == 0 || !segment.readWhole() || !segments.get(i - 1).readWhole()
                    || bytes + segment.bytes() > size) {
                starts[items++] = i;
                bytes = 0;
            }
            bytes += segment.bytes();
        }
        starts[items++] = segments.size();
        return java.util.Arrays.copyOf(starts, items);
    }
}
