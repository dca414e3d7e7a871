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

@Command(name = "monthly", mixinStandardHelpOptions = true,
        description = "Tokens and cost per calendar month, with the models used.",
        footer = {"", "Examples:", "  tokenomics monthly --breakdown",
            "  tokenomics monthly --json   # same shape as ccusage claude monthly --json"})
final class MonthlyCommand implements Callable<Integer> {
    @Mixin
    ReportOptions options;

    @Mixin
    ShowSqlOption showSql;

    @Mixin
    UsageOptions usage;

    @Option(names = {"-b", "--breakdown"}, description = "A row per model under each month.")
    boolean breakdown;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (options.team.by != null) {
            return PartyReport.run(spec, options, showSql, usage, UsageReport.Period.month,
                    java.time.DayOfWeek.SUNDAY, breakdown);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (showSql.print(out, spec.name(), options.filter().variables(),
                QuerySession.resource(UsageReport.MONTHLY_SQL))) {
            return 0;
        }
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            List<UsageReport.Group> months = UsageOutput.ordered(UsageReport.monthly(session, options.filter()),
                    usage.descending());
            if (options.json && options.codexOnly()) {
                UsageOutput.jsonCodex(out, months, "monthly", "month");
            } else if (options.json) {
                UsageOutput.json(out, months, "monthly", "month");
            } else if (options.csv) {
                UsageOutput.csv(out, months, "month");
            } else {
                Palette palette = Palette.terminal();
                UsageOutput.title(out, "Tokens and cost per month", options.zone(), palette);
                UsageOutput.periodTable(out, months, "Month", false, breakdown, false, usage.room(options), palette);
            }
        }
        out.flush();
        return 0;
    }
}
