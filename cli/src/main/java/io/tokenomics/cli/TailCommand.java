package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import picocli.CommandLine.Command;

@Command(name = "tail", mixinStandardHelpOptions = true,
        description = {"How spend is distributed: percentiles of session cost, turns, tokens and duration and of turn "
                + "cost; the share of spend in the costliest 1 %%, 5 %% and 10 %%; the costliest sessions and turns "
                + "with the token class that dominated their cost.",
            "Sessions are whole sessions: --project and --model choose them, --since/--until go by their last "
                + "activity."},
        footer = {"", "Examples:", "  tokenomics tail --since 2026-10-01",
            "  tokenomics tail --section concentration --csv",
            "  tokenomics tail --show-sql > tail.sql   # then: tokenomics sql -f tail.sql"})
final class TailCommand extends SectionedCommand {
    static final String SQL = "tail.sql";

    @Override
    public Integer call() throws Exception {
        SectionedReport report = report();
        return report.run(ReportSql.load(SQL), report.variables(),
                "Percentiles interpolate (quantile_cont); unpriced sessions and turns are left out of the costs.");
    }
}
