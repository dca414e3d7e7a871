package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.UsageReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "daily", mixinStandardHelpOptions = true,
        description = "Tokens and cost per day, with the models used.",
        footer = {"", "Examples:", "  tokenomics daily --since 2026-10-01 --tz Europe/Berlin",
            "  # per project, then per model, inside each day", "  tokenomics daily --instances --breakdown",
            "  # the same shape as ccusage claude daily --json",
            "  tokenomics daily --json --no-refresh > daily.json"})
final class DailyCommand implements Callable<Integer> {
    @Mixin
    ReportOptions options;

    @Mixin
    ShowSqlOption showSql;

    @Mixin
    UsageOptions usage;

    @Option(names = {"-i", "--instances"},
            description = "A row per project inside each day (JSON: grouped under 'projects', as ccusage does).")
    boolean instances;

    @Option(names = {"-b", "--breakdown"}, description = "A row per model under each day (or project).")
    boolean breakdown;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (options.team.by != null) {
            return PartyReport.run(spec, options, showSql, usage, UsageReport.Period.day,
                    java.time.DayOfWeek.SUNDAY, breakdown);
        }
        PrintWriter out = spec.commandLine().getOut();
        String resource = instances ? UsageReport.DAILY_BY_PROJECT_SQL : "daily.sql";
        if (showSql.print(out, spec.name(), options.filter().variables(), QuerySession.resource(resource))) {
            return 0;
        }
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            List<UsageReport.Group> days = UsageOutput.ordered(instances
                    ? UsageReport.dailyByProject(session, options.filter())
                    : UsageReport.daily(session, options.filter()), usage.descending());
            if (options.json && instances) {
                UsageOutput.jsonByProject(out, days, "date");
            } else if (options.json && options.codexOnly()) {
                UsageOutput.jsonCodex(out, days, "daily", "date");
            } else if (options.json) {
                UsageOutput.json(out, days, "daily", "date");
            } else if (options.csv) {
                UsageOutput.csv(out, days, "date");
            } else {
                Palette palette = Palette.terminal();
                UsageOutput.title(out, instances ? "Tokens and cost per day and project" : "Tokens and cost per day",
                        options.zone(), palette);
                UsageOutput.periodTable(out, days, "Date", instances, breakdown, !instances, usage.room(options),
                        palette);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
