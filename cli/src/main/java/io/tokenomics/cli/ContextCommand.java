package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import picocli.CommandLine.Command;

@Command(name = "context", mixinStandardHelpOptions = true,
        description = {"Context growth: per session the growth multiplier (sum of the main thread's prompt sizes / "
                + "(turns x first prompt size)), the largest prompt and the compactions; their distribution; the "
                + "sessions whose prompts grew the most.",
            "Sessions are whole sessions: --project and --model choose them, --since/--until go by their last "
                + "activity."},
        footer = {"", "Examples:", "  tokenomics context --project '%%api%%'",
            "  tokenomics context --section worst_sessions --top 25 --json"})
final class ContextCommand extends SectionedCommand {
    static final String SQL = "context.sql";

    @Override
    public Integer call() throws Exception {
        SectionedReport report = report();
        return report.run(ReportSql.load(SQL), report.variables(),
                "A growth multiplier of 10 means the average turn resent ten times the first prompt.");
    }
}
