package io.tokenomics.query;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.ModelPrice;
import io.tokenomics.columnar.PriceTable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reprices the turns of the dataset under a scenario: every model (or those matching a pattern) as another model,
 * routing rules ({@code opus=sonnet}: models whose name contains the left side priced as the right side), and a
 * prompt-cache policy. The actual cost is what ingest stored; the counterfactual follows the same rules
 * (docs/formats.md, "Pricing") with the scenario's prices.
 */
public final class WhatIf {
    /** The cache policies a scenario can assume. */
    public enum CacheTtl {
        AS_RECORDED(null), FIVE_MINUTES("5m"), ONE_HOUR("1h"), NONE("none");

        private final String sqlValue;

        CacheTtl(String sqlValue) {
            this.sqlValue = sqlValue;
        }

        /** Reads {@code 5m}, {@code 1h} or {@code none}. */
        public static CacheTtl parse(String text) {
            for (CacheTtl ttl : values()) {
                if (ttl.sqlValue != null && ttl.sqlValue.equalsIgnoreCase(text)) {
                    return ttl;
                }
            }
            throw new IllegalArgumentException("cache TTL '" + text + "' is not 5m, 1h or none");
        }
    }

    /**
     * One source model's actual and counterfactual cost.
     *
     * @param targetModel the price entry it was repriced with, or null when none was found
     * @param avoidedMisses the idle cache misses the scenario's 1-hour cache avoids (0 under other policies)
     * @param avoidedMissTokens the tokens those misses read instead of writing them again
     */
    public record Row(String sourceModel, String targetModel, long turns, long tokens, double actualUsd,
            double counterfactualUsd, long actualUnpricedTurns, long counterfactualUnpricedTurns, long avoidedMisses,
            long avoidedMissTokens) {
    }

    private WhatIf() {
    }

    /**
     * @param as the model to price every selected turn as, or null
     * @param from a LIKE pattern of the source models {@code as} applies to, or null for all
     * @param routes substring of a source model name to target model, tried in order; applied before {@code as}
     */
    public static List<Row> run(QuerySession session, ReportFilter filter, PriceTable prices, String as, String from,
            Map<String, String> routes, CacheTtl ttl) throws SQLException {
        filter.apply(session);
        registerPrices(session, prices, as, from, routes);
        try (Statement statement = session.connection().createStatement()) {
            statement.execute("SET VARIABLE cache_ttl = "
                    + (ttl.sqlValue == null ? "NULL::VARCHAR" : DuckDb.literal(ttl.sqlValue)));
        }
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = session.query(QuerySession.resource("whatif.sql"))) {
            while (rs.next()) {
                rows.add(new Row(rs.getString("source_model"), rs.getString("target_model"), rs.getLong("turns"),
                        rs.getLong("tokens"), Results.moneyOrZero(rs, "actual_usd"),
                        Results.moneyOrZero(rs, "counterfactual_usd"),
                        rs.getLong("actual_unpriced_turns"), rs.getLong("counterfactual_unpriced_turns"),
                        rs.getLong("avoided_misses"), rs.getLong("avoided_miss_tokens")));
            }
        }
        return rows;
    }

    /** Parses {@code "opus=sonnet,haiku=haiku"} into ordered rules. */
    public static Map<String, String> parseRoutes(String text) {
        Map<String, String> routes = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return routes;
        }
        for (String rule : text.split(",")) {
            String[] sides = rule.split("=", 2);
            if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                throw new IllegalArgumentException("route '" + rule.trim() + "' is not SOURCE=TARGET");
            }
            routes.put(sides[0].trim().toLowerCase(Locale.ROOT), sides[1].trim());
        }
        return routes;
    }

    private static void registerPrices(QuerySession session, PriceTable prices, String as, String from,
            Map<String, String> routes) throws SQLException {
        List<String> models = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT DISTINCT model FROM turns")) {
            while (rs.next()) {
                models.add(rs.getString(1));
            }
        }
        try (Statement statement = session.connection().createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE scenario_prices (source_model VARCHAR, target VARCHAR,"
                    + " priced BOOLEAN, has_long BOOLEAN, threshold BIGINT, fast DOUBLE, input DOUBLE, output DOUBLE,"
                    + " write_5m DOUBLE, write_1h DOUBLE, read DOUBLE, input_long DOUBLE, output_long DOUBLE,"
                    + " write_5m_long DOUBLE, write_1h_long DOUBLE, read_long DOUBLE)");
        }
        try (PreparedStatement insert = session.connection().prepareStatement(
                "INSERT INTO scenario_prices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String model : models) {
                String target = targetOf(model, as, from, routes);
                int index = prices.indexOf(target);
                insert.setString(1, model);
                insert.setString(2, index >= 0 ? prices.price(index).name() : target);
                insert.setBoolean(3, index != PriceTable.UNPRICED);
                ModelPrice p = index >= 0 ? prices.price(index) : null;
                insert.setBoolean(4, p != null && p.longContext());
                insert.setLong(5, p != null ? p.longContextThreshold() : ModelPrice.LONG_CONTEXT_THRESHOLD);
                double[] rates = p == null ? new double[11] : new double[] {p.fastMultiplier(), p.input(), p.output(),
                    p.cacheWrite5m(), p.cacheWrite1h(), p.cacheRead(), p.inputLong(), p.outputLong(),
                    p.cacheWrite5mLong(), p.cacheWrite1hLong(), p.cacheReadLong()};
                for (int r = 0; r < rates.length; r++) {
                    insert.setDouble(6 + r, index == PriceTable.FREE ? (r == 0 ? 1 : 0) : rates[r]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static String targetOf(String model, String as, String from, Map<String, String> routes) {
        if (model == null || PriceTable.SYNTHETIC_MODEL.equals(model)) {
            return model;
        }
        String lower = model.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> route : routes.entrySet()) {
            if (lower.contains(route.getKey())) {
                return resolve(route.getValue());
            }
        }
        if (as != null && (from == null || likeMatches(lower, from.toLowerCase(Locale.ROOT)))) {
            return resolve(as);
        }
        return model;
    }

    /** Short names for routing: {@code sonnet} means the newest Sonnet, and so on. */
    private static String resolve(String target) {
        return switch (target.toLowerCase(Locale.ROOT)) {
            case "opus" -> "claude-opus-4-6";
            case "sonnet" -> "claude-sonnet-4-5";
            case "haiku" -> "claude-haiku-4-5";
            default -> target;
        };
    }

    /** SQL LIKE with % and _, as the report filters use. */
    static boolean likeMatches(String text, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return text.matches(regex.toString());
    }
}
