package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.UsageReport;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "session", mixinStandardHelpOptions = true,
        description = "Tokens and cost per session (by the sessionId of the lines), with project, first and last "
            + "activity.",
        footer = {"", "Examples:", "  tokenomics session --since 2026-10-01",
            "  tokenomics session --json   # same shape as ccusage claude session --json"})
final class SessionCommand implements Callable<Integer> {
    @Mixin
    ReportOptions options;

    @Mixin
    UsageOptions usage;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            List<UsageReport.Group> sessions = UsageOutput.ordered(UsageReport.sessions(session, options.filter()),
                    usage.descending());
            if (options.json) {
                UsageOutput.json(out, sessions, "sessions", "sessionId");
            } else if (options.csv) {
                UsageOutput.csv(out, sessions, "session_id");
            } else {
                Palette palette = Palette.terminal();
                UsageOutput.title(out, "Tokens and cost per session, by last activity", options.zone(), palette);
                UsageOutput.sessionTable(out, sessions, options.zone(), usage.room(options), palette);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("query failed: " + e.getMessage(), e);
        }
        out.flush();
        return 0;
    }
}
