package io.tokenomics.ingest;

import java.util.concurrent.atomic.AtomicLong;

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
     * {@link Ingest#headHash} of the file's first {@code min(HEAD_BYTES, size)} bytes, taken by the worker that read
     * them (the commit needs it for the manifest and would otherwise open every file again); -1 when none did.
     */
    volatile long scannedHeadHash = -1;
    final AtomicLong lines = new AtomicLong();
    final AtomicLong rejects = new AtomicLong();
    /** Set when the file could not be opened or had shrunk: nothing of it was read, the next run tries again. */
    volatile boolean unreadable;
    /** Start of an unfinished last line (no newline, does not parse), or -1: the next run reads it again. */
    final AtomicLong pendingTail = new AtomicLong(-1);
    final byte[] pathUtf8;
    final byte[] projectUtf8;
    final byte[] sessionUtf8;
    final byte[] agentUtf8;

    FileWork(SourceFile file, int index, long readFrom, long linesBefore, long rejectsBefore) {
        this.file = file;
        this.index = index;
        this.readFrom = readFrom;
        this.linesBefore = linesBefore;
        this.rejectsBefore = rejectsBefore;
        this.pathUtf8 = utf8(file.path().toString());
        this.projectUtf8 = utf8(file.project());
        this.sessionUtf8 = utf8(file.session());
        this.agentUtf8 = file.agent() == null ? null : utf8(file.agent());
    }

    /** Bytes consumed: the file's size, less an unfinished last line. */
    long ingestedBytes() {
        long tail = pendingTail.get();
        return tail >= 0 ? tail : file.size();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
