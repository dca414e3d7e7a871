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
            "  tokenomics session --json   # same shape as ccusage claude session --json",
            "  tokenomics session --id 0e97512f-6a73-45c9-bd6f-0d2bb2bcaa09 --json"})
final class SessionCommand implements Callable<Integer> {
    @Mixin
    ReportOptions options;

    @Mixin
    UsageOptions usage;

    @picocli.CommandLine.Option(names = {"-i", "--id"}, paramLabel = "SESSION",
            description = "One session: its models and, with --json, its turns (as ccusage session --id).")
    String id;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            List<UsageReport.Group> sessions = UsageOutput.ordered(UsageReport.sessions(session, options.filter(),
                    id), usage.descending());
            if (id != null && sessions.isEmpty()) {
                throw new NoDataException("no session " + id + " (in the period and filters given)");
            }
            if (id != null && options.json) {
                UsageOutput.jsonSession(out, sessions.get(0), UsageReport.entries(session, options.filter(), id));
            } else if (id != null && !options.csv) {
                Palette palette = Palette.terminal();
                UsageOutput.title(out, "Session " + id, options.zone(), palette);
                UsageOutput.periodTable(out, sessions, "Session", false, true, false, usage.room(options), palette);
            } else if (options.json && options.codexOnly()) {
                UsageOutput.jsonCodex(out, sessions, "sessions", "sessionId");
            } else if (options.json) {
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
