package io.tokenomics.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The JSON the commands print: trees built with {@link #NODES}, written by jackson-core's generator, indented as an
 * {@code ObjectMapper} with {@code INDENT_OUTPUT} writes them (both use {@code DefaultPrettyPrinter}). Not through an
 * {@code ObjectMapper}: its class initializer sets up date formats, whose calendar and locale data made the first
 * mapper cost a large part of a short command (docs/performance.md, "Figures behind code comments").
 */
final class JsonText {
    /** The factory of the trees' nodes: the one an {@code ObjectMapper} uses by default. */
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonText() {
    }

    /** The tree as indented JSON text. */
    static String pretty(JsonNode tree) {
        return text(tree, true);
    }

    /** The tree as JSON text on one line. */
    static String compact(JsonNode tree) {
        return text(tree, false);
    }

    private static String text(JsonNode tree, boolean indented) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            if (indented) {
                json.useDefaultPrettyPrinter();
            }
            write(json, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to a string", e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void write(JsonGenerator json, JsonNode node) throws IOException {
        switch (node.getNodeType()) {
            case OBJECT -> {
                json.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    json.writeFieldName(field.getKey());
                    write(json, field.getValue());
                }
                json.writeEndObject();
            }
            case ARRAY -> {
                json.writeStartArray();
                for (JsonNode element : node) {
                    write(json, element);
                }
                json.writeEndArray();
            }
            case STRING -> json.writeString(node.textValue());
            case BOOLEAN -> json.writeBoolean(node.booleanValue());
            case NULL, MISSING -> json.writeNull();
            case NUMBER -> {
                switch (node.numberType()) {
                    case INT -> json.writeNumber(node.intValue());
                    case LONG -> json.writeNumber(node.longValue());
                    case BIG_INTEGER -> json.writeNumber(node.bigIntegerValue());
                    case FLOAT -> json.writeNumber(node.floatValue());
                    case DOUBLE -> json.writeNumber(node.doubleValue());
                    case BIG_DECIMAL -> json.writeNumber(node.decimalValue());
                }
            }
            case BINARY, POJO -> throw new IllegalArgumentException("no JSON text for a " + node.getNodeType()
                    + " node");
        }
    }
}
