package io.tokenomics.ingest.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Token counters of the small JSON formats, read with Jackson's streaming parser by the rule of
 * {@link JsonCursor#count}: a whole number from 0 to {@link JsonCursor#MAX_COUNT}, {@code null} as 0, a float with a
 * zero fraction as whole. Anything else is no count, and the reader rejects its record as {@link ErrorCode#BAD_USAGE}.
 */
public final class JsonCounts {
    /** What {@link #count} returns for a value that is no count. */
    public static final long NOT_A_COUNT = -1;

    private JsonCounts() {
    }

    /** The count at the parser's current value, or {@link #NOT_A_COUNT} (an object or array is skipped). */
    public static long count(JsonParser parser) throws IOException {
        JsonToken value = parser.currentToken();
        if (value == JsonToken.VALUE_NULL) {
            return 0;
        }
        if (value == JsonToken.VALUE_NUMBER_INT) {
            if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                return NOT_A_COUNT;
            }
            long count = parser.getLongValue();
            return count >= 0 && count <= JsonCursor.MAX_COUNT ? count : NOT_A_COUNT;
        }
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            double count = parser.getDoubleValue();
            return count >= 0 && count <= JsonCursor.MAX_COUNT && count == Math.rint(count) ? (long) count
                    : NOT_A_COUNT;
        }
        parser.skipChildren();
        return NOT_A_COUNT;
    }
}
