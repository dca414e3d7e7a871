package io.tokenomics.ingest.source;

import io.tokenomics.ingest.json.ErrorCode;

/**
 * Reads the lines of one agent's files for one scan worker: parses a line in place and writes what it holds into
 * the worker's {@link RowSink}. The worker calls {@link #beginSegment}, then for each line {@link #parse} and, when
 * the line is whole and parsed, {@link #onLine}; {@link #flush} before the mapping of the lines read so far goes.
 *
 * <p>An abstract class, not an interface: it is called several times per line, and a virtual call costs less than
 * an interface call under the client compiler.
 */
public abstract class LineReader {
    /** The line was parsed. */
    public static final int OK = 0;
    /** The line holds only whitespace. */
    public static final int BLANK = 1;
    /** The line is unusable; {@link #error()} says why. */
    public static final int REJECTED = 2;

    /** Starts a segment of a file: nothing carries over from the segment before. */
    public abstract void beginSegment(ScannedFile file);

    /**
     * Parses the line starting at address {@code start}; {@code limit} is the end of the readable bytes. Returns
     * {@link #OK}, {@link #BLANK} or {@link #REJECTED}; {@link #lineEnd()} then says where the line ended.
     */
    public abstract int parse(long start, long limit);

    /** The address of the newline that ended the line last parsed, or the limit when none did. */
    public abstract long lineEnd();

    /** Why the line last parsed was rejected. */
    public abstract ErrorCode error();

    /**
     * Writes the rows of the line last parsed, which starts at byte {@code offset} of its file. Returns null, or why
     * the line cannot be used after all: the worker then rejects it.
     */
    public abstract ErrorCode onLine(long offset);

    /** Writes what the reader holds back of the lines read so far (a response waiting for its streamed copies). */
    public abstract void flush();
}
