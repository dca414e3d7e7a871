package io.tokenomics.query;

import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.ModelPrice;
import io.tokenomics.columnar.PriceTable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reprices the turns of the dataset under a scenario: every model (or those matching a pattern) as another model,
 * routing rules ({@code opus=sonnet}: models whose name contains the left side priced as the right side, or
 * {@code haiku=local} at a self-hosted model's {@link LocalCost}), each session's planner and executor turns as two
 * models, and a prompt-cache policy. The actual cost is what ingest stored; the counterfactual follows the same rules
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
     * @param targetModel the price entry it was repriced with, {@link #LOCAL} when routed to a self-hosted model, or
     *     the name asked for when none was found
     * @param outputTokens the output tokens of its turns, which a per-hour local cost turns into hours
     * @param avoidedMisses the idle cache misses the scenario's 1-hour cache avoids (0 under other policies)
     * @param avoidedMissTokens the tokens those misses read instead of writing them again
     */
    public record Row(String sourceModel, String targetModel, long turns, long tokens, long outputTokens,
            double actualUsd, double counterfactualUsd, long actualUnpricedTurns, long counterfactualUnpricedTurns,
            long avoidedMisses, long avoidedMissTokens) {
    }

    /**
     * One session's tasks, recorded and with its planner turns (those of its first task) on one model and its
     * executor turns (those of its later tasks) on another.
     *
     * @param planner the recorded planner (views.sql, session_phases)
     * @param executor the recorded executor, null for a session of one task
     */
    public record SessionRow(String sessionId, String project, String planner, String executor, long plannerTurns,
            long executorTurns, double actualUsd, double counterfactualUsd, long actualUnpricedTurns,
            long counterfactualUnpricedTurns) {
    }

    /**
     * A plan/execute scenario: its sessions, and the turns left out because they precede their session's first
     * prompt or belong to a session without one (Codex rollouts hold no prompts).
     */
    public record PhaseReport(List<SessionRow> sessions, long turnsOutsideTasks) {
        public PhaseReport {
            sessions = List.copyOf(sessions);
        }
    }

    /**
     * A routing rule: models whose lower-case name holds {@code pattern} (or matches it whole, as a glob with
     * {@code *} and {@code ?}, when it has either) are priced as {@code target}, a model or {@link #LOCAL}.
     */
    public record Route(String pattern, String target) {
        boolean matches(String lowerModel) {
            boolean glob = pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0;
            return glob ? wildcardMatches(lowerModel, pattern, '*', '?') : lowerModel.contains(pattern);
        }

        /** Whether the rule sends its models to a self-hosted model. */
        public boolean local() {
            return LOCAL.equalsIgnoreCase(target);
        }
    }

    /** The target of a route that prices its turns at a self-hosted model's {@link LocalCost}. */
    public static final String LOCAL = "local";

    private static final String PLANNER = "planner";
    private static final String EXECUTOR = "executor";

    private WhatIf() {
    }

    /**
     * Reprices by source model.
     *
     * @param as the model to price every selected turn as, or null
     * @param from a LIKE pattern of the source models {@code as} applies to, or null for all
     * @param routes routing rules, tried in order; applied before {@code as}
     * @param local what a turn routed to {@link #LOCAL} costs, or null when no route goes there
     */
    public static List<Row> run(QuerySession session, ReportFilter filter, PriceTable prices, String as, String from,
            List<Route> routes, LocalCost local, CacheTtl ttl) throws SQLException {
        List<Mapping> mappings = new ArrayList<>();
        for (String model : models(session)) {
            mappings.add(new Mapping(null, model, targetOf(model, as, from, routes)));
        }
        prepare(session, filter, prices, local, mappings, ttl, false);
        List<Row> rows = new ArrayList<>();
        try (ResultSet rs = session.query(QuerySession.resource("whatif.sql"))) {
            while (rs.next()) {
                rows.add(new Row(rs.getString("source_model"), rs.getString("target_model"), rs.getLong("turns"),
                        rs.getLong("tokens"), rs.getLong("output_tokens"), Results.moneyOrZero(rs, "actual_usd"),
                        Results.moneyOrZero(rs, "counterfactual_usd"),
                        rs.getLong("actual_unpriced_turns"), rs.getLong("counterfactual_unpriced_turns"),
                        rs.getLong("avoided_misses"), rs.getLong("avoided_miss_tokens")));
            }
        }
        return rows;
    }

    /**
     * Reprices each session's planner turns as {@code planWith} and its executor turns as {@code executeWith}; a null
     * model leaves that phase as recorded. Planner and executor turns are those of session_phases (views.sql).
     */
    public static PhaseReport runPhases(QuerySession session, ReportFilter filter, PriceTable prices, String planWith,
            String executeWith, CacheTtl ttl) throws SQLException {
        List<Mapping> mappings = new ArrayList<>();
        for (String model : models(session)) {
            boolean kept = model == null || PriceTable.SYNTHETIC_MODEL.equals(model);
            mappings.add(new Mapping(PLANNER, model, kept || planWith == null ? model : resolve(planWith)));
            mappings.add(new Mapping(EXECUTOR, model, kept || executeWith == null ? model : resolve(executeWith)));
        }
        prepare(session, filter, prices, null, mappings, ttl, true);
        List<SessionRow> rows = new ArrayList<>();
        try (ResultSet rs = session.query(QuerySession.resource("whatif-sessions.sql"))) {
            while (rs.next()) {
                rows.add(new SessionRow(rs.getString("session_id"), rs.getString("project"), rs.getString("planner"),
                        rs.getString("executor"), rs.getLong("planner_turns"), rs.getLong("executor_turns"),
                        Results.moneyOrZero(rs, "actual_usd"), Results.moneyOrZero(rs, "counterfactual_usd"),
                        rs.getLong("actual_unpriced_turns"), rs.getLong("counterfactual_unpriced_turns")));
            }
        }
        try (ResultSet rs = session.query("SELECT count(*) FROM scenario_turns WHERE phase IS NULL")) {
            rs.next();
            return new PhaseReport(rows, rs.getLong(1));
        }
    }

    /**
     * Parses routing rules {@code PATTERN=TARGET}, each argument holding one or several separated by commas, in
     * order; the pattern is kept in lower case.
     */
    public static List<Route> parseRoutes(List<String> arguments) {
        List<Route> routes = new ArrayList<>();
        if (arguments == null) {
            return routes;
        }
        for (String argument : arguments) {
            for (String rule : argument.split(",", -1)) {
                String[] sides = rule.split("=", 2);
                if (sides.length != 2 || sides[0].isBlank() || sides[1].isBlank()) {
                    throw new IllegalArgumentException("route '" + rule.trim() + "' is not PATTERN=MODEL or "
                            + "PATTERN=local");
                }
                routes.add(new Route(sides[0].trim().toLowerCase(Locale.ROOT), sides[1].trim()));
            }
        }
        return routes;
    }

    /** A price table entry (or {@link #LOCAL}) for each source model, and in a plan/execute scenario each phase. */
    private record Mapping(String phase, String sourceModel, String target) {
    }

    private static List<String> models(QuerySession session) throws SQLException {
        List<String> models = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT DISTINCT model FROM turns")) {
            while (rs.next()) {
                models.add(rs.getString(1));
            }
        }
        return models;
    }

    private static void prepare(QuerySession session, ReportFilter filter, PriceTable prices, LocalCost local,
            List<Mapping> mappings, CacheTtl ttl, boolean byPhase) throws SQLException {
        filter.apply(session);
        registerPrices(session, prices, local, mappings);
        try (Statement statement = session.connection().createStatement()) {
            statement.execute("SET VARIABLE cache_ttl = "
                    + (ttl.sqlValue == null ? "NULL::VARCHAR" : DuckDb.literal(ttl.sqlValue)));
            statement.execute("SET VARIABLE by_phase = " + byPhase);
            statement.execute(QuerySession.resource("whatif-turns.sql"));
        }
    }

    private static void registerPrices(QuerySession session, PriceTable prices, LocalCost local,
            List<Mapping> mappings) throws SQLException {
        try (Statement statement = session.connection().createStatement()) {
            statement.execute("CREATE OR REPLACE TEMP TABLE scenario_prices (phase VARCHAR, source_model VARCHAR,"
                    + " target VARCHAR, priced BOOLEAN, has_long BOOLEAN, threshold BIGINT, fast DOUBLE, input DOUBLE,"
                    + " output DOUBLE, write_5m DOUBLE, write_1h DOUBLE, read DOUBLE, input_long DOUBLE,"
                    + " output_long DOUBLE, write_5m_long DOUBLE, write_1h_long DOUBLE, read_long DOUBLE)");
        }
        try (PreparedStatement insert = session.connection().prepareStatement(
                "INSERT INTO scenario_prices VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Mapping mapping : mappings) {
                insert.setString(1, mapping.phase());
                insert.setString(2, mapping.sourceModel());
                if (LOCAL.equals(mapping.target())) {
                    localRates(insert, local);
                } else {
                    modelRates(insert, prices, mapping.target());
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** A self-hosted model: one rate for every prompt token, one for output, no long-context or fast-mode rates. */
    private static void localRates(PreparedStatement insert, LocalCost local) throws SQLException {
        insert.setString(3, LOCAL);
        insert.setBoolean(4, true);
        insert.setBoolean(5, false);
        insert.setLong(6, ModelPrice.LONG_CONTEXT_THRESHOLD);
        double in = local.inputPerToken();
        double[] rates = {1, in, local.outputPerToken(), in, in, in, in, local.outputPerToken(), in, in, in};
        for (int r = 0; r < rates.length; r++) {
            insert.setDouble(7 + r, rates[r]);
        }
    }

    private static void modelRates(PreparedStatement insert, PriceTable prices, String target) throws SQLException {
        int index = prices.indexOf(target);
        insert.setString(3, index >= 0 ? prices.price(index).name() : target);
        insert.setBoolean(4, index != PriceTable.UNPRICED);
        ModelPrice p = index >= 0 ? prices.price(index) : null;
        insert.setBoolean(5, p != null && p.longContext());
        insert.setLong(6, p != null ? p.longContextThreshold() : ModelPrice.LONG_CONTEXT_THRESHOLD);
        double[] rates = p == null ? new double[11] : new double[] {p.fastMultiplier(), p.input(), p.output(),
            p.cacheWrite5m(), p.cacheWrite1h(), p.cacheRead(), p.inputLong(), p.outputLong(),
            p.cacheWrite5mLong(), p.cacheWrite1hLong(), p.cacheReadLong()};
        for (int r = 0; r < rates.length; r++) {
            insert.setDouble(7 + r, index == PriceTable.FREE ? (r == 0 ? 1 : 0) : rates[r]);
        }
    }

    private static String targetOf(String model, String as, String from, List<Route> routes) {
        if (model == null || PriceTable.SYNTHETIC_MODEL.equals(model)) {
            return model;
        }
        String lower = model.toLowerCase(Locale.ROOT);
        for (Route route : routes) {
            if (route.matches(lower)) {
                return route.local() ? LOCAL : resolve(route.target());
            }
        }
        if (as != null && (from == null || wildcardMatches(lower, from.toLowerCase(Locale.ROOT), '%', '_'))) {
            return resolve(as);
        }
        return model;
    }

    /** The price table name a what-if's model name stands for: {@code sonnet} means the newest Sonnet, and so on. */
    public static String resolve(String target) {
        return switch (target.toLowerCase(Locale.ROOT)) {
            case "opus" -> "claude-opus-4-6";
            case "sonnet" -> "claude-sonnet-4-5";
            case "haiku" -> "claude-haiku-4-5";
            default -> target;
        };
    }

    /** Whether all of {@code text} matches {@code pattern}: SQL LIKE with {@code %} and {@code _}, or a glob. */
    static boolean wildcardMatches(String text, String pattern, char many, char one) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == many ? ".*" : c == one ? "." : java.util.regex.Pattern.quote(String.valueOf(c)));
        }
        return text.matches(regex.toString());
    }
}
