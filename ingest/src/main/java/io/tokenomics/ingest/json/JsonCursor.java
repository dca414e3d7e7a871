package io.tokenomics.ingest.json;

import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.bytes.NativeSearch;
import io.tokenomics.ingest.bytes.Newlines;
import io.tokenomics.ingest.bytes.Swar;
import java.math.BigDecimal;

/**
 * The JSON primitives of the line parsers, over raw memory: keys matched in place with {@link KeyTable}, strings
 * scanned eight bytes at a time ({@link Swar}), containers skipped by bracket depth, numbers read in place, and the
 * end of the line found in the same pass (a raw newline cannot occur inside a JSON value, so the first one outside
 * the object ends the line; one inside a string means the record was cut). A subclass parses the top-level object
 * of its format; a line that is not one JSON object is reported, never thrown.
 *
 * <p>One parser per worker; not thread-safe. The hot methods are short and the rare cases (escaped keys, numbers
 * with exponents or too many digits, lines ending mid-value) go to {@code *Slow} methods.
 */
public abstract class JsonCursor {
    /** The line was parsed into the record. */
    public static final int OK = 0;
    /** The line holds only whitespace. */
    public static final int BLANK = 1;
    /** The line is unusable; {@link #error()} says why. */
    public static final int REJECTED = 2;

    protected static final int END = -2;
    protected static final int FAILED = -3;
    protected static final int MAX_DEPTH = 1 << 16;
    /**
     * The largest token count a counter may hold: a trillion, far beyond any response or session, and small enough
     * that the sums over every row of a dataset stay within 64 bits.
     */
    public static final long MAX_COUNT = 1_000_000_000_000L;
    /** The bytes searched eight at a time without a stop before the rest of a string goes to {@link NativeSearch}. */
    protected static final int SHORT_STRING = 32;

    protected long p;
    protected long end;
    protected long lineStart;
    protected long lineEnd;
    protected ErrorCode error;
    /** Whether the last string found holds an escape, as far as its search looked; see {@link #lastEscaped()}. */
    private boolean lastEscaped;
    /** Where the bytes of the last string that no search looked at begin, or 0; they end at {@link #lastClose}. */
    private long unsearchedFrom;
    private long lastClose;
    protected long lastChars;
    /** The address of the newline that ends the current line (or {@link #end}), once a long string needed it. */
    protected long lineNewline;
    protected long[] depthKinds = new long[4];
    protected final byte[] keyScratch = new byte[Utf8Text.maxDecodedLength(64)];

    /** Why the last line was rejected. */
    public ErrorCode error() {
        return error;
    }

    /**
     * Parses the line starting at {@code start}; {@code limit} is the end of the readable bytes (the file's end, or
     * the line's end when the caller knows it). Returns {@link #OK}, {@link #BLANK} or {@link #REJECTED};
     * {@link #lineEnd()} then says where the line ended.
     */
    protected final int parseLine(long start, long limit) {
        lineStart = start;
        p = start;
        end = limit;
        lineNewline = 0;
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
        if (!parseObject()) {
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

    /** Parses the top-level object of the format, the cursor on its opening brace. */
    protected abstract boolean parseObject();

    /** The address of the newline that ended the last line parsed, or the limit when none did. */
    public long lineEnd() {
        return lineEnd;
    }

    protected boolean atLineEnd() {
        return p >= end || NativeMemory.getByte(p) == '\n';
    }

    /** A rejected line ends at its first newline: found here, on the slow path only. */
    protected int finish(int outcome) {
        if (outcome != OK) {
            long newline = Newlines.indexOf(0, lineStart, end);
            lineEnd = newline < 0 ? end : newline;
        }
        return outcome;
    }

    protected int rejectNonObject() {
        if (skipValue()) {
            skipWhitespace();
            if (atLineEnd()) {
                return fail(ErrorCode.NOT_AN_OBJECT);
            }
        }
        return fail(ErrorCode.MALFORMED);
    }

    protected int fail(ErrorCode code) {
        if (error == null) {
            error = code;
        }
        return REJECTED;
    }

    protected boolean failed(ErrorCode code) {
        fail(code);
        return false;
    }

    /**
     * Moves past the separator before the next member and its key and colon. Returns the key's index in
     * {@code table}, {@link KeyTable#UNKNOWN}, {@link #END} after the closing brace, or {@link #FAILED}.
     */
    protected int nextKey(KeyTable table, boolean first) {
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
        long close = stringEnd(keyStart);
        if (close < 0) {
            fail(ErrorCode.MALFORMED);
            return FAILED;
        }
        int length = (int) Math.min(Integer.MAX_VALUE, close - keyStart);
        int key = lastEscaped() ? lookupEscapedKeySlow(table, keyStart, length)
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

    protected int lookupEscapedKeySlow(KeyTable table, long keyStart, int length) {
        if (Utf8Text.maxDecodedLength(length) > keyScratch.length) {
            return KeyTable.UNKNOWN; // longer than any key we keep
        }
        StringView view = new StringView();
        view.set(keyStart, length, true);
        return table.lookupDecoded(keyScratch, Utf8Text.decode(view, keyScratch));
    }

    /** Reads a string value into {@code view}; a non-string value (null, number) is skipped and leaves it absent. */
    protected boolean string(StringView view) {
        if (peek() != '"') {
            return skipValue();
        }
        long start = p + 1;
        long close = stringEnd(start);
        if (close < 0) {
            return failed(ErrorCode.MALFORMED);
        }
        view.set(start, (int) Math.min(Integer.MAX_VALUE, close - start), lastEscaped());
        p = close + 1;
        return true;
    }

    /** Skips a string value, leaving its length in code points in {@link #lastChars}; 0 for a non-string. */
    protected boolean measuredString() {
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
    protected boolean bool() {
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
     * Reads a token counter: a whole number from 0 to {@link #MAX_COUNT}, {@code null} as 0. A float with a zero
     * fraction is whole. Anything else (a string, a boolean, an object, a fraction, a negative or larger number)
     * rejects the line as {@link ErrorCode#BAD_USAGE}: counting it as 0 would hide spend.
     */
    protected long count() {
        byte b = peek();
        if (b == 'n' && literal("null")) {
            return 0;
        }
        if (b != '-' && (b < '0' || b > '9')) {
            if (skipValue()) {
                fail(ErrorCode.BAD_USAGE);
            }
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
        if (negative && value != 0 || value > MAX_COUNT) {
            // A negative count would subtract tokens from every total; one beyond the bound overflow their sums.
            fail(ErrorCode.BAD_USAGE);
            return 0;
        }
        return value;
    }

    protected long countSlow(long start) {
        p = start;
        if (!skipNumber()) {
            return 0;
        }
        int length = (int) (p - start);
        if (length > 64) {
            // Longer than any whole number within 64 bits however written; BigDecimal would take quadratic time.
            fail(ErrorCode.BAD_USAGE);
            return 0;
        }
        byte[] text = new byte[length];
        NativeMemory.copy(start, text, 0, length);
        try {
            BigDecimal number = new BigDecimal(new String(text, java.nio.charset.StandardCharsets.US_ASCII));
            if (number.signum() < 0 || number.scale() > 0 && number.stripTrailingZeros().scale() > 0
                    || number.compareTo(BigDecimal.valueOf(MAX_COUNT)) > 0) {
                fail(ErrorCode.BAD_USAGE);
                return 0;
            }
            return number.longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            fail(ErrorCode.BAD_USAGE);
            return 0;
        }
    }

    protected boolean literal(String word) {
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
    protected boolean skipValue() {
        byte b = peek();
        switch (b) {
            case '"' -> {
                long close = stringEnd(p + 1);
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

    protected boolean skipNumber() {
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
    protected boolean skipContainer() {
        int depth = 0;
        while (p < end) {
            byte b = NativeMemory.getByte(p);
            switch (b) {
                case '"' -> {
                    long close = stringEnd(p + 1);
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

    protected void pushKind(int depth, boolean object) {
        int word = depth >>> 6;
        if (word == depthKinds.length) {
            depthKinds = java.util.Arrays.copyOf(depthKinds, word * 2);
        }
        long bit = 1L << (depth & 63);
        depthKinds[word] = object ? depthKinds[word] | bit : depthKinds[word] & ~bit;
    }

    protected boolean isObject(int depth) {
        return (depthKinds[depth >>> 6] & (1L << (depth & 63))) != 0;
    }

    /**
     * The one string scan, shared by keys, kept values, skipped values and measured text: finds the closing quote of
     * the string whose first content byte is at {@code from} and returns its address, or -1 when the line ends
     * first (a raw newline cannot be inside a string, so one before the closing quote means a cut record). Whether
     * the string holds an escape is then {@link #lastEscaped()}. Bytes are searched eight at a time; once
     * {@value #SHORT_STRING} bytes have passed without a stop (an escape the words could not skip, or an escaped
     * quote), the rest goes to the C library's search for the next quote where it is available. So a long plain
     * text costs one call, and text dense with escaped quotes (JSON inside a string) costs none: a call for every
     * escaped quote made the C library's search a quarter of the parse on real-shaped transcripts.
     */
    protected long stringEnd(long from) {
        long q = from;
        long escapes = 0;
        long limit = end;
        boolean nativeSearch = NativeSearch.AVAILABLE;
        long longFrom = nativeSearch ? from + SHORT_STRING : Long.MAX_VALUE;
        unsearchedFrom = 0;
        while (true) {
            if (q + 8 <= limit) {
                if (q >= longFrom) {
                    long quote = NativeSearch.indexOf(q, '"', lineNewline(q) - q);
                    if (quote == 0) {
                        return -1; // the line ends inside the string
                    }
                    // q is not inside an escape: the backslashes just before the quote all follow it.
                    long before = quote - 1;
                    while (before >= q && NativeMemory.getByte(before) == '\\') {
                        before--;
                    }
                    if (((quote - 1 - before) & 1) == 0) {
                        lastEscaped = escapes != 0;
                        // Bytes between q and the quote were not looked at: whether they hold an escape is asked
                        // only of kept strings, so it is searched for only then.
                        unsearchedFrom = escapes != 0 ? 0 : q;
                        lastClose = quote;
                        return quote;
                    }
                    escapes = 1;
                    q = quote + 1;
                    longFrom = q + SHORT_STRING;
                    continue;
                }
                long word = NativeMemory.getLongLittleEndian(q);
                long stops = Swar.matches(word, Swar.QUOTES) | Swar.matches(word, Swar.NEWLINES);
                long backslashes = Swar.matches(word, Swar.BACKSLASHES);
                if (stops == 0 && word >>> 56 != '\\') {
                    // No quote and no newline, and no escape left open at the word's end (its last byte is not a
                    // backslash): every escape in it begins and ends inside the word, so the word is skipped whole.
                    // The escapes are gathered as bits, not tested: a branch less per word.
                    escapes |= backslashes;
                    q += 8;
                    continue;
                }
                q += Swar.firstIndex(stops | backslashes);
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
                lastEscaped = escapes != 0;
                return q;
            }
            if (found == '\n') {
                return -1;
            }
            if (q + 1 >= limit || NativeMemory.getByte(q + 1) == '\n') {
                return -1; // a backslash cannot escape the line end
            }
            escapes = 1;
            q += 2;
            if (nativeSearch) {
                longFrom = q + SHORT_STRING;
            }
        }
    }

    /** Whether the string the last {@link #stringEnd} found holds an escape (a backslash). */
    protected final boolean lastEscaped() {
        if (unsearchedFrom != 0) {
            lastEscaped = NativeSearch.indexOf(unsearchedFrom, '\\', lastClose - unsearchedFrom) != 0;
            unsearchedFrom = 0;
        }
        return lastEscaped;
    }

    /**
     * The address of the newline that ends the line holding {@code q} (or {@link #end}): searched once per line, by
     * its first long string, then kept.
     */
    private long lineNewline(long q) {
        // Unknown (0) until the line's first long string; never behind q, which a newline would have ended the line
        // at, but tested as such: a search given a length below zero would read past the mapping.
        long newline = lineNewline;
        if (newline < q) {
            long found = NativeSearch.indexOf(q, '\n', end - q);
            newline = found == 0 ? end : found;
            lineNewline = newline;
        }
        return newline;
    }

    /**
     * Like {@link #stringEnd}, and also counts the code points of the decoded string into {@link #lastChars}; -1 also
     * when a backslash-u escape lacks its four hex digits (not JSON).
     */
    protected long measureString(long from) {
        long close = stringEnd(from);
        if (close < 0) {
            return -1;
        }
        long chars = codePoints(from, close);
        if (chars < 0) {
            return -1;
        }
        lastChars = chars;
        return close;
    }

    /**
     * The code points of the raw string in {@code [from, close)}: its length less UTF-8 continuation bytes less the
     * bytes escapes add ({@code \n} is 2 bytes for 1 char, a backslash-u escape 6 for 1, a surrogate pair of them 12
     * for 1); -1 for a backslash-u escape without four hex digits.
     */
    private long codePoints(long from, long close) {
        long continuation = 0;
        long escapeExtra = 0;
        long q = from;
        boolean escaped = lastEscaped();
        while (q < close) {
            if (q + 8 <= close) {
                long word = NativeMemory.getLongLittleEndian(q);
                long backslashes = escaped ? Swar.matches(word, Swar.BACKSLASHES) : 0;
                if (backslashes == 0) {
                    continuation += Swar.continuationBytes(word);
                    q += 8;
                    continue;
                }
                int index = Swar.firstIndex(backslashes);
                continuation += Swar.continuationBytes(Swar.lowBytes(word, index));
                q += index;
            } else {
                byte b = NativeMemory.getByte(q);
                if (b != '\\' || !escaped) {
                    if ((b & 0xC0) == 0x80) {
                        continuation++;
                    }
                    q++;
                    continue;
                }
            }
            // A backslash: the string's scan made sure that it escapes a byte before the closing quote.
            if (NativeMemory.getByte(q + 1) == 'u') {
                if (!isHexEscape(q, close)) {
                    return -1;
                }
                if (isSurrogatePair(q, close)) {
                    escapeExtra += 11;
                    q += 12;
                    continue;
                }
                escapeExtra += 5;
                q += 6;
            } else {
                escapeExtra += 1;
                q += 2;
            }
        }
        return (close - from) - continuation - escapeExtra;
    }

    /** Whether the four bytes after the backslash-u at {@code q} are hex digits. */
    private static boolean isHexEscape(long q, long limit) {
        if (q + 6 > limit) {
            return false;
        }
        for (int i = 2; i < 6; i++) {
            if (Character.digit(NativeMemory.getByte(q + i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the escape at {@code q} is a high surrogate (D800-DBFF) followed by a low one (DC00-DFFF). */
    protected static boolean isSurrogatePair(long q, long limit) {
        return q + 12 <= limit && isSurrogateEscape(q, 'D', '8', 'B') && NativeMemory.getByte(q + 6) == '\\'
                && NativeMemory.getByte(q + 7) == 'u' && isSurrogateEscape(q + 6, 'D', 'C', 'F');
    }

    protected static boolean isSurrogateEscape(long q, char first, char low, char high) {
        int a = NativeMemory.getByte(q + 2) | 0x20;
        int b = NativeMemory.getByte(q + 3) | 0x20;
        return a == (first | 0x20) && b >= (low | 0x20) && b <= (high | 0x20)
                && (b <= '9' || b >= 'a');
    }

    protected void skipWhitespace() {
        // Transcripts are compact JSON: mostly there is nothing to skip, and this small test is inlined where the
        // loop would be a call.
        if (p < end && NativeMemory.getByte(p) <= ' ') {
            skipWhitespaceRun();
        }
    }

    private void skipWhitespaceRun() {
        while (p < end) {
            byte b = NativeMemory.getByte(p);
            // A newline is not whitespace here: it ends the line.
            if (b != ' ' && b != '\t' && b != '\r') {
                return;
            }
            p++;
        }
    }

    protected void skipBom() {
        if (p + 3 <= end && NativeMemory.getByte(p) == (byte) 0xEF && NativeMemory.getByte(p + 1) == (byte) 0xBB
                && NativeMemory.getByte(p + 2) == (byte) 0xBF) {
            p += 3;
        }
    }

    protected byte peek() {
        return p < end ? NativeMemory.getByte(p) : 0;
    }

    public static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
