package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import picocli.CommandLine.Command;

@Command(name = "tasks", mixinStandardHelpOptions = true,
        description = {"Tasks: a task is a human prompt and every turn (sub-agents included) until the next prompt. "
                + "Cost per task, its distribution, the costliest tasks; tasks by corrective loops (edits of a file "
                + "already edited in the task) and the share of spend debug spirals (3 or more loops) take, by "
                + "model.",
            "--since/--until go by the day of the prompt."},
        footer = {"", "Examples:", "  tokenomics tasks --since 2026-10-01",
            "  tokenomics tasks --section spirals",
            "  tokenomics sql \"SELECT * FROM task_loops WHERE is_spiral\""})
final class TasksCommand extends SectionedCommand {
    static final String SQL = "tasks.sql";

    @Override
    public Integer call() throws Exception {
        SectionedReport report = report();
        return report.run(ReportSql.load(SQL), report.variables());
    }
}
