package io.tokenomics.columnar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Model prices in LiteLLM's {@code model_prices_and_context_window.json} format, read once at start-up (Jackson, at
 * the edge; never per line). Entries without a per-token input price are ignored. Each price gets a dense index so
 * that kernels work on {@code int} price ids.
 *
 * <p>Names are matched exactly first, then after removing provider prefixes ({@code anthropic/},
 * {@code us.anthropic.}), version suffixes ({@code -v1:0}), {@code @date} and {@code -thinking}, then with the date
 * dropped, then as the longest table entry that the name starts with.
 */
public final class PriceTable {
    /** The price index of a model that has no entry. */
    public static final int UNPRICED = -1;
    /** The price index of {@code <synthetic>} placeholder replies: free by definition. */
    public static final int FREE = -2;
    /** The model name Claude Code writes on replies it made up without calling the API. */
    public static final String SYNTHETIC_MODEL = "<synthetic>";

    private static final String EMBEDDED = "/io/tokenomics/columnar/model_prices.json";
    private static final Pattern PROVIDER_PREFIX = Pattern.compile(
            "^(?:[a-z_]+/)+|^(?:us|eu|apac|global|au|jp)\\.|^anthropic\\.");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-v\\d+(?::\\d+)?$");
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");

    private final List<ModelPrice> prices;
    private final Map<String, Integer> byName;
    private final String source;

    private PriceTable(List<ModelPrice> prices, String source) {
        this.prices = List.copyOf(prices);
        this.byName = new HashMap<>();
        for (int i = 0; i < prices.size(); i++) {
            byName.put(prices.get(i).name(), i);
        }
        this.source = source;
    }

    /** The table embedded in the jar, generated from LiteLLM's file by {@code scripts/update-prices}. */
    public static PriceTable embedded() {
        try (InputStream in = PriceTable.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IllegalStateException("resource " + EMBEDDED + " missing from the jar");
            }
            return parse(new ObjectMapper().readTree(in), "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table read from a LiteLLM-format file given by the user. */
    public static PriceTable fromFile(Path file) throws IOException {
        return parse(new ObjectMapper().readTree(Files.readAllBytes(file)), file.toString());
    }

    static PriceTable parse(JsonNode root, String source) throws IOException {
        if (root == null || !root.isObject()) {
            throw new IOException(source + ": not a JSON object of model prices");
        }
        List<ModelPrice> prices = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode node = entry.getValue();
            if (node.isObject() && node.path("input_cost_per_token").isNumber()) {
                prices.add(price(entry.getKey(), node));
            }
        }
        return new PriceTable(prices, source);
    }

    /**
     * Resolves every rate of an entry. A missing cache-read price is 0.1x input for Anthropic and other providers
     * that discount cached reads, but the full input price for OpenAI models, which bill cached input at the input
     * rate when no discount is listed (as ccusage does for Codex). Long-context rates come from the
     * {@code *_above_200k_tokens} fields, else the {@code *_above_272k_tokens} ones.
     */
    private static ModelPrice price(String name, JsonNode n) {
        double input = n.path("input_cost_per_token").asDouble();
        boolean openai = n.path("litellm_provider").asText("").startsWith("openai")
                || n.path("litellm_provider").asText("").equals("azure");
        double output = number(n, "output_cost_per_token", 0);
        double write5m = number(n, "cache_creation_input_token_cost", 1.25 * input);
        double write1h = number(n, "cache_creation_input_token_cost_above_1hr", 2 * input);
        double read = number(n, "cache_read_input_token_cost", openai ? input : 0.1 * input);
        String tier = n.path("input_cost_per_token_above_200k_tokens").isNumber() ? "200k"
                : n.path("input_cost_per_token_above_272k_tokens").isNumber() ? "272k" : null;
        boolean longContext = tier != null;
        long threshold = "272k".equals(tier) ? ModelPrice.OPENAI_LONG_CONTEXT_THRESHOLD
                : ModelPrice.LONG_CONTEXT_THRESHOLD;
        String above = "_above_" + (tier == null ? "200k" : tier) + "_tokens";
        double inputLong = longContext ? n.path("input_cost_per_token" + above).asDouble() : input;
        double outputLong = number(n, "output_cost_per_token" + above, output);
        double write5mLong = number(n, "cache_creation_input_token_cost" + above, 1.25 * inputLong);
        double write1hLong = number(n, "cache_creation_input_token_cost_above_1hr" + above, 2 * inputLong);
        double readLong = number(n, "cache_read_input_token_cost" + above, openai ? inputLong : 0.1 * inputLong);
        double fast = number(n.path("provider_specific_entry"), "fast", 1);
        return new ModelPrice(name, input, output, write5m, write1h, read, longContext, threshold, inputLong,
                outputLong, write5mLong, write1hLong, readLong, fast);
    }

    private static double number(JsonNode node, String field, double fallback) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : fallback;
    }

    /** The price index of a model name, {@link #FREE} for {@code <synthetic>}, or {@link #UNPRICED}. */
    public int indexOf(String model) {
        if (model == null || model.isEmpty()) {
            return UNPRICED;
        }
        if (SYNTHETIC_MODEL.equals(model)) {
            return FREE;
        }
        Integer exact = byName.get(model);
        if (exact != null) {
            return exact;
        }
        String name = model.toLowerCase(Locale.ROOT).trim();
        String previous;
        do {
            previous = name;
            name = PROVIDER_PREFIX.matcher(name).replaceFirst("");
        } while (!name.equals(previous));
        Integer unprefixed = byName.get(name);
        if (unprefixed != null) {
            return unprefixed;
        }
        name = name.replace('@', '-');
        name = VERSION_SUFFIX.matcher(name).replaceFirst("");
        if (name.endsWith("-thinking")) {
            name = name.substring(0, name.length() - "-thinking".length());
        }
        Integer normalized = byName.get(name);
        if (normalized != null) {
            return normalized;
        }
        String undated = DATE_SUFFIX.matcher(name).replaceFirst("");
        Integer withoutDate = byName.get(undated);
        if (withoutDate != null) {
            return withoutDate;
        }
        int best = UNPRICED;
        int bestLength = 0;
        for (Map.Entry<String, Integer> entry : byName.entrySet()) {
            String key = entry.getKey();
            if (key.length() > bestLength && name.startsWith(key)
                    && (name.length() == key.length() || name.charAt(key.length()) == '-')) {
                best = entry.getValue();
                bestLength = key.length();
            }
        }
        return best;
    }

    public ModelPrice price(int index) {
        return prices.get(index);
    }

    public int size() {
        return prices.size();
    }

    /** Where the prices came from: "embedded" or the file's path. */
    public String source() {
        return source;
    }
}
