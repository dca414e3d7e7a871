package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import picocli.CommandLine.Command;

@Command(name = "commits", mixinStandardHelpOptions = true,
        description = {"Cost per commit: a Bash call that runs git commit closes the span of its session's turns "
                + "since the previous commit. Cost per commit in total, per git branch and per session; the "
                + "costliest commits; the spend no commit followed.",
            "--since/--until go by the day of the commit; --model does not apply."},
        footer = {"", "Examples:", "  tokenomics commits --since 2026-10-01",
            "  tokenomics commits --section branches --csv",
            "  tokenomics sql \"SELECT * FROM commits ORDER BY cost_usd DESC\""})
final class CommitsCommand extends SectionedCommand {
    static final String SQL = "commits.sql";

    @Override
    public Integer call() throws Exception {
        SectionedReport report = report();
        return report.run(ReportSql.load(SQL), report.variables(),
                "A commit: a Bash call whose git subcommand is commit and whose result is no error (tool_uses, "
                        + "git_subcommand). Only the words are kept, never the command line.");
    }
}
