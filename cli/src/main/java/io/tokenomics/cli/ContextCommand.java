package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "context", mixinStandardHelpOptions = true,
        description = {"Context growth: per session the growth multiplier (sum of the main thread's prompt sizes / "
                + "(turns x first prompt size)), the largest prompt and the compactions; their distribution; the "
                + "sessions whose prompts grew the most.",
            "Sessions are whole sessions: --project and --model choose them, --since/--until go by their last "
                + "activity."},
        footer = {"", "Examples:", "  tokenomics context --project '%%api%%'",
            "  tokenomics context --section worst_sessions --top 25 --json"})
final class ContextCommand implements Callable<Integer> {
    static final String SQL = "context.sql";

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
        return report.run(ReportSql.load(SQL), report.variables(),
                "A growth multiplier of 10 means the average turn resent ten times the first prompt.");
    }
}
