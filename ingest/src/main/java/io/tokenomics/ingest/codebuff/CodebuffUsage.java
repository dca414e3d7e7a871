package io.tokenomics.ingest.codebuff;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tokenomics.ingest.json.JsonCounts;
import java.io.IOException;

/**
 * One usage object of a Codebuff chat message, under any of the spellings its providers' responses use, and the
 * merge of several such objects where one lacks what another has. Counting rules: docs/formats.md, "Codebuff".
 */
final class CodebuffUsage {
    /** The spellings of each counter, in the order they are preferred: the first above zero is taken. */
    private static final String[][] SPELLINGS = {
        {"inputTokens", "input_tokens", "promptTokens", "prompt_tokens"},
        {"outputTokens", "output_tokens", "completionTokens", "completion_tokens"},
        {"cacheCreationInputTokens", "cache_creation_input_tokens", "cacheCreationTokens", "cache_creation_tokens",
            "cachedTokensCreated", "cached_tokens_created"},
        {"cacheReadInputTokens", "cache_read_input_tokens"},
        {"totalTokens", "total_tokens", "total"},
    };
    private static final int INPUT = 0;
    private static final int OUTPUT = 1;
    private static final int CACHE_WRITE = 2;
    private static final int CACHE_READ = 3;
    private static final int TOTAL = 4;

    long input;
    long output;
    long cacheWrite;
    long cacheRead;
    /** Whether the cache reads are OpenAI's {@code cached_tokens}, which its prompt count includes. */
    boolean cacheReadInPrompt;
    /** What a total holds beyond the counts, where the output has its own count; billed as output. */
    long extra;
    /** {@code credits}: Codebuff's own charge; 0 where none above zero is written. */
    double credits;
    String model;
    /** Whether a counter of the object was no count (a string, a fraction, below zero). */
    boolean invalid;

    /** Whether the usage holds a count above zero. */
    boolean billed() {
        return input > 0 || output > 0 || cacheWrite > 0 || cacheRead > 0 || extra > 0;
    }

    /**
     * Fills each count this usage lacks (0), and its model and credits, from {@code other}: the way a message's
     * {@code metadata.usage}, {@code metadata.codebuff.usage} and its run state's usage complete each other.
     */
    void fillFrom(CodebuffUsage other) {
        input = input == 0 ? other.input : input;
        output = output == 0 ? other.output : output;
        cacheWrite = cacheWrite == 0 ? other.cacheWrite : cacheWrite;
        if (cacheRead == 0) {
            cacheRead = other.cacheRead;
            cacheReadInPrompt = other.cacheReadInPrompt;
        }
        extra = extra == 0 ? other.extra : extra;
        credits = credits <= 0 ? other.credits : credits;
        model = model == null ? other.model : model;
        invalid |= other.invalid;
    }

    /** Reads a usage object whose start the parser has just passed, to its end. */
    static CodebuffUsage read(JsonParser parser) throws IOException {
        CodebuffUsage usage = new CodebuffUsage();
        long[][] counts = new long[SPELLINGS.length][];
        for (int i = 0; i < SPELLINGS.length; i++) {
            counts[i] = new long[SPELLINGS[i].length];
        }
        long cachedInPrompt = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            if (field.equals("promptTokensDetails") || field.equals("prompt_tokens_details")) {
                cachedInPrompt = Math.max(cachedInPrompt, value == JsonToken.START_OBJECT
                        ? cached(parser, usage, field.equals("promptTokensDetails") ? "cachedTokens" : "cached_tokens")
                        : skip(parser));
                continue;
            }
            if (field.equals("credits")) {
                usage.credits = credits(parser, value);
                continue;
            }
            if (field.equals("model")) {
                usage.model = text(parser, value);
                continue;
            }
            if (!place(parser, usage, field, counts)) {
                parser.skipChildren();
            }
        }
        usage.input = first(counts[INPUT]);
        usage.output = first(counts[OUTPUT]);
        usage.cacheWrite = first(counts[CACHE_WRITE]);
        long direct = first(counts[CACHE_READ]);
        usage.cacheRead = Math.max(direct, cachedInPrompt);
        usage.cacheReadInPrompt = cachedInPrompt > direct;
        long uncached = usage.cacheReadInPrompt ? Math.max(0, usage.input - usage.cacheRead) : usage.input;
        long missing = first(counts[TOTAL]) - (uncached + usage.output + usage.cacheWrite + usage.cacheRead);
        if (missing > 0 && usage.output == 0) {
            usage.output = missing;
        } else if (missing > 0) {
            usage.extra = missing;
        }
        return usage;
    }

    /** Puts a counter under its spelling; false where the field is none of them. */
    private static boolean place(JsonParser parser, CodebuffUsage usage, String field, long[][] counts)
            throws IOException {
        for (int i = 0; i < SPELLINGS.length; i++) {
            for (int j = 0; j < SPELLINGS[i].length; j++) {
                if (SPELLINGS[i][j].equals(field)) {
                    counts[i][j] = count(parser, usage);
                    return true;
                }
            }
        }
        return false;
    }

    private static long first(long[] counts) {
        for (long count : counts) {
            if (count > 0) {
                return count;
            }
        }
        return 0;
    }

    private static long cached(JsonParser parser, CodebuffUsage usage, String name) throws IOException {
        long cached = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            if (field.equals(name)) {
                cached = count(parser, usage);
            } else {
                parser.skipChildren();
            }
        }
        return cached;
    }

    private static long count(JsonParser parser, CodebuffUsage usage) throws IOException {
        long count = JsonCounts.count(parser);
        if (count == JsonCounts.NOT_A_COUNT) {
            usage.invalid = true;
            return 0;
        }
        return count;
    }

    static double credits(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            double credits = parser.getDoubleValue();
            return Double.isFinite(credits) && credits > 0 ? credits : 0;
        }
        parser.skipChildren();
        return 0;
    }

    static String text(JsonParser parser, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_STRING && !parser.getText().isBlank()) {
            return parser.getText().trim();
        }
        parser.skipChildren();
        return null;
    }

    private static long skip(JsonParser parser) throws IOException {
        parser.skipChildren();
        return 0;
    }
}
