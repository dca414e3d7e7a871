package io.tokenomics.query;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * The filters every report takes, passed to its SQL as DuckDB variables ({@code getvariable('since')}), so the same
 * SQL file runs unchanged in {@code tokenomics sql} after a {@code SET VARIABLE}.
 *
 * @param since first day, inclusive, in the report time zone; null for no bound
 * @param until last day, inclusive; null for no bound
 * @param project a project name or LIKE pattern; null for all
 * @param model a model name or LIKE pattern; null for all
 * @param agents the agents whose rows count ({@code claude}, {@code codex}, ...); null for all. Applied by the table
 *     views themselves ({@link QuerySession#AGENT_FILTER}), so every report and every query of a session honours it.
 */
public record ReportFilter(LocalDate since, LocalDate until, String project, String model, List<String> agents) {
    public static final ReportFilter NONE = new ReportFilter(null, null, null, null, null);

    public ReportFilter {
        agents = agents == null ? null : List.copyOf(agents);
    }

    /** A filter for every agent. */
    public ReportFilter(LocalDate since, LocalDate until, String project, String model) {
        this(since, until, project, model, null);
    }

    /** Sets the variables on the session's connection. */
    public void apply(QuerySession session) throws SQLException {
        variables().apply(session);
    }

    /** The filter as variables, to which a report adds its own. */
    public SqlVariables variables() {
        return new SqlVariables().date("since", since).date("until", until).text("project", project)
                .text("model", model).texts("agent", agents);
    }
}
