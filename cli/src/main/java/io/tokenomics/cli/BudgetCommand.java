package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import io.tokenomics.query.SqlVariables;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "budget", mixinStandardHelpOptions = true,
        description = {"Spend against budgets: per day with its 7-day rolling average and the days above twice it; "
                + "the sessions above --session-limit; the month to date (the month of --until, default today) "
                + "against --monthly-budget, and where the month is heading at its daily average so far."},
        footer = {"", "Examples:", "  tokenomics budget --monthly-budget 500 --session-limit 20",
            "  tokenomics budget --section days --csv > days.csv"})
final class BudgetCommand extends SectionedCommand {
    static final String SQL = "budget.sql";
    private static final String OVER_LIMIT = "sessions_over_limit";

    @Option(names = "--session-limit", paramLabel = "USD",
            description = "List the sessions that cost more (default: budget.session-limit in the config file).")
    Double sessionLimit;

    @Option(names = "--monthly-budget", paramLabel = "USD",
            description = "Compare the month to date and its projection with this budget (default: budget.monthly "
                    + "in the config file).")
    Double monthlyBudget;

    @Override
    public Integer call() throws Exception {
        if ((sessionLimit != null && !(sessionLimit >= 0)) || (monthlyBudget != null && !(monthlyBudget > 0))) {
            throw new UserException("--session-limit must be at least 0 and --monthly-budget above 0");
        }
        SectionedReport report = report();
        SqlVariables variables = report.variables().decimal("session_limit", sessionLimit)
                .decimal("monthly_budget", monthlyBudget);
        ReportSql sql = ReportSql.load(SQL);
        if (sessionLimit == null) {
            // without a limit the section would only say "none"
            Set<String> kept = new LinkedHashSet<>(sql.sectionNames());
            kept.remove(OVER_LIMIT);
            sql = sql.only(kept);
        }
        return report.run(sql, variables,
                "Rolling average: the mean of the 7 calendar days ending with the day (days without use count as "
                        + "$0); a spike is a day above twice it.");
    }
}
