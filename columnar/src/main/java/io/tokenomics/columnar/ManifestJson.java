package io.tokenomics.columnar;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code manifest.json}, read and written with Jackson's streaming parser and generator: its object mapper was
 * several times slower to read a large dataset's file entries in a fresh JVM (docs/performance.md, "Figures behind
 * code comments"). The file entries are written last, so that a reader of the tables alone stops before them. Fields
 * it does not know are skipped; a known field of the wrong shape is an error that names it, never a manifest read
 * wrong.
 *
 * <pre>
 *   {"format":1, "run_id":"...", "tables":{"turns":["turns/RUN.parquet"], ...}, "rows":{"turns":102792, ...},
 *    "files":[{"path":"...", "size":..., "mtime_ms":..., "ingested_bytes":..., "lines":..., "rejects":...,
 *              "head_hash":..., "run_id":"..."}, ...]}
 * </pre>
 */
final class ManifestJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ManifestJson() {
    }

    /** Reads a manifest; without {@code withFiles}, up to its file entries only, which it leaves out. */
    static Manifest read(Path file, boolean withFiles) throws IOException {
        int format = -1;
        String runId = null;
        Map<String, List<String>> tables = null;
        Map<String, Long> rows = null;
        List<Manifest.FileEntry> files = null;
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(file + ": not a manifest (no JSON object)");
            }
            while ((withFiles || format < 0 || runId == null || tables == null || rows == null)
                    && parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "format" -> format = (int) number(parser, file);
                    case "run_id" -> runId = text(parser, file);
                    case "tables" -> tables = readTables(parser, file);
                    case "rows" -> rows = readRows(parser, file);
                    case "files" -> {
                        if (withFiles) {
                            files = readFiles(parser, file);
                        } else {
                            parser.skipChildren();
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not a manifest: " + e.getOriginalMessage(), e);
        }
        if (format != Manifest.FORMAT) {
            throw new IOException(file + ": manifest format " + format + ", this version reads " + Manifest.FORMAT);
        }
        return new Manifest(format, runId == null ? "" : runId, tables, rows, files);
    }

    static void write(Manifest manifest, Path file) throws IOException {
        try (JsonGenerator json = FACTORY.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeNumberField("format", manifest.format());
            json.writeStringField("run_id", manifest.runId());
            json.writeObjectFieldStart("tables");
            for (Map.Entry<String, List<String>> table : manifest.tables().entrySet()) {
                json.writeArrayFieldStart(table.getKey());
                for (String relative : table.getValue()) {
                    json.writeString(relative);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeObjectFieldStart("rows");
            for (Map.Entry<String, Long> rows : manifest.rows().entrySet()) {
                json.writeNumberField(rows.getKey(), rows.getValue());
            }
            json.writeEndObject();
            json.writeArrayFieldStart("files");
            for (Manifest.FileEntry entry : manifest.files()) {
                writeFile(json, entry);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    /** One entry of the file list; a call per entry: see docs/architecture.md ("Client compiler only"). */
    private static void writeFile(JsonGenerator json, Manifest.FileEntry entry) throws IOException {
        json.writeStartObject();
        json.writeStringField("path", entry.path());
        json.writeNumberField("size", entry.size());
        json.writeNumberField("mtime_ms", entry.mtimeMillis());
        json.writeNumberField("ingested_bytes", entry.ingestedBytes());
        json.writeNumberField("lines", entry.lines());
        json.writeNumberField("rejects", entry.rejects());
        json.writeNumberField("head_hash", entry.headHash());
        json.writeStringField("run_id", entry.runId());
        if (!entry.identity().isEmpty()) {
            json.writeStringField("identity", entry.identity());
        }
        json.writeEndObject();
    }

    private static Map<String, List<String>> readTables(JsonParser parser, Path file) throws IOException {
        expect(parser, JsonToken.START_OBJECT, file, "an object");
        Map<String, List<String>> tables = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String table = parser.currentName();
            parser.nextToken();
            expect(parser, JsonToken.START_ARRAY, file, "an array");
            List<String> files = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                expect(parser, JsonToken.VALUE_STRING, file, "a file name");
                String name = parser.getText();
                if (!isTableFile(table, name)) {
                    // A run deletes the files it replaces: a name outside the table's folder would be any file.
                    throw new IOException(file + ": " + where(parser) + ": '" + name + "' is not a Parquet file in the "
                            + table + " folder");
                }
                files.add(name);
            }
            tables.put(table, files);
        }
        return tables;
    }

    /** Whether {@code name} is {@code TABLE/FILE.parquet}, a plain file name in the folder of a table we write. */
    static boolean isTableFile(String table, String name) {
        if (Table.byName(table) == null || !name.startsWith(table + "/") || !name.endsWith(".parquet")) {
            return false;
        }
        String file = name.substring(table.length() + 1);
        if (file.isEmpty() || file.startsWith(".")) {
            return false;
        }
        for (int i = 0; i < file.length(); i++) {
            char c = file.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.')) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Long> readRows(JsonParser parser, Path file) throws IOException {
        expect(parser, JsonToken.START_OBJECT, file, "an object");
        Map<String, Long> rows = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String table = parser.currentName();
            parser.nextToken();
            rows.put(table, number(parser, file));
        }
        return rows;
    }

    private static List<Manifest.FileEntry> readFiles(JsonParser parser, Path file) throws IOException {
        expect(parser, JsonToken.START_ARRAY, file, "an array");
        List<Manifest.FileEntry> files = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            files.add(readFile(parser, file, files.size()));
        }
        return files;
    }

    /** Entry {@code index} of the file list; a call per entry, as {@link #writeFile} is, for the same reason. */
    private static Manifest.FileEntry readFile(JsonParser parser, Path file, int index) throws IOException {
        expect(parser, JsonToken.START_OBJECT, file, "an object");
        String path = null;
        String runId = null;
        long size = 0;
        long mtimeMillis = 0;
        long ingestedBytes = 0;
        long lines = 0;
        long rejects = 0;
        long headHash = 0;
        String identity = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "path" -> path = text(parser, file);
                case "size" -> size = number(parser, file);
                case "mtime_ms" -> mtimeMillis = number(parser, file);
                case "ingested_bytes" -> ingestedBytes = number(parser, file);
                case "lines" -> lines = number(parser, file);
                case "rejects" -> rejects = number(parser, file);
                case "head_hash" -> headHash = number(parser, file);
                case "run_id" -> runId = text(parser, file);
                case "identity" -> identity = text(parser, file);
                default -> parser.skipChildren();
            }
        }
        if (path == null) {
            throw new IOException(file + ": files[" + index + "] has no path");
        }
        return new Manifest.FileEntry(path, size, mtimeMillis, ingestedBytes, lines, rejects, headHash, runId,
                identity);
    }

    private static void expect(JsonParser parser, JsonToken token, Path file, String what) throws IOException {
        if (parser.currentToken() != token) {
            throw new IOException(file + ": " + where(parser) + ": expected " + what + ", found " + parser.getText());
        }
    }

    /**
     * Where the parser stands, as {@code files[3].size}: made only for an error message. Made ahead for every field
     * of every file entry, it cost a string per field and slowed every read of the manifest.
     */
    private static String where(JsonParser parser) {
        JsonStreamContext context = parser.getParsingContext();
        if (parser.currentToken() == JsonToken.START_OBJECT || parser.currentToken() == JsonToken.START_ARRAY) {
            context = context.getParent(); // the container just opened has no name or index yet
        }
        StringBuilder where = new StringBuilder();
        appendPath(where, context);
        return where.toString();
    }

    private static void appendPath(StringBuilder where, JsonStreamContext context) {
        if (context == null || context.inRoot()) {
            return;
        }
        appendPath(where, context.getParent());
        if (context.inArray()) {
            where.append('[').append(context.getCurrentIndex()).append(']');
        } else if (context.getCurrentName() != null) {
            where.append(where.length() == 0 ? "" : ".").append(context.getCurrentName());
        }
    }

    /** A whole number. */
    private static long number(JsonParser parser, Path file) throws IOException {
        expect(parser, JsonToken.VALUE_NUMBER_INT, file, "a whole number");
        return parser.getLongValue();
    }

    /** A string, or null for a JSON null. */
    private static String text(JsonParser parser, Path file) throws IOException {
        if (parser.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(parser, JsonToken.VALUE_STRING, file, "a string");
        return parser.getText();
    }
}
