package io.tokenomics.columnar;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Model prices in LiteLLM's {@code model_prices_and_context_window.json} format, read once at start-up (Jackson's
 * streaming parser, at the edge; never per line: its object mapper was slow to start at every ingest). Entries
 * without a per-token input price are ignored. Each price gets a dense index so that kernels work on {@code int}
 * price ids.
 *
 * <p>Names are matched exactly first, then after removing provider prefixes ({@code anthropic/},
 * {@code us.anthropic.}), version suffixes ({@code -v1:0}), {@code @date}, {@code -thinking} and {@code -latest},
 * then with the date dropped, then as an alias of dated entries ({@code claude-sonnet-4} and {@code claude-sonnet-4-0}
 * are the newest {@code claude-sonnet-4-YYYYMMDD}), then as the longest table entry that the name starts with. At
 * each step an entry listed only under a provider prefix ({@code zai/glm-4.6}, {@code cloudflare/@cf/maker/model})
 * matches its bare name too: the shortest such key, the first in the file's order among equals. A name that matches
 * nothing goes through the steps again with each dot between two digits read as a dash ({@code claude-opus-4.6}).
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
            "^(?:[a-z0-9_.@-]+/)+|^(?:us|eu|apac|global|au|jp)\\.|^anthropic\\.");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-v\\d+(?::\\d+)?$");
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    private static final Pattern DOTTED_VERSION = Pattern.compile("(?<=\\d)\\.(?=\\d)");

    private final List<ModelPrice> prices;
    /** {@code max_input_tokens} of each entry, 0 where the table has none. */
    private final long[] contextWindows;
    private final Map<String, Integer> byName;
    /** Entries listed only under a provider prefix, by their lower-case name without it. */
    private final Map<String, Integer> byBareName;
    /** The newest dated entry ({@code name-YYYYMMDD}) of each undated name. */
    private final Map<String, Integer> byAlias;
    private final String source;

    private PriceTable(List<ModelPrice> prices, long[] contextWindows, String source) {
        this.prices = List.copyOf(prices);
        this.contextWindows = contextWindows.clone();
        this.byName = new HashMap<>();
        this.byBareName = new HashMap<>();
        this.byAlias = new HashMap<>();
        for (int i = 0; i < prices.size(); i++) {
            byName.put(prices.get(i).name(), i);
        }
        for (int i = 0; i < prices.size(); i++) {
            index(i);
        }
        this.source = source;
    }

    /** Adds an entry to the bare-name and alias maps. */
    private void index(int i) {
        String key = prices.get(i).name();
        String bare = withoutPrefixes(key.toLowerCase(Locale.ROOT));
        if (!bare.equals(key) && !byName.containsKey(bare)) {
            Integer other = byBareName.get(bare);
            if (other == null || prices.get(other).name().length() > key.length()) {
                byBareName.put(bare, i);
            }
        }
        if (bare.equals(key) && DATE_SUFFIX.matcher(key).find()) {
            String alias = DATE_SUFFIX.matcher(key).replaceFirst("");
            Integer other = byAlias.get(alias);
            if (other == null || prices.get(other).name().compareTo(key) < 0) {
                byAlias.put(alias, i);
            }
        }
    }

    /** The table embedded in the jar, generated from LiteLLM's file by {@code scripts/update-prices}. */
    public static PriceTable embedded() {
        try (InputStream in = PriceTable.class.getResourceAsStream(EMBEDDED)) {
            if (in == null) {
                throw new IllegalStateException("resource " + EMBEDDED + " missing from the jar");
            }
            return parse(in.readAllBytes(), "embedded");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A table read from a LiteLLM-format file given by the user. */
    public static PriceTable fromFile(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    private static PriceTable parse(byte[] json, String source) throws IOException {
        Map<String, Object> root;
        try (JsonParser parser = new JsonFactory().createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(source + ": not a JSON object of model prices");
            }
            root = object(parser);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(source + ": " + e.getOriginalMessage(), e);
        }
        List<ModelPrice> prices = new ArrayList<>();
        long[] windows = new long[root.size()];
        for (Map.Entry<String, Object> entry : root.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> node && node.get("input_cost_per_token") instanceof Double) {
                @SuppressWarnings("unchecked")
                Map<String, Object> fields = (Map<String, Object>) node;
                windows[prices.size()] = (long) Math.max(0, number(fields, "max_input_tokens", 0));
                prices.add(price(entry.getKey(), fields));
            }
        }
        return new PriceTable(prices, java.util.Arrays.copyOf(windows, prices.size()), source);
    }

    /**
     * The fields of the object the parser stands in (after its opening brace): numbers as doubles, strings, booleans
     * and nested objects, in the file's order (the order of the table's entries); arrays and nulls are left out, no
     * price field is either.
     */
    private static Map<String, Object> object(JsonParser parser) throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (value) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> fields.put(name, parser.getDoubleValue());
                case VALUE_STRING -> fields.put(name, parser.getText());
                case VALUE_TRUE, VALUE_FALSE -> fields.put(name, value == JsonToken.VALUE_TRUE);
                case START_OBJECT -> fields.put(name, object(parser));
                default -> parser.skipChildren();
            }
        }
        return fields;
    }

    /**
     * Resolves every rate of an entry. A missing cache-read price is 0.1x input for Anthropic and other providers
     * that discount cached reads, but the full input price for OpenAI models, which bill cached input at the input
     * rate when no discount is listed (as ccusage does for Codex). Long-context rates come from the
     * {@code *_above_200k_tokens} fields, else the {@code *_above_272k_tokens} ones.
     */
    private static ModelPrice price(String name, Map<String, Object> n) {
        double input = (Double) n.get("input_cost_per_token");
        String provider = n.get("litellm_provider") instanceof String text ? text : "";
        boolean openai = provider.startsWith("openai") || provider.equals("azure");
        double output = number(n, "output_cost_per_token", 0);
        double write5m = number(n, "cache_creation_input_token_cost", 1.25 * input);
        double write1h = number(n, "cache_creation_input_token_cost_above_1hr", 2 * input);
        double read = number(n, "cache_read_input_token_cost", openai ? input : 0.1 * input);
        String tier = n.get("input_cost_per_token_above_200k_tokens") instanceof Double ? "200k"
                : n.get("input_cost_per_token_above_272k_tokens") instanceof Double ? "272k" : null;
        boolean longContext = tier != null;
        long threshold = "272k".equals(tier) ? ModelPrice.OPENAI_LONG_CONTEXT_THRESHOLD
                : ModelPrice.LONG_CONTEXT_THRESHOLD;
        String above = "_above_" + (tier == null ? "200k" : tier) + "_tokens";
        double inputLong = longContext ? (Double) n.get("input_cost_per_token" + above) : input;
        double outputLong = number(n, "output_cost_per_token" + above, output);
        double write5mLong = number(n, "cache_creation_input_token_cost" + above, 1.25 * inputLong);
        double write1hLong = number(n, "cache_creation_input_token_cost_above_1hr" + above, 2 * inputLong);
        double readLong = number(n, "cache_read_input_token_cost" + above, openai ? inputLong : 0.1 * inputLong);
        @SuppressWarnings("unchecked")
        Map<String, Object> providerSpecific = n.get("provider_specific_entry") instanceof Map<?, ?> entry
                ? (Map<String, Object>) entry : Map.of();
        double fast = number(providerSpecific, "fast", 1);
        return new ModelPrice(name, input, output, write5m, write1h, read, longContext, threshold, inputLong,
                outputLong, write5mLong, write1hLong, readLong, fast);
    }

    private static double number(Map<String, Object> node, String field, double fallback) {
        return node.get(field) instanceof Double value ? value : fallback;
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
        String name = withoutPrefixes(model.toLowerCase(Locale.ROOT).trim());
        int found = resolve(name);
        if (found == UNPRICED && DOTTED_VERSION.matcher(name).find()) {
            // GitHub Copilot and OpenCode write claude-opus-4.6 for Anthropic's claude-opus-4-6.
            found = resolve(DOTTED_VERSION.matcher(name).replaceAll("-"));
        }
        return found;
    }

    /** Steps 2 to 5 of the lookup (docs/formats.md, "Price table") for a lower-case name without prefixes. */
    private int resolve(String unprefixed) {
        Integer listed = lookup(unprefixed);
        if (listed != null) {
            return listed;
        }
        String name = unprefixed.replace('@', '-');
        name = VERSION_SUFFIX.matcher(name).replaceFirst("");
        name = withoutSuffix(withoutSuffix(name, "-latest"), "-thinking");
        Integer normalized = lookup(name);
        if (normalized != null) {
            return normalized;
        }
        String undated = DATE_SUFFIX.matcher(name).replaceFirst("");
        Integer withoutDate = lookup(undated);
        if (withoutDate != null) {
            return withoutDate;
        }
        Integer alias = byAlias.get(undated);
        if (alias == null && undated.endsWith("-0")) {
            // Anthropic's claude-opus-4-0 and claude-sonnet-4-0 name the first dated release of a generation.
            alias = byAlias.get(undated.substring(0, undated.length() - 2));
        }
        if (alias != null) {
            return alias;
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

    /** An entry by its name, else by its name without a provider prefix; null when neither is listed. */
    private Integer lookup(String name) {
        Integer listed = byName.get(name);
        return listed != null ? listed : byBareName.get(name);
    }

    private static String withoutPrefixes(String name) {
        String previous;
        String stripped = name;
        do {
            previous = stripped;
            stripped = PROVIDER_PREFIX.matcher(stripped).replaceFirst("");
        } while (!stripped.equals(previous));
        return stripped;
    }

    private static String withoutSuffix(String name, String suffix) {
        return name.endsWith(suffix) ? name.substring(0, name.length() - suffix.length()) : name;
    }

    public ModelPrice price(int index) {
        return prices.get(index);
    }

    /**
     * The context window of an entry: LiteLLM's {@code max_input_tokens}, the most tokens a prompt may hold; 0 when
     * the entry gives none.
     */
    public long contextWindow(int index) {
        return contextWindows[index];
    }

    public int size() {
        return prices.size();
    }

    /** Where the prices came from: "embedded" or the file's path. */
    public String source() {
        return source;
    }
}
