package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportSql;
import io.tokenomics.query.ReportTable;
import io.tokenomics.query.SqlVariables;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * The {@code models} report. Its sections are the usage by model from {@code models.sql}; a section computed
 * elsewhere (say, from the price table) is added to {@code tables} in {@link #call} and is printed, filtered by
 * {@code --section} and written to JSON and CSV like the others.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Models: spend, turns and tokens per model; sessions that switch model on their main thread "
                + "(plan with one, execute with another) against sessions that stay with one, and the switches "
                + "that cost the most."},
        footer = {"", "Examples:", "  tokenomics models --since 2026-10-01",
            "  tokenomics models --section switching --json"})
final class ModelsCommand implements Callable<Integer> {
    static final String USAGE_SQL = "models.sql";

    @Mixin
    ReportOptions options;

    @Mixin
    SectionOptions sections;

    @Mixin
    ShowSqlOption showSql;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        SectionedReport report = new SectionedReport(spec, options, sections, showSql);
        ReportSql usage = ReportSql.load(USAGE_SQL);
        SqlVariables variables = report.variables();
        if (report.showSql(usage, variables)) {
            return 0;
        }
        List<ReportTable> tables = new ArrayList<>();
        try (QuerySession session = report.open()) {
            tables.addAll(usage.run(session, variables));
        }
        report.print(tables, "A session switches model when its main thread used more than one (sub-agents on "
                + "another model are no switch).");
        return 0;
    }
}
