package io.tokenomics.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Token and cost totals grouped by a key (a day, a session) with a breakdown by model: the data of the
 * {@code daily} and {@code session} reports, shaped like ccusage's so its JSON can be written in the same form.
 */
public final class UsageReport {
    /** The model name of placeholder replies; counted in totals, never listed as a model used. */
    public static final String SYNTHETIC = "<synthetic>";

    /**
     * One model's share of a group. {@code cost} sums the priced turns; {@code unpricedTurns} says how many had no
     * price. {@code reasoningTokens} (Codex) are part of {@code outputTokens}, not a class of their own.
     */
    public record ModelUsage(String model, long inputTokens, long outputTokens, long cacheWrite5mTokens,
            long cacheWrite1hTokens, long cacheReadTokens, long reasoningTokens, double cost, double webSearchCost,
            long turns, long unpricedTurns) {

        public long cacheCreationTokens() {
            return cacheWrite5mTokens + cacheWrite1hTokens;
        }

        public long totalTokens() {
            return inputTokens + outputTokens + cacheCreationTokens() + cacheReadTokens;
        }
    }

    /** One group: a day or a session, and the agents whose turns it holds, by name. */
    public record Group(String key, String project, Instant firstActivity, Instant lastActivity,
            List<ModelUsage> models, SortedSet<String> agents) {

        Group(String key, String project, Instant firstActivity, Instant lastActivity) {
            this(key, project, firstActivity, lastActivity, new ArrayList<>(), new TreeSet<>());
        }

        /** Adds a row of a report's SQL: one model's usage and the agents that used it. */
        void add(ResultSet rs) throws SQLException {
            models.add(usage(rs));
            String names = rs.getString("agents");
            if (names != null) {
                agents.addAll(Arrays.asList(names.split(",")));
            }
        }

        public ModelUsage total() {
            return sum(key, models);
        }

        /** The models used, {@code <synthetic>} and unknown excluded, in name order. */
        public List<String> modelsUsed() {
            List<String> names = new ArrayList<>();
            for (ModelUsage m : models) {
                if (m.model() != null && !SYNTHETIC.equals(m.model()) && !names.contains(m.model())) {
                    names.add(m.model());
                }
            }
            return names;
        }
    }

    private UsageReport() {
    }

    public static List<Group> daily(QuerySession session, ReportFilter filter) throws SQLException {
        filter.apply(session);
        Map<String, Group> groups = new LinkedHashMap<>();
        try (ResultSet rs = session.query(QuerySession.resource("daily.sql"))) {
            while (rs.next()) {
                String day = rs.getObject("day", LocalDate.class).toString();
                groups.computeIfAbsent(day, k -> new Group(k, null, null, null)).add(rs);
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** The SQL resource of each period report. */
    public static final String DAILY_BY_PROJECT_SQL = "daily-instances.sql";
    public static final String WEEKLY_SQL = "weekly.sql";
    public static final String MONTHLY_SQL = "monthly.sql";

    /** Per day and project: one group per (day, project), days in order, projects by name within a day. */
    public static List<Group> dailyByProject(QuerySession session, ReportFilter filter) throws SQLException {
        return grouped(session, filter.variables(), DAILY_BY_PROJECT_SQL, "day", "project");
    }

    /** Per week starting on {@code firstDay}; the key is the week's first date. */
    public static List<Group> weekly(QuerySession session, ReportFilter filter, DayOfWeek firstDay)
            throws SQLException {
        return grouped(session, weeklyVariables(filter, firstDay), WEEKLY_SQL, "week", null);
    }

    /** The variables of {@code weekly.sql}: the filter and the first day of a week (0 = Sunday, as DuckDB counts). */
    public static SqlVariables weeklyVariables(ReportFilter filter, DayOfWeek firstDay) {
        return filter.variables().integer("week_start", (long) (firstDay.getValue() % 7));
    }

    /** Per calendar month; the key is {@code YYYY-MM}. */
    public static List<Group> monthly(QuerySession session, ReportFilter filter) throws SQLException {
        return grouped(session, filter.variables(), MONTHLY_SQL, "month", null);
    }

    /** The SQL of the period reports per person or machine. */
    public static final String BY_PARTY_SQL = "period-by-party.sql";

    /** The periods a report per person or machine can group by. */
    public enum Period { day, week, month }

    /** The variables of {@link #BY_PARTY_SQL}: the filter, the period, the first day of a week and the party. */
    public static SqlVariables byPartyVariables(ReportFilter filter, Period period, DayOfWeek firstDay,
            String party) {
        return weeklyVariables(filter, firstDay).text("period", period.name()).text("party", party);
    }

    /**
     * Per period and person ({@code party} "user") or machine ("host"): one group per pair, periods in order; the
     * group's {@link Group#project()} holds the person's or machine's name.
     */
    public static List<Group> byParty(QuerySession session, SqlVariables variables) throws SQLException {
        return grouped(session, variables, BY_PARTY_SQL, "period", "party");
    }

    /** {@code within}: the column of a second key inside each period (kept in the group's project), or null. */
    private static List<Group> grouped(QuerySession session, SqlVariables variables, String resource,
            String keyColumn, String within) throws SQLException {
        variables.apply(session);
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        try (ResultSet rs = session.query(QuerySession.resource(resource))) {
            while (rs.next()) {
                String key = rs.getString(keyColumn);
                String project = within != null ? rs.getString(within) : null;
                groups.computeIfAbsent(Arrays.asList(key, project), k -> new Group(key, project, null, null)).add(rs);
            }
        }
        return new ArrayList<>(groups.values());
    }

    public static List<Group> sessions(QuerySession session, ReportFilter filter) throws SQLException {
        return sessions(session, filter, null);
    }

    /** The sessions, or only the one of {@code only} (null: all). */
    public static List<Group> sessions(QuerySession session, ReportFilter filter, String only) throws SQLException {
        filter.variables().text("session_id", only).apply(session);
        Map<String, Group> groups = new LinkedHashMap<>();
        try (ResultSet rs = session.query(QuerySession.resource("session.sql"))) {
            while (rs.next()) {
                String id = rs.getString("session_id");
                Instant first = rs.getObject("first_ts", java.time.OffsetDateTime.class).toInstant();
                Instant last = rs.getObject("last_ts", java.time.OffsetDateTime.class).toInstant();
                String project = rs.getString("project");
                groups.computeIfAbsent(id, k -> new Group(k, project, first, last)).add(rs);
            }
        }
        return new ArrayList<>(groups.values());
    }

    /** One turn of a session, as {@code ccusage session --id} lists it; {@code cost} null when unpriced. */
    public record Entry(Instant timestamp, String model, long inputTokens, long outputTokens,
            long cacheCreationTokens, long cacheReadTokens, Double cost) {
    }

    /** The turns of one session in time order (the period and model filters apply; the agent filter too). */
    public static List<Entry> entries(QuerySession session, ReportFilter filter, String id) throws SQLException {
        filter.variables().text("session_id", id).apply(session);
        List<Entry> entries = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT ts, model, input_tokens, output_tokens, cache_write_5m_tokens"
                + " + cache_write_1h_tokens AS cache_creation_tokens, cache_read_tokens, cost_usd FROM turns"
                + " WHERE session_id = getvariable('session_id') AND model_matches(model)"
                + " ORDER BY ts, file, line_offset")) {
            while (rs.next()) {
                double cost = rs.getDouble("cost_usd");
                Double priced = rs.wasNull() || Double.isNaN(cost) ? null : cost;
                entries.add(new Entry(rs.getObject("ts", java.time.OffsetDateTime.class).toInstant(),
                        rs.getString("model"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                        rs.getLong("cache_creation_tokens"), rs.getLong("cache_read_tokens"), priced));
            }
        }
        return entries;
    }

    /** The sum over groups, for a totals line. */
    public static ModelUsage totals(List<Group> groups) {
        List<ModelUsage> all = new ArrayList<>();
        for (Group g : groups) {
            all.addAll(g.models());
        }
        return sum("total", all);
    }

    /** Models without a price among the groups: name, turns, tokens. */
    public static List<ModelUsage> unpriced(List<Group> groups) {
        Map<String, ModelUsage> byModel = new LinkedHashMap<>();
        for (Group g : groups) {
            for (ModelUsage m : g.models()) {
                if (m.unpricedTurns() > 0) {
                    String name = m.model() == null ? "(no model)" : m.model();
                    ModelUsage previous = byModel.get(name);
                    byModel.put(name, previous == null ? m : sum(name, List.of(previous, m)));
                }
            }
        }
        return new ArrayList<>(byModel.values());
    }

    private static ModelUsage usage(ResultSet rs) throws SQLException {
        return new ModelUsage(rs.getString("model"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_write_5m_tokens"), rs.getLong("cache_write_1h_tokens"),
                rs.getLong("cache_read_tokens"), rs.getLong("reasoning_tokens"), Results.moneyOrZero(rs, "cost_usd"),
                Results.moneyOrZero(rs, "cost_web_search_usd"),
                rs.getLong("turns"), rs.getLong("unpriced_turns"));
    }


    private static ModelUsage sum(String name, List<ModelUsage> parts) {
        long in = 0;
        long out = 0;
        long w5 = 0;
        long w1 = 0;
        long read = 0;
        long reasoning = 0;
        double cost = 0;
        double web = 0;
        long turns = 0;
        long unpriced = 0;
        for (ModelUsage m : parts) {
            in += m.inputTokens();
            out += m.outputTokens();
            w5 += m.cacheWrite5mTokens();
            w1 += m.cacheWrite1hTokens();
            read += m.cacheReadTokens();
            reasoning += m.reasoningTokens();
            cost += m.cost();
            web += m.webSearchCost();
            turns += m.turns();
            unpriced += m.unpricedTurns();
        }
        return new ModelUsage(name, in, out, w5, w1, read, reasoning, cost, web, turns, unpriced);
    }
}
