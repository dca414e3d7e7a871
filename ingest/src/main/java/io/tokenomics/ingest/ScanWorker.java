package io.tokenomics.ingest;

import io.tokenomics.ingest.bytes.FileBytes;
import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.bytes.Newlines;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.source.LineReader;
import io.tokenomics.ingest.source.RowSink;
import io.tokenomics.ingest.source.Source;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One scanning thread. Takes the next item (a group of small files, or a segment of a big one, see
 * {@link Segment#groups}) from the shared cursor until none is left, and reads the lines of its segments one after
 * the other with the reader of the file's source (the parser finds each line's end as it goes), which writes rows
 * into the worker's own {@link RowSink}.
 */
final class ScanWorker implements Runnable {
    private final List<Segment> segments;
    private final int[] items;
    private final AtomicInteger cursor;
    private final RowSink rows;
    private final List<Source> sources;
    /** The reader of each source, made when a file of it first comes. */
    private final LineReader[] readers;
    private final RunCounters counters;
    private final List<String> problems;
    private final ProgressListener progress;
    private final byte[] head = new byte[HeadHash.BYTES];
    private final java.util.zip.CRC32 headCrc = new java.util.zip.CRC32();
    /** The file of the last segment scanned, open until the next segment is of another file. */
    private FileBytes input;

    ScanWorker(List<Segment> segments, int[] items, AtomicInteger cursor, RowSink rows, List<Source> sources,
            RunCounters counters, List<String> problems, ProgressListener progress) {
        this.segments = segments;
        this.items = items;
        this.cursor = cursor;
        this.rows = rows;
        this.sources = sources;
        this.readers = new LineReader[sources.size()];
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
                    // A call per segment, not a loop body: see docs/architecture.md ("Client compiler only").
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
        try {
            if (segment.from() == 0 && !input.decompressed()) {
                int length = (int) Math.min(HeadHash.BYTES, input.size());
                input.cover(0, length);
                NativeMemory.copy(input.address(), head, 0, length);
                work.scannedHeadHash = HeadHash.of(head, length, headCrc);
            }
            scan(index, input);
        } catch (IOException e) {
            // The file was listed, opened and checked for its size; a window of it that cannot be mapped after that
            // is a problem with the file, which is read again from the start next time.
            synchronized (problems) {
                problems.add(work.file.path() + ": cannot be read: " + e.getMessage());
            }
            work.unreadable = true;
            work.segmentScanned(segment.ordinal(), 0);
        }
        progress.onBytes(segment.bytes());
    }

    /**
     * A file that is one segment is read whole into the buffer; a bigger one is mapped a window at a time; a database
     * is written out as lines by its source. Returns null, with the problem noted, when the file cannot be read.
     */
    private FileBytes open(Segment segment, FileBytes.ReadBuffer buffer) {
        FileWork work = segment.work();
        Source source = work.file.source();
        try {
            if (source.logsAreDatabases()) {
                return FileBytes.written(work.file.path(), lines -> source.writeLines(work.file.path(), lines));
            }
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

    private void scan(int index, FileBytes input) throws IOException {
        Segment segment = segments.get(index);
        FileWork work = segment.work();
        long fileEnd = input.size();
        long position = lineStart(work, segment.from(), input, fileEnd);
        if (position >= fileEnd) {
            work.segmentScanned(segment.ordinal(), 0);
            return;
        }
        input.cover(position, 1);
        long base = input.address();
        long limit = input.end();
        LineReader reader = readerOf(work.file.source());
        reader.beginSegment(work.names);
        long lines = 0;
        long rejects = 0;
        // The lines of the file before the segment's first line: worked out at its first reject, if any. Every line
        // parsed, blank or rejected, ends at a newline (a raw newline cannot be inside a JSON value), so a line's
        // number is that plus the lines parsed before it.
        long linesBefore = -1;
        long start = position;
        while (position < segment.to() && position < fileEnd) {
            int outcome = reader.parse(base + position, base + limit);
            long lineEnd = reader.lineEnd() - base;
            if (lineEnd == limit && limit < fileEnd) {
                // The line runs past the mapped window: map on from its start and parse it again. What the reader
                // holds of the lines before goes first, as at the end of a segment: it points into the old window.
                reader.flush();
                input.cover(position, 2 * (limit - position));
                base = input.address();
                limit = input.end();
                continue;
            }
            if (lineEnd == fileEnd && outcome == LineReader.REJECTED) {
                // A last line without its newline that does not parse is still being written (or its writer died):
                // not a reject; the next run reads it again from here.
                work.pendingTail.set(position);
                counters.truncatedTails++;
                break;
            }
            lines++;
            ErrorCode error = outcome == LineReader.OK ? reader.onLine(position)
                    : outcome == LineReader.REJECTED ? reader.error() : null;
            if (error != null) {
                rejects++;
                if (linesBefore < 0) {
                    linesBefore = linesBefore(index, start);
                }
                rows.reject(error, work.names, position, linesBefore + lines, base + position, lineEnd - position);
            }
            position = lineEnd + 1;
        }
        reader.flush();
        work.segmentScanned(segment.ordinal(), lines);
        counters.lines += lines;
        counters.bytes += Math.min(position, fileEnd) - start;
        work.lines.addAndGet(lines);
        work.rejects.addAndGet(rejects);
    }

    /** The reader of a source's lines, made at its first file. */
    private LineReader readerOf(Source source) {
        int index = sources.indexOf(source);
        LineReader reader = readers[index];
        if (reader == null) {
            reader = source.newReader(rows);
            readers[index] = reader;
        }
        return reader;
    }

    /**
     * The lines of the file before {@code lineStart}, the first line of segment {@code index}: the lines of the run's
     * earlier segments of the file, as their workers counted them, and for the segments still being read, their
     * newlines, in a mapping of its own. Counting from the file's start at every segment with a reject took time
     * quadratic in the file's size, which dominated a run over big files.
     */
    private long linesBefore(int index, long lineStart) throws IOException {
        Segment segment = segments.get(index);
        FileWork work = segment.work();
        long lines = work.linesBefore;
        FileBytes before = null;
        try {
            // Where a run of segments that are still being read starts; -1 when there is none.
            long uncountedFrom = -1;
            for (int ordinal = 0; ordinal < segment.ordinal(); ordinal++) {
                Segment earlier = segments.get(index - segment.ordinal() + ordinal);
                long scanned = work.segmentLines(ordinal);
                if (scanned < 0 && before == null) {
                    before = FileBytes.open(work.file.path(), lineStart);
                    before.cover(work.readFrom, lineStart - work.readFrom);
                }
                if (scanned >= 0) {
                    if (uncountedFrom >= 0) {
                        long to = lineStart(work, earlier.from(), before, lineStart);
                        lines += Newlines.count(before.address(), uncountedFrom, to);
                        uncountedFrom = -1;
                    }
                    lines += scanned;
                } else if (uncountedFrom < 0) {
                    uncountedFrom = lineStart(work, earlier.from(), before, lineStart);
                }
            }
            if (uncountedFrom >= 0) {
                lines += Newlines.count(before.address(), uncountedFrom, lineStart);
            }
            return lines;
        } finally {
            if (before != null) {
                before.close();
            }
        }
    }

    /**
     * The first line that starts at or after {@code from}: {@code from} itself where the file's reading starts or a
     * line ended just before it, else the byte after the next newline; {@code limit} when none is before it. Moves
     * the window of a mapped file as far as it needs.
     */
    private static long lineStart(FileWork work, long from, FileBytes bytes, long limit) throws IOException {
        if (from <= work.readFrom) {
            return from;
        }
        bytes.cover(from - 1, 1);
        if (NativeMemory.getByte(bytes.address() + from - 1) == '\n') {
            return from;
        }
        while (true) {
            long end = Math.min(limit, bytes.end());
            long newline = Newlines.indexOf(bytes.address(), from, end);
            if (newline >= 0) {
                return newline + 1;
            }
            if (end >= limit) {
                return limit;
            }
            bytes.cover(from - 1, 2 * (end - from + 1));
        }
    }
}
