package io.tokenomics.ingest;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scanning thread. Takes the next item (a group of small files, or a segment of a big one, see
 * {@link Segment#groups}) from the shared cursor until none is left, parses the lines of its segments one after the
 * other (the parser finds each line's end as it goes) and passes them to its own {@link RowWriter}.
 */
final class ScanWorker implements Runnable {
    private static final int SAMPLE_BYTES = 200;

    private final List<Segment> segments;
    private final int[] items;
    private final AtomicInteger cursor;
    private final RowWriter writer;
    private final RunCounters counters;
    private final List<String> problems;
    private final JsonLineParser parser = new JsonLineParser();
    private final LineRecord record = new LineRecord();
    private final CodexLineParser codexParser = new CodexLineParser();
    private final CodexRecord codexRecord = new CodexRecord();
    private final ProgressListener progress;
    private final byte[] head = new byte[Ingest.HEAD_BYTES];
    private final java.util.zip.CRC32 headCrc = new java.util.zip.CRC32();
    /** The file of the last segment scanned, open until the next segment is of another file. */
    private FileBytes input;

    ScanWorker(List<Segment> segments, int[] items, AtomicInteger cursor, RowWriter writer, RunCounters counters,
            List<String> problems, ProgressListener progress) {
        this.segments = segments;
        this.items = items;
        this.cursor = cursor;
        this.writer = writer;
        this.counters = counters;
        this.problems = problems;
        this.progress = progress;
    }

    @Override
    public void run() {
        try (FileBytes.ReadBuffer buffer = new FileBytes.ReadBuffer()) {
            int item;
            while ((item = cursor.getAndIncrement()) < items.length - 1) {
                for (int index = items[item]; index < items[item + 1]; index++) {
                    // A segment is a call: this loop runs once per worker, and the client compiler would compile
                    // it only after thousands of segments; the call is compiled after a few hundred.
                    scanSegment(index, buffer);
                }
            }
        } finally {
            if (input != null) {
                input.close();
                input = null;
            }
        }
    }

    /** Scans segment {@code index}, opening its file unless it is {@link #input}. */
    private void scanSegment(int index, FileBytes.ReadBuffer buffer) {
        Segment segment = segments.get(index);
        FileWork work = segment.work();
        if (work.unreadable) {
            work.segmentScanned(segment.ordinal(), 0);
            return;
        }
        if (input == null || !input.path().equals(work.file.path())) {
            if (input != null) {
                input.close();
                input = null;
            }
            input = open(segment, buffer);
            if (input == null) {
                work.segmentScanned(segment.ordinal(), 0);
                return;
            }
        }
        if (segment.from() == 0 && !input.decompressed()) {
            int length = (int) Math.min(Ingest.HEAD_BYTES, input.size());
            NativeMemory.copy(input.address(), head, 0, length);
            work.scannedHeadHash = Ingest.headHash(head, length, headCrc);
        }
        scan(index, input.address(), input.size());
        progress.onBytes(segment.bytes());
    }

    /**
     * A file that is one segment is read whole into the buffer; a bigger one is mapped once for all its segments.
     * Returns null, with the problem noted, when the file cannot be read.
     */
    private FileBytes open(Segment segment, FileBytes.ReadBuffer buffer) {
        FileWork work = segment.work();
        try {
            return segment.readWhole() ? FileBytes.read(work.file.path(), work.readFrom, work.file.size(), buffer)
                    : FileBytes.open(work.file.path(), work.file.size());
        } catch (IOException | RuntimeException e) {
            synchronized (problems) {
                problems.add(work.file.path() + ": cannot be read: " + e.getMessage());
            }
            work.unreadable = true;
            return null;
        }
    }

    private void scan(int index, long base, long fileEnd) {
        Segment segment = segments.get(index);
        FileWork work = segment.work();
        long position = lineStart(work, segment.from(), base, fileEnd);
        if (position >= fileEnd) {
            work.segmentScanned(segment.ordinal(), 0);
            return;
        }
        writer.beginSegment(work);
        long lines = 0;
        long rejects = 0;
        // Where the line count of rejects stands: found at the segment's first reject (linesBefore), then counted on
        // from one reject to the next.
        long countedTo = -1;
        long countedLines = 0;
        long start = position;
        while (position < segment.to() && position < fileEnd) {
            boolean codex = work.file.codex();
            JsonCursor cursor = codex ? codexParser : parser;
            int outcome = codex ? codexParser.parse(base + position, base + fileEnd, codexRecord)
                    : parser.parse(base + position, base + fileEnd, record);
            long lineEnd = cursor.lineEnd() - base;
            if (lineEnd == fileEnd && outcome == JsonLineParser.REJECTED) {
                // A last line without its newline that does not parse is still being written (or its writer died):
                // not a reject; the next run reads it again from here.
                work.pendingTail.set(position);
                counters.truncatedTails++;
                break;
            }
            lines++;
            ErrorCode error = outcome == JsonLineParser.OK
                    ? (codex ? writer.onCodexLine(codexRecord, position) : writer.onLine(record, position))
                    : outcome == JsonLineParser.REJECTED ? cursor.error() : null;
            if (outcome == JsonLineParser.BLANK) {
                counters.blankLines++;
            } else if (error != null) {
                rejects++;
                if (countedTo < 0) {
                    countedTo = start;
                    countedLines = linesBefore(index, start, base);
                }
                countedLines += countNewlines(base, countedTo, position);
                countedTo = position;
                writer.onReject(error, position, countedLines + 1, base + position,
                        (int) Math.min(SAMPLE_BYTES, lineEnd - position));
            }
            position = lineEnd + 1;
        }
        writer.endSegment();
        work.segmentScanned(segment.ordinal(), lines);
        counters.lines += lines;
        counters.bytes += Math.min(position, fileEnd) - start;
        work.lines.addAndGet(lines);
        work.rejects.addAndGet(rejects);
    }

    /**
     * The lines of the file before {@code lineStart}, the first line of segment {@code index}: the lines of the run's
     * earlier segments of the file, as their workers counted them, and for the segments still being read, their
     * newlines. Counting from the file's start at every segment with a reject took time quadratic in the file's size
     * (a 250 MB file: 40 % of the run's samples).
     */
    private long linesBefore(int index, long lineStart, long base) {
        Segment segment = segments.get(index);
        FileWork work = segment.work();
        long lines = work.linesBefore;
        // Where a run of segments that are still being read starts; -1 when there is none.
        long uncountedFrom = -1;
        for (int ordinal = 0; ordinal < segment.ordinal(); ordinal++) {
            Segment earlier = segments.get(index - segment.ordinal() + ordinal);
            long scanned = work.segmentLines(ordinal);
            if (scanned >= 0) {
                if (uncountedFrom >= 0) {
                    lines += countNewlines(base, uncountedFrom, lineStart(work, earlier.from(), base, lineStart));
                    uncountedFrom = -1;
                }
                lines += scanned;
            } else if (uncountedFrom < 0) {
                uncountedFrom = lineStart(work, earlier.from(), base, lineStart);
            }
        }
        if (uncountedFrom >= 0) {
            lines += countNewlines(base, uncountedFrom, lineStart);
        }
        return lines;
    }

    /**
     * The first line that starts at or after {@code from}: {@code from} itself where the file's reading starts or a
     * line ended just before it, else the byte after the next newline; {@code limit} when none is before it.
     */
    private static long lineStart(FileWork work, long from, long base, long limit) {
        if (from <= work.readFrom || NativeMemory.getByte(base + from - 1) == '\n') {
            return from;
        }
        long newline = indexOfNewline(base, from, limit);
        return newline < 0 ? limit : newline + 1;
    }

    /** The offset of the first newline in {@code [from, end)}, or -1. */
    static long indexOfNewline(long base, long from, long end) {
        long p = from;
        while (p + 8 <= end) {
            long mask = Swar.matches(NativeMemory.getLongLittleEndian(base + p), Swar.NEWLINES);
            if (mask != 0) {
                return p + Swar.firstIndex(mask);
            }
            p += 8;
        }
        while (p < end) {
            if (NativeMemory.getByte(base + p) == '\n') {
                return p;
            }
            p++;
        }
        return -1;
    }

    /**
     * The newlines in {@code [from, to)}: the line number of a reject, counted from the last one. Eight bytes at a
     * time: a corpus with a broken line near the end of every file would otherwise be read a second time byte by
     * byte.
     */
    private static long countNewlines(long base, long from, long to) {
        long n = 0;
        long p = from;
        for (; p + 8 <= to; p += 8) {
            n += Swar.count(NativeMemory.getLongLittleEndian(base + p), Swar.NEWLINES);
        }
        for (; p < to; p++) {
            if (NativeMemory.getByte(base + p) == '\n') {
                n++;
            }
        }
        return n;
    }
}
