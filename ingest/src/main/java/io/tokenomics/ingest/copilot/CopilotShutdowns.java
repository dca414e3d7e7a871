package io.tokenomics.ingest.copilot;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.ingest.json.JsonCursor;
import io.tokenomics.ingest.json.Timestamps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The latest shutdown of each model in a session's {@code events.jsonl}, read for the spans of that session: a span
 * dated at or before it is already in the shutdown's totals, and a later one belongs to the interval it opened
 * (docs/formats.md, "GitHub Copilot CLI"). Read once per session and span file, with Jackson's streaming parser, and
 * only the lines that hold a session's start or shutdown; a shutdown counts for a model by the rule the session-state
 * reader applies ({@link CopilotReader}).
 */
final class CopilotShutdowns {
    private static final JsonFactory JSON = new JsonFactory();
    private static final byte[] SHUTDOWN = "\"session.shutdown\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] START = "\"session.start\"".getBytes(StandardCharsets.US_ASCII);

    /** The latest shutdown that counted for a model: its time and the name of the interval it opened. */
    record Latest(byte[] model, long micros, byte[] interval) {
    }

    private final List<Latest> latest = new ArrayList<>();
    /** The session's working directory, or null. */
    byte[] cwd;

    private CopilotShutdowns() {
    }

    /** The shutdowns of {@code events}, or null when the file cannot be read (it does not exist: no session state). */
    static CopilotShutdowns read(Path events) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(events);
        } catch (IOException | SecurityException e) {
            return null;
        }
        CopilotShutdowns shutdowns = new CopilotShutdowns();
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            if (contains(bytes, start, end, SHUTDOWN) || contains(bytes, start, end, START)) {
                shutdowns.line(bytes, start, end - start);
            }
            start = end + 1;
        }
        return shutdowns;
    }

    /** The latest shutdown that counted for {@code model}, or null. */
    Latest of(byte[] model, int length) {
        for (Latest l : latest) {
            if (Arrays.equals(l.model(), 0, l.model().length, model, 0, length)) {
                return l;
            }
        }
        return null;
    }

    private void line(byte[] bytes, int offset, int length) {
        try (JsonParser parser = JSON.createParser(bytes, offset, length)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return;
            }
            String type = null;
            String id = null;
            String timestamp = null;
            List<String> models = null;
            String startCwd = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "id" -> id = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "timestamp" -> timestamp = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "data" -> {
                        if (value != JsonToken.START_OBJECT) {
                            parser.skipChildren();
                            continue;
                        }
                        while (parser.nextToken() == JsonToken.FIELD_NAME) {
                            String key = parser.currentName();
                            JsonToken v = parser.nextToken();
                            if (key.equals("modelMetrics") && v == JsonToken.START_OBJECT) {
                                models = models(parser);
                            } else if (key.equals("context") && v == JsonToken.START_OBJECT) {
                                startCwd = cwd(parser);
                            } else {
                                parser.skipChildren();
                            }
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if ("session.start".equals(type) && cwd == null && startCwd != null) {
                cwd = startCwd.getBytes(StandardCharsets.UTF_8);
            }
            long micros = timestamp == null ? Timestamps.INVALID : Timestamps.parseLenient(timestamp);
            if ("session.shutdown".equals(type) && models != null && micros != Timestamps.INVALID) {
                byte[] interval = (id != null ? id : timestamp).getBytes(StandardCharsets.UTF_8);
                for (String model : models) {
                    byte[] name = CopilotModels.name(model);
                    latest.removeIf(l -> Arrays.equals(l.model(), name));
                    latest.add(new Latest(name, micros, interval));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // A line that does not parse, or holds a counter that is no count, is a reject to the session-state
            // reader, which then closes no interval with it: neither does this.
        }
    }

    /** The names of the models whose usage holds a token; a counter that is no count throws. */
    private static List<String> models(JsonParser parser) throws IOException {
        List<String> models = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String model = parser.currentName();
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            boolean tokens = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken v = parser.nextToken();
                if (key.equals("usage") && v == JsonToken.START_OBJECT) {
                    tokens = usageHoldsTokens(parser);
                } else {
                    parser.skipChildren();
                }
            }
            if (tokens) {
                models.add(model);
            }
        }
        return models;
    }

    private static boolean usageHoldsTokens(JsonParser parser) throws IOException {
        boolean tokens = false;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken v = parser.nextToken();
            boolean counter = switch (key) {
                case "inputTokens", "outputTokens", "cacheReadTokens", "cacheWriteTokens", "reasoningTokens" -> true;
                default -> false;
            };
            if (!counter || v == JsonToken.VALUE_NULL) {
                parser.skipChildren();
                continue;
            }
            if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
                throw new NumberFormatException(key);
            }
            java.math.BigDecimal number = parser.getDecimalValue();
            if (number.signum() < 0 || number.stripTrailingZeros().scale() > 0
                    || number.compareTo(java.math.BigDecimal.valueOf(JsonCursor.MAX_COUNT)) > 0) {
                throw new NumberFormatException(key);
            }
            tokens |= number.signum() > 0;
        }
        return tokens;
    }

    private static String cwd(JsonParser parser) throws IOException {
        String cwd = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken v = parser.nextToken();
            if (key.equals("cwd") && v == JsonToken.VALUE_STRING) {
                cwd = parser.getText();
            } else {
                parser.skipChildren();
            }
        }
        return cwd;
    }

    private static boolean contains(byte[] bytes, int from, int to, byte[] pattern) {
        for (int i = from; i + pattern.length <= to; i++) {
            if (Arrays.equals(bytes, i, i + pattern.length, pattern, 0, pattern.length)) {
                return true;
            }
        }
        return false;
    }
}
