package io.tokenomics.ingest.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.json.ErrorCode;
import java.io.IOException;

/**
 * One JSON object in memory, read with Jackson's streaming parser, for the small formats of one document per file or
 * per database row (docs/formats.md): the bytes are copied into an array kept across calls, the object is handed to
 * the reader's own method, and anything else (no object, text after it, broken JSON) is the error it names. A format
 * whose document is an array (Codebuff's chats) asks for one instead ({@link #ofArray}).
 */
public final class JsonDocument {
    private static final JsonFactory JSON = new JsonFactory();

    /** What a reader does with the parser standing on the object's opening brace (or the array's bracket). */
    @FunctionalInterface
    public interface ObjectReader {
        void read(JsonParser parser) throws IOException;
    }

    private final ObjectReader reader;
    /** The token the document must start with: an object's, or an array's. */
    private final JsonToken container;
    private byte[] bytes = new byte[8192];
    private ErrorCode error;

    /** {@code reader}: made once per line reader, so that a document costs no allocation of its own. */
    public JsonDocument(ObjectReader reader) {
        this(reader, JsonToken.START_OBJECT);
    }

    private JsonDocument(ObjectReader reader, JsonToken container) {
        this.reader = reader;
        this.container = container;
    }

    /** A document that is one JSON array; any other value is the wrong kind ({@link ErrorCode#NOT_AN_OBJECT}). */
    public static JsonDocument ofArray(ObjectReader reader) {
        return new JsonDocument(reader, JsonToken.START_ARRAY);
    }

    /**
     * Reads the object (or array) at {@code [start, end)}: {@link LineReader#OK}, {@link LineReader#BLANK} for no
     * JSON at all, or {@link LineReader#REJECTED} with {@link #error()} set.
     */
    public int parse(long start, long end) {
        error = null;
        int length = (int) Math.min(Integer.MAX_VALUE, end - start);
        if (length > bytes.length) {
            bytes = new byte[Math.max(length, bytes.length * 2)];
        }
        NativeMemory.copy(start, bytes, 0, length);
        try (JsonParser parser = JSON.createParser(bytes, 0, length)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return LineReader.BLANK;
            }
            if (token != container) {
                error = ErrorCode.NOT_AN_OBJECT;
                return LineReader.REJECTED;
            }
            reader.read(parser);
            if (parser.nextToken() != null) {
                error = ErrorCode.MALFORMED;
                return LineReader.REJECTED;
            }
            return LineReader.OK;
        } catch (IOException e) {
            error = ErrorCode.MALFORMED;
            return LineReader.REJECTED;
        }
    }

    /** Why the last {@link #parse} rejected its document; null after one it did not. */
    public ErrorCode error() {
        return error;
    }
}
