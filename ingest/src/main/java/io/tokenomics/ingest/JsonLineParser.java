package io.tokenomics.ingest;

import java.math.BigDecimal;

/**
 * Extracts the fields we keep from one JSONL line in place, without building a tree or a string, and finds where
 * the line ends in the same pass (a raw newline cannot occur inside a JSON value, so the first one outside the
 * object ends the line; one inside a string means the record was cut). Known keys of the
 * objects on the path to the usage counters and content blocks are matched by {@link KeyTable}; every other value
 * is skipped: strings eight bytes at a time ({@link Swar}), containers by bracket depth. Fields may come in any
 * order with whitespace anywhere. A line that is not one JSON object is reported, never thrown.
 *
 * <p>One parser per worker; not thread-safe. The hot methods are short and the rare cases (escaped keys, numbers
 * with exponents or too many digits, lines ending mid-value) go to {@code *Slow} methods.
 */
final class JsonLineParser {
    /** The line was parsed into the record. */
    static final int OK = 0;
    /** The line holds only whitespace. */
    static final int BLANK = 1;
    /** The line is unusable; {@link #error()} says why. */
    static final int REJECTED = 2;

    private static final int END = -2;
    private static final int FAILED = -3;
    private static final int MAX_DEPTH = 1 << 16;

    private static final KeyTable TOP = new KeyTable("type", "sessionId", "timestamp", "cwd", "version", "gitBranch",
            "agentId", "uuid", "requestId", "subtype", "isSidechain", "isMeta", "isCompactSummary", "message",
            "compactMetadata");
    private static final KeyTable MESSAGE = new KeyTable("id", "model", "role", "stop_reason", "usage", "content");
    private static final KeyTable USAGE = new KeyTable("input_tokens", "output_tokens",
            "cache_creation_input_tokens", "cache_read_input_tokens", "cache_creation", "service_tier", "speed",
            "server_tool_use");
    private static final KeyTable CACHE_CREATION = new KeyTable("ephemeral_5m_input_tokens",
            "ephemeral_1h_input_tokens");
    private static final KeyTable SERVER_TOOL_USE = new KeyTable("web_search_requests");
    private static final KeyTable BLOCK = new KeyTable("type", "text", "thinking", "id", "name", "input",
            "tool_use_id", "content", "is_error");
    private static final KeyTable COMPACT_METADATA = new KeyTable("trigger", "preTokens");

    private static final byte[] TEXT = ascii("text");
    private static final byte[] THINKING = ascii("thinking");
    private static final byte[] TOOL_USE = ascii("tool_use");
    private static final byte[] TOOL_RESULT = ascii("tool_result");

    private long p;
    private long end;
    private long lineStart;
    private long lineEnd;
    private ErrorCode error;
    private boolean lastEscaped;
    private long lastChars;
    private long[] depthKinds = new long[4];
    private final byte[] keyScratch = new byte[Utf8Text.maxDecodedLength(64)];

    // Per-block fields, reused.
    private final StringView blockType = new StringView();
    private final StringView blockId = new StringView();
    private final StringView blockName = new StringView();
    private final StringView blockToolUseId = new StringView();

    /** Why the last line was rejected. */
    ErrorCode error() {
        return error;
    }

    /**
     * Parses the line starting at {@code start}; {@code limit} is the end of the readable bytes (the file's end, or
     * the line's end when the caller knows it). The line ends at the first newline outside the JSON object, which
     * the parser finds itself: a valid line is read in one pass. Returns {@link #OK}, {@link #BLANK} or
     * {@link #REJECTED}; {@link #lineEnd()} then says where the line ended.
     */
    int parse(long start, long limit, LineRecord record) {
        record.clear();
        lineStart = start;
        p = start;
        end = limit;
        error = null;
        skipBom();
        skipWhitespace();
        if (atLineEnd()) {
            lineEnd = p;
            return BLANK;
        }
        if (peek() != '{') {
            return finish(rejectNonObject());
        }
        if (!parseTop(record)) {
            return finish(REJECTED);
        }
        skipWhitespace();
        if (!atLineEnd()) {
            // Two records glued on one line, or garbage after the object.
            return finish(fail(ErrorCode.MALFORMED));
        }
        lineEnd = p;
        return OK;
    }

    /** The address of the newline that ended the last line parsed, or the limit when none did. */
    long lineEnd() {
        return lineEnd;
    }

    private boolean atLineEnd() {
        return p >= end || NativeMemory.getByte(p) == '\n';
    }

    /** A rejected line ends at its first newline: found here, on the slow path only. */
    private int finish(int outcome) {
        if (outcome != OK) {
            long newline = ScanWorker.indexOfNewline(0, lineStart, end);
            lineEnd = newline < 0 ? end : newline;
        }
        return outcome;
    }

    private int rejectNonObject() {
        if (skipValue()) {
            skipWhitespace();
            if (atLineEnd()) {
                return fail(ErrorCode.NOT_AN_OBJECT);
            }
        }
        return fail(ErrorCode.MALFORMED);
    }

    private int fail(ErrorCode code) {
        if (error == null) {
            error = code;
        }
        return REJECTED;
    }

    private boolean failed(ErrorCode code) {
        fail(code);
        return false;
    }

    private boolean parseTop(LineRecord r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(TOP, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case 0 -> string(r.type);
                case 1 -> string(r.sessionId);
                case 2 -> string(r.timestamp);
                case 3 -> string(r.cwd);
                case 4 -> string(r.version);
                case 5 -> string(r.gitBranch);
                case 6 -> string(r.agentId);
                case 7 -> string(r.uuid);
                case 8 -> string(r.requestId);
                case 9 -> string(r.subtype);
                case 10 -> (r.isSidechain = bool()) | error == null;
                case 11 -> (r.isMeta = bool()) | error == null;
                case 12 -> (r.isCompactSummary = bool()) | error == null;
                case 13 -> peek() == '{' ? parseMessage(r) : skipValue();
                case 14 -> peek() == '{' ? parseCompactMetadata(r) : skipValue();
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseMessage(LineRecord r) {
        r.hasMessage = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(MESSAGE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok = switch (key) {
                case 0 -> string(r.messageId);
                case 1 -> string(r.model);
                case 2 -> string(r.role);
                case 3 -> string(r.stopReason);
                case 4 -> peek() == '{' ? parseUsage(r) : skipValue();
                case 5 -> parseContent(r);
                default -> skipValue();
            };
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseUsage(LineRecord r) {
        r.hasUsage = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(USAGE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            boolean ok;
            switch (key) {
                case 0 -> {
                    r.inputTokens = count();
                    ok = error == null;
                }
                case 1 -> {
                    r.outputTokens = count();
                    ok = error == null;
                }
                case 2 -> {
                    r.cacheCreationTokens = count();
                    ok = error == null;
                }
                case 3 -> {
                    r.cacheRead = count();
                    ok = error == null;
                }
                case 4 -> ok = peek() == '{' ? parseCacheCreation(r) : skipValue();
                case 5 -> ok = string(r.serviceTier);
                case 6 -> ok = string(r.speed);
                case 7 -> ok = peek() == '{' ? parseServerToolUse(r) : skipValue();
                default -> ok = skipValue();
            }
            if (!ok) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseCacheCreation(LineRecord r) {
        r.hasCacheSplit = true;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(CACHE_CREATION, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == 0) {
                r.cacheWrite5m = count();
            } else if (key == 1) {
                r.cacheWrite1h = count();
            } else if (!skipValue()) {
                return false;
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseServerToolUse(LineRecord r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(SERVER_TOOL_USE, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == 0) {
                r.webSearchRequests = count();
            } else if (!skipValue()) {
                return false;
            }
            if (error != null) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseCompactMetadata(LineRecord r) {
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(COMPACT_METADATA, first)) >= KeyTable.UNKNOWN) {
            first = false;
            if (key == 0) {
                if (!string(r.compactTrigger)) {
                    return false;
                }
            } else if (key == 1) {
                r.compactPreTokens = count();
                if (error != null) {
                    return false;
                }
            } else if (!skipValue()) {
                return false;
            }
        }
        return key == END;
    }

    private boolean parseContent(LineRecord r) {
        byte b = peek();
        if (b == '"') {
            long close = measureString(p + 1);
            if (close < 0) {
                return failed(ErrorCode.MALFORMED);
            }
            r.contentIsString = true;
            r.contentStringChars = lastChars;
            p = close + 1;
            return true;
        }
        if (b != '[') {
            return skipValue();
        }
        p++;
        skipWhitespace();
        if (peek() == ']') {
            p++;
            return true;
        }
        while (true) {
            boolean ok = peek() == '{' ? parseBlock(r) : skipValue();
            if (!ok) {
                return false;
            }
            skipWhitespace();
            byte next = peek();
            p++;
            if (next == ']') {
                return true;
            }
            if (next != ',') {
                return failed(ErrorCode.MALFORMED);
            }
            skipWhitespace();
        }
    }

    private boolean parseBlock(LineRecord r) {
        blockType.clear();
        blockId.clear();
        blockName.clear();
        blockToolUseId.clear();
        long textChars = 0;
        long thinkingChars = 0;
        long inputBytes = 0;
        long contentBytes = 0;
        boolean isError = false;
        p++;
        boolean first = true;
        int key;
        while ((key = nextKey(BLOCK, first)) >= KeyTable.UNKNOWN) {
            first = false;
            long valueStart = p;
            boolean ok;
            switch (key) {
                case 0 -> ok = string(blockType);
                case 1 -> {
                    ok = measuredString();
                    textChars = lastChars;
                }
                case 2 -> {
                    ok = measuredString();
                    thinkingChars = lastChars;
                }
                case 3 -> ok = string(blockId);
                case 4 -> ok = string(blockName);
                case 5 -> {
                    ok = skipValue();
                    inputBytes = p - valueStart;
                }
                case 6 -> ok = string(blockToolUseId);
                case 7 -> {
                    ok = skipValue();
                    contentBytes = p - valueStart;
                }
                case 8 -> {
                    isError = bool();
                    ok = error == null;
                }
                default -> ok = skipValue();
            }
            if (!ok) {
                return false;
            }
        }
        if (key != END) {
            return false;
        }
        if (blockType.equalsAscii(TEXT)) {
            r.textBlocks++;
            r.textChars += textChars;
        } else if (blockType.equalsAscii(THINKING)) {
            r.thinkingChars += thinkingChars;
        } else if (blockType.equalsAscii(TOOL_USE)) {
            r.addToolUse(blockId, blockName, inputBytes);
        } else if (blockType.equalsAscii(TOOL_RESULT)) {
            r.addToolResult(blockToolUseId, contentBytes, isError);
        }
        return true;
    }

    /**
     * Moves past the separator before the next member and its key and colon. Returns the key's index in
     * {@code table}, {@link KeyTable#UNKNOWN}, {@link #END} after the closing brace, or {@link #FAILED}.
     */
    private int nextKey(KeyTable table, boolean first) {
        skipWhitespace();
        byte b = peek();
        if (b == '}') {
            p++;
            return END;
        }
        if (!first) {
            if (b != ',') {
                fail(ErrorCode.MALFORMED);
                return FAILED;
            }
            p++;
            skipWhitespace();
            b = peek();
        }
        if (b != '"') {
            fail(ErrorCode.MALFORMED);
            return FAILED;
        }
        long keyStart = p + 1;
        long close = scanString(keyStart);
        if (close < 0) {
            fail(ErrorCode.MALFORMED);
            return FAILED;
        }
        int length = (int) Math.min(Integer.MAX_VALUE, close - keyStart);
        int key = lastEscaped ? lookupEscapedKeySlow(table, keyStart, length)
                : table.lookup(keyStart, length, end);
        p = close + 1;
        skipWhitespace();
        if (peek() != ':') {
            fail(ErrorCode.MALFORMED);
            return FAILED;
        }
        p++;
        skipWhitespace();
        return key;
    }

    private int lookupEscapedKeySlow(KeyTable table, long keyStart, int length) {
        if (Utf8Text.maxDecodedLength(length) > keyScratch.length) {
            return KeyTable.UNKNOWN; // longer than any key we keep
        }
        StringView view = new StringView();
        view.set(keyStart, length, true);
        return table.lookupDecoded(keyScratch, Utf8Text.decode(view, keyScratch));
    }

    /** Reads a string value into {@code view}; a non-string value (null, number) is skipped and leaves it absent. */
    private boolean string(StringView view) {
        if (peek() != '"') {
            return skipValue();
        }
        long start = p + 1;
        long close = scanString(start);
        if (close < 0) {
            return failed(ErrorCode.MALFORMED);
        }
        view.set(start, (int) Math.min(Integer.MAX_VALUE, close - start), lastEscaped);
        p = close + 1;
        return true;
    }

    /** Skips a string value, leaving its length in code points in {@link #lastChars}; 0 for a non-string. */
    private boolean measuredString() {
        lastChars = 0;
        if (peek() != '"') {
            return skipValue();
        }
        long close = measureString(p + 1);
        if (close < 0) {
            return failed(ErrorCode.MALFORMED);
        }
        p = close + 1;
        return true;
    }

    /** Reads {@code true}, {@code false} or {@code null} (as false); anything else is skipped as false. */
    private boolean bool() {
        byte b = peek();
        if (b == 't' && literal("true")) {
            return true;
        }
        if ((b == 'f' && literal("false")) || (b == 'n' && literal("null"))) {
            return false;
        }
        skipValue();
        return false;
    }

    /**
     * Reads a token counter: a whole number within 64 bits, {@code null} as 0. A float with a zero fraction is whole.
     * A string or other non-number is skipped and counts 0; a fractional or overflowing number rejects the line.
     */
    private long count() {
        byte b = peek();
        if (b == 'n' && literal("null")) {
            return 0;
        }
        if (b != '-' && (b < '0' || b > '9')) {
            skipValue();
            return 0;
        }
        long start = p;
        boolean negative = b == '-';
        if (negative) {
            p++;
        }
        long value = 0;
        int digits = 0;
        while (p < end) {
            int d = NativeMemory.getByte(p) - '0';
            if (d < 0 || d > 9) {
                break;
            }
            value = value * 10 + d;
            digits++;
            p++;
        }
        byte next = peek();
        if (digits == 0 || digits > 18 || next == '.' || next == 'e' || next == 'E') {
            return countSlow(start);
        }
        return negative ? -value : value;
    }

    private long countSlow(long start) {
        p = start;
        if (!skipNumber()) {
            return 0;
        }
        int length = (int) (p - start);
        byte[] text = new byte[length];
        NativeMemory.copy(start, text, 0, length);
        try {
            return new BigDecimal(new String(text, java.nio.charset.StandardCharsets.US_ASCII)).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            fail(ErrorCode.BAD_NUMBER);
            return 0;
        }
    }

    private boolean literal(String word) {
        int n = word.length();
        if (p + n > end) {
            return failed(ErrorCode.MALFORMED);
        }
        for (int i = 0; i < n; i++) {
            if (NativeMemory.getByte(p + i) != word.charAt(i)) {
                return failed(ErrorCode.MALFORMED);
            }
        }
        p += n;
        return true;
    }

    /** Skips one JSON value of any kind. */
    private boolean skipValue() {
        byte b = peek();
        switch (b) {
            case '"' -> {
                long close = scanString(p + 1);
                if (close < 0) {
                    return failed(ErrorCode.MALFORMED);
                }
                p = close + 1;
                return true;
            }
            case '{', '[' -> {
                return skipContainer();
            }
            case 't' -> {
                return literal("true");
            }
            case 'f' -> {
                return literal("false");
            }
            case 'n' -> {
                return literal("null");
            }
            default -> {
                return skipNumber();
            }
        }
    }

    private boolean skipNumber() {
        long start = p;
        if (peek() == '-') {
            p++;
        }
        long digitsStart = p;
        while (p < end) {
            byte b = NativeMemory.getByte(p);
            if ((b >= '0' && b <= '9') || b == '.' || b == 'e' || b == 'E' || b == '+' || b == '-') {
                p++;
            } else {
                break;
            }
        }
        if (p == digitsStart) {
            p = start;
            return failed(ErrorCode.MALFORMED);
        }
        return true;
    }

    /**
     * Skips an object or array by bracket depth, strings included. Closers must match their openers; the kinds of
     * the open containers are kept in a bit stack, so depth is bounded by memory, not by the Java stack.
     */
    private boolean skipContainer() {
        int depth = 0;
        while (p < end) {
            byte b = NativeMemory.getByte(p);
            switch (b) {
                case '"' -> {
                    long close = scanString(p + 1);
                    if (close < 0) {
                        return failed(ErrorCode.MALFORMED);
                    }
                    p = close;
                }
                case '{', '[' -> {
                    if (depth == MAX_DEPTH) {
                        return failed(ErrorCode.TOO_DEEP);
                    }
                    pushKind(depth++, b == '{');
                }
                case '}', ']' -> {
                    if (depth == 0 || isObject(--depth) != (b == '}')) {
                        return failed(ErrorCode.MALFORMED);
                    }
                    if (depth == 0) {
                        p++;
                        return true;
                    }
                }
                case '\n' -> {
                    return failed(ErrorCode.MALFORMED);
                }
                default -> {
                    // Scalars, separators and whitespace between structural bytes.
                }
            }
            p++;
        }
        return failed(ErrorCode.MALFORMED);
    }

    private void pushKind(int depth, boolean object) {
        int word = depth >>> 6;
        if (word == depthKinds.length) {
            depthKinds = java.util.Arrays.copyOf(depthKinds, word * 2);
        }
        long bit = 1L << (depth & 63);
        depthKinds[word] = object ? depthKinds[word] | bit : depthKinds[word] & ~bit;
    }

    private boolean isObject(int depth) {
        return (depthKinds[depth >>> 6] & (1L << (depth & 63))) != 0;
    }

    /**
     * Finds the closing quote of the string whose first content byte is at {@code from}; returns its address, or -1
     * when the line ends first. Sets {@link #lastEscaped}.
     */
    private long scanString(long from) {
        long q = from;
        boolean escaped = false;
        long limit = end;
        while (true) {
            if (q + 8 <= limit) {
                long word = NativeMemory.getLongLittleEndian(q);
                long mask = Swar.matches(word, Swar.QUOTES) | Swar.matches(word, Swar.BACKSLASHES)
                        | Swar.matches(word, Swar.NEWLINES);
                if (mask == 0) {
                    q += 8;
                    continue;
                }
                q += Swar.firstIndex(mask);
            } else {
                if (q >= limit) {
                    return -1;
                }
                byte b = NativeMemory.getByte(q);
                if (b != '"' && b != '\\' && b != '\n') {
                    q++;
                    continue;
                }
            }
            byte found = NativeMemory.getByte(q);
            if (found == '"') {
                lastEscaped = escaped;
                return q;
            }
            if (found == '\n') {
                return -1; // the line ended inside the string: a cut record
            }
            escaped = true;
            q += 2;
        }
    }

    /**
     * Like {@link #scanString} and also counts the code points of the decoded string into {@link #lastChars}: the
     * raw length less UTF-8 continuation bytes less the bytes escapes add ({@code \n} is 2 bytes for 1 char,
     * a backslash-u escape is 6 for 1, a surrogate pair of them 12 for 1).
     */
    private long measureString(long from) {
        long q = from;
        long continuation = 0;
        long escapeExtra = 0;
        long limit = end;
        while (true) {
            if (q + 8 <= limit) {
                long word = NativeMemory.getLongLittleEndian(q);
                long mask = Swar.matches(word, Swar.QUOTES) | Swar.matches(word, Swar.BACKSLASHES)
                        | Swar.matches(word, Swar.NEWLINES);
                if (mask == 0) {
                    continuation += Swar.continuationBytes(word);
                    q += 8;
                    continue;
                }
                int index = Swar.firstIndex(mask);
                continuation += Swar.continuationBytes(Swar.lowBytes(word, index));
                q += index;
            } else {
                if (q >= limit) {
                    return -1;
                }
                byte b = NativeMemory.getByte(q);
                if (b != '"' && b != '\\' && b != '\n') {
                    if ((b & 0xC0) == 0x80) {
                        continuation++;
                    }
                    q++;
                    continue;
                }
            }
            byte found = NativeMemory.getByte(q);
            if (found == '"') {
                lastChars = (q - from) - continuation - escapeExtra;
                return q;
            }
            if (found == '\n') {
                return -1;
            }
            if (q + 1 < limit && NativeMemory.getByte(q + 1) == 'u') {
                if (isSurrogatePair(q, limit)) {
                    // A surrogate pair escape (two backslash-u escapes, 12 bytes) is one code point.
                    escapeExtra += 11;
                    q += 12;
                    continue;
                }
                escapeExtra += 5;
            } else {
                escapeExtra += 1;
            }
            q += 2;
        }
    }

    /** Whether the escape at {@code q} is a high surrogate (D800-DBFF) followed by a low one (DC00-DFFF). */
    private static boolean isSurrogatePair(long q, long limit) {
        return q + 12 <= limit && isSurrogateEscape(q, 'D', '8', 'B') && NativeMemory.getByte(q + 6) == '\\'
                && NativeMemory.getByte(q + 7) == 'u' && isSurrogateEscape(q + 6, 'D', 'C', 'F');
    }

    private static boolean isSurrogateEscape(long q, char first, char low, char high) {
        int a = NativeMemory.getByte(q + 2) | 0x20;
        int b = NativeMemory.getByte(q + 3) | 0x20;
        return a == (first | 0x20) && b >= (low | 0x20) && b <= (high | 0x20)
                && (b <= '9' || b >= 'a');
    }

    private void skipWhitespace() {
        while (p < end) {
            byte b = NativeMemory.getByte(p);
            // A newline is not whitespace here: it ends the line.
            if (b != ' ' && b != '\t' && b != '\r') {
                return;
            }
            p++;
        }
    }

    private void skipBom() {
        if (p + 3 <= end && NativeMemory.getByte(p) == (byte) 0xEF && NativeMemory.getByte(p + 1) == (byte) 0xBB
                && NativeMemory.getByte(p + 2) == (byte) 0xBF) {
            p += 3;
        }
    }

    private byte peek() {
        return p < end ? NativeMemory.getByte(p) : 0;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
