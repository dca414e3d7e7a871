package io.tokenomics.query;

import java.sql.SQLException;
import java.time.LocalDate;

/**
 * The filters every report takes, passed to its SQL as DuckDB variables ({@code getvariable('since')}), so the same
 * SQL file runs unchanged in {@code tokenomics sql} after a {@code SET VARIABLE}.
 *
 * @param since first day, inclusive, in the report time zone; null for no bound
 * @param until last day, inclusive; null for no bound
 * @param project a project name or LIKE pattern; null for all
 * @param model a model name or LIKE pattern; null for all
 * @param agent {@code claude} or {@code codex}; null for both. Applied by the table views themselves (see
 *     {@link QuerySession}), so every report and every query of a session honours it.
 */
public record ReportFilter(LocalDate since, LocalDate until, String project, String model, String agent) {
    public static final ReportFilter NONE = new ReportFilter(null, null, null, null, null);

    /** A filter for both agents. */
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
                .text("model", model).text("agent", agent);
    }
}
