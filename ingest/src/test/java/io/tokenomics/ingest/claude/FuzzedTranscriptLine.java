package io.tokenomics.ingest.claude;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One valid JSON object shaped like a transcript line, every choice taken from the fuzzer: which known keys appear
 * and in what order, unknown keys with nested values between them, keys and strings written with escapes or raw
 * UTF-8, whitespace between any two tokens, counters as integers, zero-fraction floats, exponents, null or the wrong
 * type. Only shapes on which the extractor and Jackson must agree: no duplicate keys, no fractions, nothing beyond
 * 64 bits, no raw control characters (all of which are rejects or matters of policy, tested elsewhere).
 */
final class FuzzedTranscriptLine {
    private static final int MAX_DEPTH = 6;
    private static final String[] TYPES = {"assistant", "user", "system", "progress", "summary"};
    private static final String[] BLOCK_TYPES = {"text", "thinking", "tool_use", "tool_result", "image"};

    private final FuzzedDataProvider data;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int unknownKeys;

    FuzzedTranscriptLine(FuzzedDataProvider data) {
        this.data = data;
    }

    /** The line, without a newline; it may start with a BOM and end with a CR. */
    byte[] bytes() {
        if (data.consumeBoolean()) {
            out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        }
        object(List.of(
                member("type", this::typeValue),
                member("sessionId", this::stringOrOther),
                member("timestamp", this::timestampValue),
                member("cwd", this::stringOrOther),
                member("version", this::stringOrOther),
                member("gitBranch", this::stringOrOther),
                member("agentId", this::stringOrOther),
                member("uuid", this::stringOrOther),
                member("requestId", this::stringOrOther),
                member("subtype", this::stringOrOther),
                member("isSidechain", this::boolOrOther),
                member("isMeta", this::boolOrOther),
                member("isCompactSummary", this::boolOrOther),
                member("message", () -> objectOrOther(this::message)),
                member("compactMetadata", () -> objectOrOther(() -> object(List.of(
                        member("trigger", this::stringOrOther), member("preTokens", this::counter)))))));
        if (data.consumeBoolean()) {
            out.write('\r');
        }
        return out.toByteArray();
    }

    private void message() {
        object(List.of(
                member("id", this::stringOrOther),
                member("model", this::stringOrOther),
                member("role", this::stringOrOther),
                member("stop_reason", this::stringOrOther),
                member("usage", () -> objectOrOther(this::usage)),
                member("content", this::content)));
    }

    private void usage() {
        object(List.of(
                member("input_tokens", this::counter),
                member("output_tokens", this::counter),
                member("cache_creation_input_tokens", this::counter),
                member("cache_read_input_tokens", this::counter),
                member("cache_creation", () -> objectOrOther(() -> object(List.of(
                        member("ephemeral_5m_input_tokens", this::counter),
                        member("ephemeral_1h_input_tokens", this::counter))))),
                member("service_tier", this::stringOrOther),
                member("speed", this::stringOrOther),
                member("server_tool_use", () -> objectOrOther(() -> object(List.of(
                        member("web_search_requests", this::counter)))))));
    }

    private void content() {
        switch (data.consumeInt(0, 2)) {
            case 0 -> string(text());
            case 1 -> {
                out.write('[');
                int blocks = data.consumeInt(0, 4);
                for (int i = 0; i < blocks; i++) {
                    if (i > 0) {
                        space();
                        out.write(',');
                    }
                    space();
                    if (data.consumeInt(0, 7) == 0) {
                        value(1);
                    } else {
                        block();
                    }
                    space();
                }
                out.write(']');
            }
            default -> value(1);
        }
    }

    private void block() {
        object(List.of(
                member("type", () -> {
                    if (data.consumeInt(0, 9) == 0) {
                        value(2);
                    } else {
                        // Spelled plainly: the extractor compares a block type's raw bytes, so "t\u0065xt" is not
                        // a text block to it (JsonLineParserDefectTest); Claude Code never escapes these.
                        plainString(data.pickValue(BLOCK_TYPES));
                    }
                }),
                member("text", this::stringOrOther),
                member("thinking", this::stringOrOther),
                // Ids are strings or null: Jackson's asText turns a number into text where we see no string.
                member("id", this::idOrNull),
                member("name", this::stringOrOther),
                member("input", () -> objectOrOther(() -> object(List.of(
                        member("file_path", this::stringOrOther),
                        member("notebook_path", this::stringOrOther),
                        member("command", this::stringOrOther))))),
                member("tool_use_id", this::idOrNull),
                member("content", () -> value(2)),
                member("is_error", this::boolOrOther)));
    }

    /** Writes an object of some of the given members in an order the fuzzer picks, unknown members between them. */
    private void object(List<Member> known) {
        List<Member> members = new ArrayList<>();
        for (Member m : known) {
            if (data.consumeBoolean()) {
                members.add(m);
            }
        }
        int unknown = data.consumeInt(0, 3);
        for (int i = 0; i < unknown; i++) {
            String name = "x" + unknownKeys++;
            members.add(member(name, () -> value(3)));
        }
        // Fisher-Yates with the fuzzer's choices: any order of the members.
        for (int i = members.size() - 1; i > 0; i--) {
            int j = data.consumeInt(0, i);
            Member t = members.get(i);
            members.set(i, members.get(j));
            members.set(j, t);
        }
        out.write('{');
        space();
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.write(',');
                space();
            }
            key(members.get(i).name());
            space();
            out.write(':');
            space();
            members.get(i).value().run();
            space();
        }
        out.write('}');
    }

    private void objectOrOther(Runnable object) {
        if (data.consumeInt(0, 7) == 0) {
            value(2);
        } else {
            object.run();
        }
    }

    /** Any JSON value, nested at most {@link #MAX_DEPTH} deep. */
    private void value(int depth) {
        int kind = data.consumeInt(0, depth >= MAX_DEPTH ? 4 : 6);
        switch (kind) {
            case 0 -> out.writeBytes(ascii("null"));
            case 1 -> out.writeBytes(ascii(data.consumeBoolean() ? "true" : "false"));
            case 2 -> number();
            case 3, 4 -> string(text());
            case 5 -> {
                out.write('[');
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.write(',');
                    }
                    space();
                    value(depth + 1);
                    space();
                }
                out.write(']');
            }
            default -> {
                List<Member> members = new ArrayList<>();
                int n = data.consumeInt(0, 3);
                for (int i = 0; i < n; i++) {
                    members.add(member("x" + unknownKeys++, () -> value(depth + 1)));
                }
                objectOf(members);
            }
        }
    }

    private void objectOf(List<Member> members) {
        out.write('{');
        for (int i = 0; i < members.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            space();
            key(members.get(i).name());
            out.write(':');
            members.get(i).value().run();
        }
        out.write('}');
    }

    /** Any JSON number, fractions and exponents included: skipped values need not be whole. */
    private void number() {
        StringBuilder s = new StringBuilder();
        if (data.consumeBoolean()) {
            s.append('-');
        }
        s.append(data.consumeLong(0, Long.MAX_VALUE));
        if (data.consumeBoolean()) {
            s.append('.').append(data.consumeInt(0, Integer.MAX_VALUE));
        }
        if (data.consumeBoolean()) {
            s.append(data.consumeBoolean() ? 'e' : 'E').append(data.pickValue(new String[] {"", "+", "-"}))
                    .append(data.consumeInt(0, 300));
        }
        out.writeBytes(ascii(s.toString()));
    }

    /** A token counter as the extractor reads it: a whole number in any spelling Jackson reads the same way. */
    private void counter() {
        switch (data.consumeInt(0, 7)) {
            case 0 -> out.writeBytes(ascii("null"));
            case 1 -> out.writeBytes(ascii(Long.toString(data.consumeLong())));
            // Below 2^53, so that Jackson's double holds the value exactly.
            case 2 -> out.writeBytes(ascii(data.consumeLong(0, 1L << 53) + ".0"));
            case 3 -> out.writeBytes(ascii(data.consumeLong(0, 1L << 30) + "e" + data.consumeInt(0, 6)));
            case 4 -> notANumber();
            default -> out.writeBytes(ascii(Long.toString(data.consumeLong(0, 10_000_000))));
        }
    }

    /** A value of the wrong type for a counter, which reads as 0 (a fraction would be a reject, Jackson truncates). */
    private void notANumber() {
        switch (data.consumeInt(0, 3)) {
            case 0 -> string(text());
            case 1 -> out.writeBytes(ascii("true"));
            case 2 -> out.writeBytes(ascii("[1]"));
            default -> out.writeBytes(ascii("{\"n\":2}"));
        }
    }

    private void typeValue() {
        if (data.consumeInt(0, 5) == 0) {
            stringOrOther();
        } else {
            string(data.pickValue(TYPES));
        }
    }

    private void timestampValue() {
        if (data.consumeBoolean()) {
            string(String.format("20%02d-%02d-%02dT%02d:%02d:%02d.%03dZ", data.consumeInt(0, 99),
                    data.consumeInt(1, 12), data.consumeInt(1, 28), data.consumeInt(0, 23), data.consumeInt(0, 59),
                    data.consumeInt(0, 59), data.consumeInt(0, 999)));
        } else {
            stringOrOther();
        }
    }

    private void stringOrOther() {
        if (data.consumeInt(0, 5) == 0) {
            value(3);
        } else {
            string(text());
        }
    }

    /**
     * A tool id: no NUL and no lone surrogate, which we store as U+FFFD and the reference comparison of ids takes
     * as they are.
     */
    private void idOrNull() {
        if (data.consumeInt(0, 5) == 0) {
            out.writeBytes(ascii("null"));
            return;
        }
        String text = text();
        StringBuilder id = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                id.append(c).append(text.charAt(++i));
            } else if (c != 0 && !Character.isSurrogate(c)) {
                id.append(c);
            }
        }
        string(id.toString());
    }

    private void boolOrOther() {
        switch (data.consumeInt(0, 3)) {
            case 0 -> out.writeBytes(ascii("true"));
            case 1 -> out.writeBytes(ascii("false"));
            default -> value(3);
        }
    }

    private String text() {
        return data.consumeString(data.consumeInt(0, 40));
    }

    /** A key: unknown keys plainly, known keys sometimes with one character escaped, which must still match. */
    private void key(String name) {
        out.write('"');
        int escapeAt = data.consumeBoolean() ? data.consumeInt(0, name.length() - 1) : -1;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (i == escapeAt) {
                out.writeBytes(ascii(String.format("\\u%04x", (int) c)));
            } else {
                out.write(c);
            }
        }
        out.write('"');
    }

    /** A string literal: characters that must be escaped are, the rest raw or escaped as the fuzzer picks. */
    private void string(String s) {
        out.write('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1));
            if (c == '"' || c == '\\') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20 || (Character.isSurrogate(c) && !pair) || data.consumeInt(0, 15) == 0) {
                // Short escapes where JSON has them, else backslash-u; lone surrogates cannot be raw UTF-8.
                String shortEscape = switch (c) {
                    case '\n' -> "\\n";
                    case '\t' -> "\\t";
                    case '\r' -> "\\r";
                    case '\b' -> "\\b";
                    case '\f' -> "\\f";
                    case '/' -> "\\/";
                    default -> null;
                };
                out.writeBytes(ascii(shortEscape != null && data.consumeBoolean() ? shortEscape
                        : String.format("\\u%04x", (int) c)));
                if (pair) {
                    out.writeBytes(ascii(String.format("\\u%04x", (int) s.charAt(++i))));
                }
            } else if (pair) {
                out.writeBytes(s.substring(i, i + 2).getBytes(StandardCharsets.UTF_8));
                i++;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        out.write('"');
    }

    private void plainString(String ascii) {
        out.write('"');
        out.writeBytes(ascii(ascii));
        out.write('"');
    }

    /** Whitespace JSON allows between tokens (a newline ends the line, so not that). */
    private void space() {
        int n = data.consumeInt(0, 3);
        for (int i = 0; i < n; i++) {
            out.write(" \t\r ".charAt(data.consumeInt(0, 3)));
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static Member member(String name, Runnable value) {
        return new Member(name, value);
    }

    private record Member(String name, Runnable value) {
    }
}
