package io.tokenomics.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/**
 * {@link JsonText} writes what an {@code ObjectMapper} wrote before it, byte for byte, indented ({@code INDENT_OUTPUT})
 * and on one line: for every kind of node the commands build.
 */
class JsonTextTest {
    @Test
    void shouldWriteWhatAnObjectMapperWrites() throws Exception {
        JsonNode tree = everyKindOfNode();
        assertEquals(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(tree),
                JsonText.pretty(tree));
        assertEquals(new ObjectMapper().writeValueAsString(tree), JsonText.compact(tree));
    }

    @Test
    void shouldRefuseANodeWithoutJsonText() {
        ObjectNode tree = JsonText.NODES.objectNode();
        tree.putPOJO("value", new Object());
        assertThrows(IllegalArgumentException.class, () -> JsonText.pretty(tree));
    }

    private static JsonNode everyKindOfNode() {
        ObjectNode root = JsonText.NODES.objectNode();
        root.put("int", 42);
        root.put("negative", -7);
        root.put("long", Long.MIN_VALUE);
        root.put("short", (short) 3);
        root.put("bigInteger", new BigInteger("170141183460469231731687303715884105727"));
        root.put("float", 1.5f);
        root.put("double", 0.1 + 0.2);
        root.put("large", 1e300);
        root.put("tiny", 4.9e-324);
        root.put("nan", Double.NaN);
        root.put("infinity", Double.NEGATIVE_INFINITY);
        root.put("decimal", new BigDecimal("123456789012.123456"));
        root.put("decimalExponent", new BigDecimal("1E+3"));
        root.put("true", true);
        root.put("false", false);
        root.putNull("null");
        root.put("text", "plain");
        root.put("escapes", "quote \" backslash \\ newline \n tab \t nul \u0000 <script>");
        root.put("unicode", "zürich 東京 😀");
        root.put("", "empty name");
        root.putArray("emptyArray");
        root.putObject("emptyObject");
        ArrayNode rows = root.putArray("rows");
        for (int i = 0; i < 3; i++) {
            ObjectNode row = rows.addObject();
            row.put("i", i);
            row.putArray("models").add("claude-sonnet-4-5").add("gpt-5.3-codex");
            row.putObject("nested").putArray("deeper").addObject().put("x", 1.25);
        }
        rows.add(7).addNull().add("text").add(new BigDecimal("0.10"));
        return root;
    }
}
