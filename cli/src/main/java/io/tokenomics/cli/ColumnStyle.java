package io.tokenomics.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a report column reads in a terminal table, decided by the column's name (the SQL files follow these
 * conventions) and, for the rest, by its values: {@code _usd} money; {@code _ratio}, {@code _share} and
 * {@code _rate} percentages; {@code _multiplier}, {@code _over_p50} and {@code multiple_of_} multiples;
 * {@code _tokens}, {@code _bytes} and {@code _chars} whole numbers; {@code project} and {@code cwd} paths cut from the
 * left; model names without {@code claude-}.
 */
enum ColumnStyle {
    MONEY, PERCENT, MULTIPLE, AMOUNT, NUMBER, TIME, PATH, MODEL, TEXT;

    private static final DateTimeFormatter TIME_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final Pattern PERCENTILE = Pattern.compile("p\\d+");
    private static final int PATH_WIDTH = 32;

    static ColumnStyle of(String column, List<Object> values) {
        if (column.endsWith("_usd")) {
            return MONEY;
        }
        if (column.endsWith("_ratio") || column.endsWith("_share") || column.endsWith("_rate")) {
            return PERCENT;
        }
        if (column.endsWith("_multiplier") || column.endsWith("_over_p50") || column.startsWith("multiple_of_")) {
            return MULTIPLE;
        }
        if (column.endsWith("_tokens") || column.endsWith("_bytes") || column.endsWith("_chars")) {
            return AMOUNT;
        }
        if (column.equals("project") || column.equals("cwd")) {
            return PATH;
        }
        if (column.equals("model") || column.endsWith("_model") || column.startsWith("models")) {
            return MODEL;
        }
        for (Object v : values) {
            if (v instanceof Long) {
                return AMOUNT;
            }
            if (v instanceof Number) {
                return NUMBER;
            }
            if (v instanceof Instant) {
                return TIME;
            }
            if (v != null) {
                return TEXT;
            }
        }
        return TEXT;
    }

    /** The colour of the column's cells on a terminal: money stands out; the rest is plain. */
    Palette.Tone tone() {
        return this == MONEY ? Palette.Tone.MONEY : null;
    }

    boolean rightAligned() {
        return this == MONEY || this == PERCENT || this == MULTIPLE || this == AMOUNT || this == NUMBER;
    }

    String format(Object value, ZoneId zone) {
        if (value == null) {
            return "-";
        }
        return switch (this) {
            case MONEY -> money(((Number) value).doubleValue());
            case PERCENT -> String.format(Locale.ROOT, "%.1f%%", ((Number) value).doubleValue() * 100);
            case MULTIPLE -> String.format(Locale.ROOT, "%.2fx", ((Number) value).doubleValue());
            case AMOUNT -> value instanceof Number n ? String.format(Locale.ROOT, "%,d", Math.round(n.doubleValue()))
                    : text(value);
            case NUMBER -> value instanceof Number n ? String.format(Locale.ROOT, "%,.1f", n.doubleValue())
                    : text(value);
            case TIME -> value instanceof Instant i ? TIME_FORMAT.format(i.atZone(zone)) : text(value);
            case PATH -> fromLeft(text(value));
            case MODEL -> text(value).replace("claude-", "");
            case TEXT -> text(value);
        };
    }

    /** Dollars: cents from $0.10 up, four decimals below so the cost of a single turn still shows. */
    static String money(double usd) {
        return String.format(Locale.ROOT, Math.abs(usd) >= 0.1 || usd == 0 ? "$%,.2f" : "$%.4f", usd);
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>(list.size());
            list.forEach(v -> parts.add(String.valueOf(v)));
            return String.join(", ", parts);
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "";
        }
        return value.toString();
    }

    private static String fromLeft(String path) {
        int length = path.codePointCount(0, path.length());
        if (length <= PATH_WIDTH) {
            return path;
        }
        return "…" + path.substring(path.offsetByCodePoints(0, length - PATH_WIDTH + 1));
    }

    /** A column title from its SQL name: {@code cost_usd} reads "Cost (USD)", {@code top_1pct_share} "Top 1% share". */
    static String title(String column) {
        String words = column.replace("_over_", "/").replace("pct", "%");
        if (words.endsWith("_usd")) {
            words = words.substring(0, words.length() - 4) + " (USD)";
        }
        words = words.replace('_', ' ');
        String first = words.split("[ /]", 2)[0];
        return PERCENTILE.matcher(first).matches() ? words
                : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
