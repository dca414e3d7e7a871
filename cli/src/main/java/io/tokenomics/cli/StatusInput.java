package io.tokenomics.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * What Claude Code passes a status line command on stdin: one JSON object with {@code session_id},
 * {@code transcript_path}, {@code model: {id, display_name}}, {@code workspace}, {@code cost} and more. Only the
 * fields the line needs are kept; any other is skipped, so that a newer Claude Code with more fields still works.
 * Read with Jackson's streaming parser, as the manifest and the price table are (docs/architecture.md, "Streaming
 * JSON at the edges").
 *
 * @param sessionId the session's id, as the transcript's lines carry it
 * @param transcript the session's transcript ({@code .jsonl})
 * @param modelId the model's id ({@code claude-opus-4-6}); null when not given
 * @param modelName the model's short name ({@code Opus}); null when not given
 */
record StatusInput(String sessionId, Path transcript, String modelId, String modelName) {
    /** More than Claude Code ever sends: a bigger input is not its. */
    static final int MAX_BYTES = 1 << 20;

    /** Reads the object; a mistake in it is an {@link IllegalArgumentException} with a short message. */
    static StatusInput read(InputStream in) throws IOException {
        byte[] bytes = in.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("the input is over 1 MB: not Claude Code's status line JSON");
        }
        String session = null;
        String transcript = null;
        String modelId = null;
        String modelName = null;
        try (JsonParser json = new JsonFactory().createParser(bytes)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("no JSON object on stdin (Claude Code passes one)");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "session_id" -> session = text(json, value);
                    case "transcript_path" -> transcript = text(json, value);
                    case "model" -> {
                        if (value == JsonToken.START_OBJECT) {
                            String[] model = model(json);
                            modelId = model[0];
                            modelName = model[1];
                        } else {
                            modelId = text(json, value);
                        }
                    }
                    default -> json.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("stdin is not JSON: " + e.getOriginalMessage(), e);
        }
        if (transcript == null || transcript.isBlank()) {
            throw new IllegalArgumentException("no transcript_path in the input");
        }
        Path path;
        try {
            path = Path.of(transcript);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("transcript_path is not a path", e);
        }
        return new StatusInput(session, path, modelId, modelName);
    }

    /** The model's {@code id} and {@code display_name}, from inside its object. */
    private static String[] model(JsonParser json) throws IOException {
        String[] model = new String[2];
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "id" -> model[0] = text(json, value);
                case "display_name" -> model[1] = text(json, value);
                default -> json.skipChildren();
            }
        }
        return model;
    }

    /** A string value; null for any other (skipped). */
    private static String text(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return json.getText();
        }
        json.skipChildren();
        return null;
    }

    /** What the line calls the model: its short name, else its id, else nothing. */
    String modelLabel() {
        return modelName != null && !modelName.isBlank() ? modelName : modelId;
    }
}
