package io.tokenomics.ingest.json;

import io.tokenomics.ingest.bytes.NativeMemory;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of a rejected line, which the {@code rejects} table keeps instead of its bytes: its structure, with the
 * keys the agents' formats use by name and every other key and every value by its kind and length, so that a
 * reject can be diagnosed without storing a prompt, a path or a secret. For example
 * {@code {"type":s9,"message":{"usage":{"input_tokens":s3}}}} for a counter written as a string, {@code text(28)}
 * for a line that is no JSON at all. Only rejected lines get here: it may allocate.
 */
public final class LineShape {
    /** The longest shape kept; a longer one ends in an ellipsis. */
    static final int MAX_CHARS = 400;
    /** The bytes of a line looked at: the shape of a line of megabytes is its first part. */
    static final int MAX_BYTES = 1 << 16;
    private static final int MAX_DEPTH = 6;

    /** Keys of the formats we read: names, not content, so they may be kept as they are. */
    private static final Set<String> KNOWN_KEYS = new HashSet<>(List.of("type", "subtype", "sessionId", "session_id",
            "timestamp", "cwd", "version", "gitBranch", "agentId", "uuid", "parentUuid", "logicalParentUuid",
            "requestId", "isSidechain", "isMeta", "isCompactSummary", "isApiErrorMessage", "userType", "message",
            "compactMetadata", "trigger", "preTokens", "id", "model", "role", "stop_reason", "stop_sequence", "usage",
            "content", "input_tokens", "output_tokens", "cache_creation_input_tokens", "cache_read_input_tokens",
            "cache_creation", "ephemeral_5m_input_tokens", "ephemeral_1h_input_tokens", "service_tier", "speed",
            "server_tool_use", "web_search_requests", "text", "thinking", "signature", "name", "input", "tool_use_id",
            "is_error", "toolUseResult", "data", "costUSD", "durationMs", "payload", "info", "total_token_usage",
            "last_token_usage", "cached_input_tokens", "reasoning_output_tokens", "total_tokens",
            "model_context_window",
            "forked_from_id", "parent_thread_id", "source", "cli_version", "originator", "instructions", "summary",
            "leafUuid", "operation", "snapshot", "messageId", "isSnapshotUpdate"));

    private final byte[] bytes;
    private final int length;
    private final StringBuilder out = new StringBuilder();
    private int i;

    private LineShape(byte[] bytes, int length) {
        this.bytes = bytes;
        this.length = length;
    }

    /** The shape of the {@code length} bytes of a line at {@code address} (without its newline). */
    public static String of(long address, long length) {
        int n = (int) Math.min(Math.max(0, length), MAX_BYTES);
        byte[] bytes = new byte[n];
        NativeMemory.copy(address, bytes, 0, n);
        LineShape shape = new LineShape(bytes, n);
        shape.line(length > n);
        return shape.out.length() > MAX_CHARS ? shape.out.substring(0, MAX_CHARS) + "…" : shape.out.toString();
    }

    private void line(boolean cut) {
        skipWhitespace();
        if (i < length && (bytes[i] == '{' || bytes[i] == '[')) {
            if (!value(0)) {
                // Where the structure breaks: at the end (a cut record), or before what is left.
                out.append(i >= length ? " (cut)" : " ?(" + (length - i) + " bytes)");
                return;
            }
            skipWhitespace();
            if (i < length) {
                out.append(" then ");
                text(length - i);
            }
        } else {
            text(length - i);
        }
        if (cut) {
            out.append("…");
        }
    }

    private void text(int bytesLeft) {
        out.append("text(").append(bytesLeft).append(')');
    }

    /** Writes the shape of the value at {@link #i}; false where it is not JSON. */
    private boolean value(int depth) {
        skipWhitespace();
        if (i >= length) {
            return false;
        }
        byte b = bytes[i];
        if (depth > MAX_DEPTH && (b == '{' || b == '[')) {
            int start = i;
            if (!skipContainer()) {
                return false;
            }
            out.append(b == '{' ? "{…" : "[…").append(i - start).append(b == '{' ? '}' : ']');
            return true;
        }
        switch (b) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"': {
                int end = stringEnd(i + 1);
                if (end < 0) {
                    return false;
                }
                out.append('s').append(end - i - 1);
                i = end + 1;
                return true;
            }
            case 't':
            case 'f':
            case 'n':
                return literal();
            default:
                return number();
        }
    }

    private boolean object(int depth) {
        i++;
        out.append('{');
        skipWhitespace();
        if (i < length && bytes[i] == '}') {
            i++;
            out.append('}');
            return true;
        }
        while (true) {
            skipWhitespace();
            if (i >= length || bytes[i] != '"') {
                return false;
            }
            int end = stringEnd(i + 1);
            if (end < 0) {
                return false;
            }
            String key = new String(bytes, i + 1, end - i - 1, StandardCharsets.UTF_8);
            out.append(KNOWN_KEYS.contains(key) ? '"' + key + '"' : "k" + (end - i - 1));
            i = end + 1;
            skipWhitespace();
            if (i >= length || bytes[i] != ':') {
                return false;
            }
            i++;
            out.append(':');
            if (!value(depth + 1)) {
                return false;
            }
            skipWhitespace();
            if (i >= length) {
                return false;
            }
            if (bytes[i] == '}') {
                i++;
                out.append('}');
                return true;
            }
            if (bytes[i] != ',') {
                return false;
            }
            i++;
            out.append(',');
        }
    }

    private boolean array(int depth) {
        i++;
        out.append('[');
        skipWhitespace();
        if (i < length && bytes[i] == ']') {
            i++;
            out.append(']');
            return true;
        }
        while (true) {
            if (!value(depth + 1)) {
                return false;
            }
            skipWhitespace();
            if (i >= length) {
                return false;
            }
            if (bytes[i] == ']') {
                i++;
                out.append(']');
                return true;
            }
            if (bytes[i] != ',') {
                return false;
            }
            i++;
            out.append(',');
        }
    }

    private boolean literal() {
        for (String word : new String[] {"true", "false", "null"}) {
            if (matches(word)) {
                out.append(word.equals("null") ? "null" : "b");
                i += word.length();
                return true;
            }
        }
        return false;
    }

    private boolean matches(String word) {
        if (i + word.length() > length) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (bytes[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private boolean number() {
        int start = i;
        while (i < length && (bytes[i] == '-' || bytes[i] == '+' || bytes[i] == '.' || bytes[i] == 'e'
                || bytes[i] == 'E' || (bytes[i] >= '0' && bytes[i] <= '9'))) {
            i++;
        }
        if (i == start) {
            return false;
        }
        out.append('n').append(i - start);
        return true;
    }

    private boolean skipContainer() {
        int depth = 0;
        while (i < length) {
            byte b = bytes[i];
            if (b == '"') {
                int end = stringEnd(i + 1);
                if (end < 0) {
                    return false;
                }
                i = end;
            } else if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
                if (depth == 0) {
                    i++;
                    return true;
                }
            }
            i++;
        }
        return false;
    }

    /** The index of the quote that closes the string whose content starts at {@code from}, or -1. */
    private int stringEnd(int from) {
        for (int k = from; k < length; k++) {
            if (bytes[k] == '\\') {
                k++;
            } else if (bytes[k] == '"') {
                return k;
            }
        }
        return -1;
    }

    private void skipWhitespace() {
        while (i < length && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r')) {
            i++;
        }
    }
}
