package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import picocli.CommandLine.Command;

@Command(name = "tools", mixinStandardHelpOptions = true,
        description = {"Tool calls: per tool the calls, result bytes and estimated tokens, error rate, and the cost "
                + "of carrying the results in later prompts; the largest single results."},
        footer = {"", "Examples:", "  tokenomics tools --since 2026-10-01",
            "  tokenomics tools --section largest_results --top 20"})
final class ToolsCommand extends SectionedCommand {
    static final String SQL = "tools.sql";

    @Override
    public Integer call() throws Exception {
        SectionedReport report = report();
        return report.run(ReportSql.load(SQL), report.variables(),
                "Tokens are estimated as bytes / 4. Carry cost: each later turn of the thread, up to the next "
                        + "compaction, pays for a result in proportion to its share of the prompt.");
    }
}
