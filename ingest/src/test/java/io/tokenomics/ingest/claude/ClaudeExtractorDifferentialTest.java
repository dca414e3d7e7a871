package io.tokenomics.ingest.claude;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.ingest.Fixtures;
import io.tokenomics.ingest.bytes.FileBytes;
import io.tokenomics.ingest.bytes.NativeMemory;
import io.tokenomics.ingest.bytes.Newlines;
import io.tokenomics.ingest.json.ErrorCode;
import io.tokenomics.ingest.json.StringView;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The field extractor against a reference reader (Jackson's tree model), line by line: on every line that is valid
 * UTF-8 JSON, every field we keep must be what Jackson reads; every line Jackson refuses must be a reject.
 */
class ClaudeExtractorDifferentialTest {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    @Test
    void shouldReadEveryFieldOfEveryFixtureLineAsJacksonDoes() throws Exception {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(Fixtures.fixtures())) {
            files = walk.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
        long compared = compareFiles(files);
        assertTrue(compared > 5000, "compared only " + compared + " lines");
    }

    @Test
    void shouldReadEveryFieldOfAGeneratedCorpusOfTwoThousandSessionsAsJacksonDoes(@TempDir Path temp)
            throws Exception {
        Path corpus = temp.resolve("corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 2000, 3, 0));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(f -> f.toString().endsWith(".jsonl")).sorted().toList();
        }
        long compared = compareFiles(files);
        assertTrue(compared > 100_000, "compared only " + compared + " lines");
    }

    /** A value spelled with escapes is the same JSON string as the plain one: a block type, a line type. */
    @Test
    void shouldReadTypesSpelledWithEscapesAsJacksonDoes(@TempDir Path temp) throws Exception {
        Path file = temp.resolve("escaped-types.jsonl");
        Files.writeString(file, "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"t\\u0065xt\","
                + "\"text\":\"abc\"},{\"type\":\"tool_\\u0075se\",\"id\":\"toolu_1\",\"name\":\"Bash\","
                + "\"input\":{}}]}}\n{\"type\":\"\\u0075ser\",\"message\":{\"content\":[{\"type\":\"tool_result\","
                + "\"tool_use_id\":\"toolu_1\",\"content\":\"ok\"}]}}\n");
        assertEquals(2, compareFiles(List.of(file)));
    }

    /** Compares every line of the files; returns how many lines were compared field by field. */
    static long compareFiles(List<Path> files) throws Exception {
        ClaudeLineParser parser = new ClaudeLineParser();
        ClaudeLine record = new ClaudeLine();
        long compared = 0;
        for (Path file : files) {
            long size = Files.size(file);
            try (FileBytes mapped = FileBytes.open(file, size)) {
                mapped.cover(0, size);
                long base = mapped.address();
                long position = 0;
                long lineNo = 0;
                while (position < size) {
                    long newline = Newlines.indexOf(base, position, size);
                    long end = newline < 0 ? size : newline;
                    lineNo++;
                    byte[] bytes = new byte[(int) (end - position)];
                    NativeMemory.copy(base + position, bytes, 0, bytes.length);
                    // The parser is given the whole rest of the file and must find the line's end itself.
                    int outcome = parser.parse(base + position, base + size, record);
                    String where = file + ":" + lineNo;
                    assertEquals(end, parser.lineEnd() - base, where + ": line end");
                    JsonNode tree = reference(bytes);
                    if (tree == null) {
                        if (outcome == ClaudeLineParser.OK && isValidUtf8(bytes)) {
                            fail(where + ": we accepted a line Jackson refuses");
                        }
                    } else if (tree.isObject() && hasBadCounter(bytes)) {
                        assertEquals(ClaudeLineParser.REJECTED, outcome, where);
                        assertEquals(ErrorCode.BAD_USAGE, parser.error(), where);
                    } else if (tree.isObject()) {
                        assertEquals(ClaudeLineParser.OK, outcome, where + ": " + parser.error());
                        compare(tree, record, where, isValidUtf8(bytes));
                        compared++;
                    } else if (!tree.isMissingNode()) {
                        assertEquals(ClaudeLineParser.REJECTED, outcome, where);
                        assertEquals(ErrorCode.NOT_AN_OBJECT, parser.error(), where);
                    }
                    position = end + 1;
                }
            }
        }
        return compared;
    }

    /** The counters the parser reads, by their path of object keys. */
    private static final java.util.Set<String> COUNTERS = java.util.Set.of("message.usage.input_tokens",
            "message.usage.output_tokens", "message.usage.cache_creation_input_tokens",
            "message.usage.cache_read_input_tokens", "message.usage.cache_creation.ephemeral_5m_input_tokens",
            "message.usage.cache_creation.ephemeral_1h_input_tokens",
            "message.usage.server_tool_use.web_search_requests", "compactMetadata.preTokens");

    /**
     * Whether a counter the parser reads holds something other than null or a whole number from 0 to
     * {@link io.tokenomics.ingest.json.JsonCursor#MAX_COUNT} written in at most 64 characters, at any occurrence of
     * its key: Jackson's streaming parser over the line, which, unlike its tree, sees repeated keys.
     */
    static boolean hasBadCounter(byte[] line) {
        try (JsonParser p = JSON.createParser(line)) {
            com.fasterxml.jackson.core.JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == com.fasterxml.jackson.core.JsonToken.FIELD_NAME
                        || token == com.fasterxml.jackson.core.JsonToken.END_OBJECT
                        || token == com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
                    continue;
                }
                boolean container = token.isStructStart();
                String path = path(container ? p.getParsingContext().getParent() : p.getParsingContext());
                if (path != null && COUNTERS.contains(path) && !isCount(p, token)) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    /** The keys from the top to the value in {@code context}, or null where an array is on the way. */
    private static String path(com.fasterxml.jackson.core.JsonStreamContext context) {
        StringBuilder path = new StringBuilder();
        for (com.fasterxml.jackson.core.JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (!c.inObject() || c.getCurrentName() == null) {
                return null;
            }
            path.insert(0, path.length() == 0 ? c.getCurrentName() : c.getCurrentName() + ".");
        }
        return path.toString();
    }

    private static boolean isCount(JsonParser p, com.fasterxml.jackson.core.JsonToken token) throws Exception {
        if (token == com.fasterxml.jackson.core.JsonToken.VALUE_NULL) {
            return true;
        }
        if (!token.isNumeric() || p.getText().length() > 64) {
            return false;
        }
        java.math.BigDecimal value = p.getDecimalValue();
        return value.signum() >= 0 && value.stripTrailingZeros().scale() <= 0
                && value.compareTo(java.math.BigDecimal.valueOf(io.tokenomics.ingest.json.JsonCursor.MAX_COUNT)) <= 0;
    }

    /** Jackson's reading of a line (BOM stripped), null when it is not JSON, MissingNode when blank. */
    private static JsonNode reference(byte[] line) {
        int start = line.length >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF
                ? 3 : 0;
        String text = new String(line, start, line.length - start, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }
        try (JsonParser p = JSON.createParser(text)) {
            JsonNode node = JSON.readTree(p);
            if (p.nextToken() != null) {
                return null; // trailing content: two records glued together
            }
            return node;
        } catch (Exception e) {
            return null;
        }
    }

    private static boolean isValidUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Compares the fields; character counts only when the line is valid UTF-8 (else "characters" is moot). */
    private static void compare(JsonNode line, ClaudeLine r, String where, boolean validUtf8) {
        assertString(line.get("type"), r.type, where + " type");
        assertString(line.get("sessionId"), r.sessionId, where + " sessionId");
        assertString(line.get("timestamp"), r.timestamp, where + " timestamp");
        assertString(line.get("cwd"), r.cwd, where + " cwd");
        assertString(line.get("agentId"), r.agentId, where + " agentId");
        assertString(line.get("uuid"), r.uuid, where + " uuid");
        assertString(line.get("requestId"), r.requestId, where + " requestId");
        assertEquals(line.path("isSidechain").asBoolean(false) && line.path("isSidechain").isBoolean(),
                r.isSidechain, where + " isSidechain");
        assertEquals(line.path("isMeta").isBoolean() && line.path("isMeta").asBoolean(), r.isMeta, where + " isMeta");
        JsonNode message = line.get("message");
        assertEquals(message != null && message.isObject(), r.hasMessage, where + " message");
        if (message == null || !message.isObject()) {
            return;
        }
        assertString(message.get("id"), r.messageId, where + " message.id");
        assertString(message.get("model"), r.model, where + " model");
        assertString(message.get("role"), r.role, where + " role");
        JsonNode usage = message.get("usage");
        assertEquals(usage != null && usage.isObject(), r.hasUsage, where + " usage");
        if (usage != null && usage.isObject()) {
            assertEquals(count(usage.get("input_tokens")), r.inputTokens, where + " input_tokens");
            assertEquals(count(usage.get("output_tokens")), r.outputTokens, where + " output_tokens");
            assertEquals(count(usage.get("cache_creation_input_tokens")), r.cacheCreationTokens, where + " cw");
            assertEquals(count(usage.get("cache_read_input_tokens")), r.cacheRead, where + " cache_read");
            JsonNode split = usage.get("cache_creation");
            assertEquals(split != null && split.isObject(), r.hasCacheSplit, where + " cache_creation");
            if (split != null && split.isObject()) {
                assertEquals(count(split.get("ephemeral_5m_input_tokens")), r.cacheWrite5m, where + " 5m");
                assertEquals(count(split.get("ephemeral_1h_input_tokens")), r.cacheWrite1h, where + " 1h");
            }
            assertEquals(count(usage.path("server_tool_use").get("web_search_requests")), r.webSearchRequests,
                    where + " web_search_requests");
            assertString(usage.get("speed"), r.speed, where + " speed");
        }
        JsonNode content = message.get("content");
        if (content != null && content.isTextual()) {
            assertTrue(r.contentIsString, where + " content string");
            if (validUtf8) {
                assertEquals(chars(content), r.contentStringChars, where + " content chars");
            }
        } else if (content != null && content.isArray()) {
            List<String> toolUseIds = new ArrayList<>();
            List<String> toolTargets = new ArrayList<>();
            List<String> toolCommands = new ArrayList<>();
            List<String> toolResultIds = new ArrayList<>();
            long textChars = 0;
            long thinkingChars = 0;
            for (JsonNode block : content) {
                String type = block.path("type").asText("");
                switch (type) {
                    case "text" -> textChars += chars(block.get("text"));
                    case "thinking" -> thinkingChars += chars(block.get("thinking"));
                    case "tool_use" -> {
                        toolUseIds.add(block.path("id").asText(null));
                        JsonNode input = block.path("input");
                        JsonNode target = input.path("file_path").isTextual() ? input.path("file_path")
                                : input.path("notebook_path");
                        toolTargets.add(target.isTextual() ? sanitized(target.asText()) : null);
                        JsonNode command = input.path("command");
                        toolCommands.add(command.isTextual() ? sanitized(command.asText()) : null);
                    }
                    case "tool_result" -> toolResultIds.add(block.path("tool_use_id").asText(null));
                    default -> { }
                }
            }
            if (validUtf8) {
                assertEquals(textChars, r.textChars, where + " text chars");
                assertEquals(thinkingChars, r.thinkingChars, where + " thinking chars");
            }
            assertEquals(toolUseIds.size(), r.toolUses, where + " tool uses");
            for (int i = 0; i < toolUseIds.size(); i++) {
                assertEquals(toolUseIds.get(i), present(r.toolUseIds[i]), where + " tool_use id " + i);
                assertEquals(toolTargets.get(i), present(r.toolTargets[i]), where + " tool_use target " + i);
                assertEquals(toolCommands.get(i), present(r.toolCommands[i]), where + " tool_use command " + i);
            }
            assertEquals(toolResultIds.size(), r.toolResults, where + " tool results");
            for (int i = 0; i < toolResultIds.size(); i++) {
                assertEquals(toolResultIds.get(i), present(r.toolResultIds[i]), where + " tool_result id " + i);
            }
        }
    }

    private static long chars(JsonNode node) {
        if (node == null || !node.isTextual()) {
            return 0;
        }
        String s = node.asText();
        // We count code points of the decoded text, with each \\u escape one unit (a lone surrogate included).
        return s.codePointCount(0, s.length());
    }

    private static long count(JsonNode node) {
        return node == null || !node.isNumber() ? 0 : node.asLong();
    }

    private static String present(StringView view) {
        return view.present ? view.toString() : null;
    }

    private static void assertString(JsonNode expected, StringView actual, String what) {
        if (expected == null || !expected.isTextual()) {
            assertEquals(false, actual.present, what + " should be absent");
            return;
        }
        assertEquals(sanitized(expected.asText()), actual.toString(), what);
    }

    /** Jackson keeps lone surrogates and NUL; we store U+FFFD for both (Utf8Text). */
    private static String sanitized(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c) || c == 0) {
                b.append('\uFFFD');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
