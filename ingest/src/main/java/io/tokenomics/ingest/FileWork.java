package io.tokenomics.ingest;

import io.tokenomics.ingest.source.ScannedFile;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One file's share of a run: the bytes to read, and what the workers found in them. Workers update the counters
 * once per segment, not per line.
 */
final class FileWork {
    final SourceFile file;
    final int index;
    /** First byte to read: 0, or where the last run stopped for a file that grew. */
    final long readFrom;
    /** Complete lines before {@link #readFrom}: the line number base for rejects. */
    final long linesBefore;
    final long rejectsBefore;
    /**
     * {@link HeadHash} of the file's first {@code min(HEAD_BYTES, size)} bytes, taken by the worker that read
     * them (the commit needs it for the manifest and would otherwise open every file again); -1 when none did.
     */
    volatile long scannedHeadHash = -1;
    final AtomicLong lines = new AtomicLong();
    final AtomicLong rejects = new AtomicLong();
    /** Set when the file could not be opened or had shrunk: nothing of it was read, the next run tries again. */
    volatile boolean unreadable;
    /** Start of an unfinished last line (no newline, does not parse), or -1: the next run reads it again. */
    final AtomicLong pendingTail = new AtomicLong(-1);
    /**
     * The lines of each of the file's segments ({@link Segment#ordinal}), -1 until its worker has scanned it: the line
     * numbers of a later segment's rejects start from their sum.
     */
    private AtomicLongArray segmentLines = new AtomicLongArray(0);
    /** What the rows of the file know of it. */
    final ScannedFile names;

    FileWork(SourceFile file, int index, long readFrom, long linesBefore, long rejectsBefore) {
        this.file = file;
        this.index = index;
        this.readFrom = readFrom;
        this.linesBefore = linesBefore;
        this.rejectsBefore = rejectsBefore;
        this.names = new ScannedFile(file.name(), file.project(), file.session(), file.agent());
    }

    /** The bytes the works have to read. */
    static long bytesToRead(List<FileWork> works) {
        long bytes = 0;
        for (FileWork work : works) {
            bytes += work.file.size() - work.readFrom;
        }
        return bytes;
    }

    /** Called by the plan once it has cut the file into {@code segments} segments. */
    void cutInto(int segments) {
        AtomicLongArray lines = new AtomicLongArray(segments);
        for (int i = 0; i < segments; i++) {
            lines.set(i, -1);
        }
        segmentLines = lines;
    }

    /** Records the lines that start in a segment, once its worker has scanned it. */
    void segmentScanned(int ordinal, long lines) {
        segmentLines.set(ordinal, lines);
    }

    /** The lines of a segment that has been scanned, or -1. */
    long segmentLines(int ordinal) {
        return segmentLines.get(ordinal);
    }

    /** Bytes consumed: the file's size, less an unfinished last line. */
    long ingestedBytes() {
        long tail = pendingTail.get();
        return tail >= 0 ? tail : file.size();
    }
}
