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
                    scanSegment(segments.get(index), buffer);
                }
            }
        } finally {
            if (input != null) {
                input.close();
                input = null;
            }
        }
    }

    /** Scans a segment, opening its file unless it is {@link #input}. */
    private void scanSegment(Segment segment, FileBytes.ReadBuffer buffer) {
        FileWork work = segment.work();
        if (work.unreadable) {
            return;
        }
        if (input == null || !input.path().equals(work.file.path())) {
            if (input != null) {
                input.close();
                input = null;
            }
            input = open(segment, buffer);
            if (input == null) {
                return;
            }
        }
        if (segment.from() == 0 && !input.decompressed()) {
            int length = (int) Math.min(Ingest.HEAD_BYTES, input.size());
            NativeMemory.copy(input.address(), head, 0, length);
            work.scannedHeadHash = Ingest.headHash(head, length, headCrc);
        }
        scan(segment, input.address(), input.size());
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

    private void scan(Segment segment, long base, long fileEnd) {
        FileWork work = segment.work();
        long position = segment.from();
        if (position > work.readFrom && NativeMemory.getByte(base + position - 1) != '\n') {
            long newline = indexOfNewline(base, position, fileEnd);
            if (newline < 0) {
                return;
            }
            position = newline + 1;
        }
        writer.beginSegment(work);
        long lines = 0;
        long rejects = 0;
        long countedTo = work.readFrom;
        long countedLines = work.linesBefore;
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
                countedLines += countNewlines(base, countedTo, position);
                countedTo = position;
                writer.onReject(error, position, countedLines + 1, base + position,
                        (int) Math.min(SAMPLE_BYTES, lineEnd - position));
            }
            position = lineEnd + 1;
        }
        writer.endSegment();
        counters.lines += lines;
        counters.bytes += Math.min(position, fileEnd) - start;
        work.lines.addAndGet(lines);
        work.rejects.addAndGet(rejects);
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
