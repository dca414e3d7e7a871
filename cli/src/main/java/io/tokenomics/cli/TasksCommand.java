package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import picocli.CommandLine.Command;

@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = {"Tasks: a task is a human prompt and every turn (sub-agents included) until the next prompt. "
                + "Cost per task, its distribution, the costliest tasks.",
            "--since/--until go by the day of the prompt."},
        footer = {"", "Examples:", "  tokenomics tasks --since 2026-10-01",
            "  tokenomics sql \"SELECT * FROM tasks ORDER BY cost_usd DESC LIMIT 20\""})
final class TasksCommand extends SectionedCommand {
    static final String SQL = "tasks.sql";

    @Override
    public Integer call() throws Exception {
        SectionedReport report = report();
        return report.run(ReportSql.load(SQL), report.variables());
    }
}
