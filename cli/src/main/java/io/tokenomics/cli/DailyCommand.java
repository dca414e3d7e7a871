package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.UsageReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "daily", mixinStandardHelpOptions = true,
        description = "Tokens and cost per day, with the models used.",
        footer = {"", "Examples:", "  tokenomics daily --since 2026-10-01 --tz Europe/Berlin",
            "  tokenomics daily --json --no-refresh > daily.json   # same shape as ccusage claude daily --json"})
final class DailyCommand implements Callable<Integer> {
    @Mixin
    ReportOptions options;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            List<UsageReport.Group> days = UsageReport.daily(session, options.filter());
            if (options.json) {
                UsageOutput.json(out, days, "daily", "date");
            } else if (options.csv) {
                UsageOutput.csv(out, days, "date");
            } else {
                UsageOutput.table(out, days, "Date", false);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
