package io.tokenomics.ingest.source;

import com.fasterxml.jackson.core.JsonParser;
import io.tokenomics.ingest.bytes.Newlines;
import io.tokenomics.ingest.json.ErrorCode;
import java.io.IOException;

/**
 * A {@link LineReader} of the small formats whose record is one JSON document ({@link JsonDocument}): a whole file,
 * or a line of a database's rows. Each record is read by the subclass's {@link #read} after {@link #clear}, and its
 * turns are written at {@link #onLine}, so nothing is held back between records.
 */
public abstract class DocumentReader extends LineReader {
    private final JsonDocument document;
    /** Whether a record is a line (a database's rows), rather than the whole file. */
    private final boolean lines;
    /** The file of the segment being read. */
    protected ScannedFile file;
    private long recordEnd;

    /**
     * {@code lines}: a record is a line, else the file whole; {@code array}: the document is a JSON array, else an
     * object.
     */
    protected DocumentReader(boolean lines, boolean array) {
        this.lines = lines;
        this.document = array ? JsonDocument.ofArray(this::read) : new JsonDocument(this::read);
    }

    /** Reads the record's document, the parser standing on its opening brace or bracket. */
    protected abstract void read(JsonParser parser) throws IOException;

    /** Forgets what the previous record held. */
    protected abstract void clear();

    @Override
    public void beginSegment(ScannedFile scanned) {
        file = scanned;
    }

    @Override
    public final int parse(long start, long limit) {
        long end = limit;
        if (lines) {
            long newline = Newlines.indexOf(0, start, limit);
            end = newline >= 0 ? newline : limit;
        }
        recordEnd = end;
        clear();
        return document.parse(start, end);
    }

    @Override
    public final long lineEnd() {
        return recordEnd;
    }

    @Override
    public final ErrorCode error() {
        return document.error();
    }

    @Override
    public final void flush() {
        // Every turn is written as its record is read.
    }
}
