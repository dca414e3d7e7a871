package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportFilter;
import io.tokenomics.query.ReportSql;
import io.tokenomics.query.ReportTable;
import io.tokenomics.query.SqlVariables;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The figures of the dashboard as one JSON document: each key holds the rows of one section of a report's SQL
 * (objects keyed by column name, as {@code --json} prints them), plus {@code meta} (time zone, filters, when and by
 * which version). The sections are those the reports print, so every chart can be checked against a report; the
 * dashboard's own sections (header totals, spend per day and model, histograms) are in {@code dashboard.sql}.
 */
final class DashboardData {
    static final String SQL = "dashboard.sql";
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    /** One key of the document: the section {@code section} of the report SQL {@code resource}. */
    private record Source(String key, String resource, String section) {
    }

    private static final List<Source> SOURCES = List.of(
            new Source("totals", SQL, "totals"),
            new Source("days", BudgetCommand.SQL, "days"),
            new Source("model_days", SQL, "model_days"),
            new Source("agents", SQL, "agents"),
            new Source("session_cost_bins", SQL, "session_cost_bins"),
            new Source("session_percentiles", TailCommand.SQL, "sessions"),
            new Source("costliest_sessions", TailCommand.SQL, "costliest_sessions"),
            new Source("cache", CacheCommand.SQL, "hit_ratio"),
            new Source("miss_causes", CacheCommand.SQL, "cause_days"),
            new Source("loops", TasksCommand.SQL, "loops"),
            new Source("growth_bins", SQL, "growth_bins"),
            new Source("growth_percentiles", ContextCommand.SQL, "distribution"),
            new Source("tools", ToolsCommand.SQL, "by_tool"),
            new Source("models", ModelsCommand.USAGE_SQL, "by_model"),
            new Source("people", SQL, "people"));

    private DashboardData() {
    }

    /** Runs every section with the filter and {@code top} (the length of the list of costliest sessions). */
    static ObjectNode read(QuerySession session, ReportFilter filter, long top, ZoneId zone, String version)
            throws SQLException {
        SqlVariables variables = filter.variables().integer("top", top);
        ObjectNode root = JsonText.NODES.objectNode();
        ObjectNode meta = root.putObject("meta");
        meta.put("zone", zone.getId());
        meta.put("generated", GENERATED.format(Instant.now().atZone(zone)));
        meta.put("version", version);
        meta.put("top", top);
        ObjectNode filters = meta.putObject("filters");
        put(filters, "since", filter.since());
        put(filters, "until", filter.until());
        put(filters, "project", filter.project());
        put(filters, "model", filter.model());
        put(filters, "agent", filter.agents() == null ? null : String.join(",", filter.agents()));
        for (Source source : SOURCES) {
            ReportSql sql = ReportSql.load(source.resource()).only(Set.of(source.section()));
            ReportTable table = sql.run(session, variables).get(0);
            root.set(source.key(), SectionOutput.rows(table));
        }
        return root;
    }

    private static void put(ObjectNode node, String name, Object value) {
        if (value == null) {
            node.putNull(name);
        } else {
            node.put(name, value.toString());
        }
    }
}
