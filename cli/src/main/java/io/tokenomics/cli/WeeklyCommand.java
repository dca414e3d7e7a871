package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.UsageReport;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "weekly", mixinStandardHelpOptions = true,
        description = "Tokens and cost per week (from --start-of-week, default Sunday as ccusage), with the models "
                + "used.",
        footer = {"", "Examples:", "  tokenomics weekly --start-of-week monday --breakdown",
            "  tokenomics weekly --json   # same shape as ccusage claude weekly --json"})
final class WeeklyCommand implements Callable<Integer> {
    @Mixin
    ReportOptions options;

    @Mixin
    ShowSqlOption showSql;

    @Mixin
    UsageOptions usage;

    @Option(names = {"-w", "--start-of-week"}, paramLabel = "DAY", defaultValue = "sunday",
            converter = DayConverter.class, description = "First day of a week: sunday ... saturday (default: sunday).")
    DayOfWeek startOfWeek;

    @Option(names = {"-b", "--breakdown"}, description = "A row per model under each week.")
    boolean breakdown;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (options.team.by != null) {
            return PartyReport.run(spec, options, showSql, usage, UsageReport.Period.week, startOfWeek, breakdown);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (showSql.print(out, spec.name(), UsageReport.weeklyVariables(options.filter(), startOfWeek),
                QuerySession.resource(UsageReport.WEEKLY_SQL))) {
            return 0;
        }
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            List<UsageReport.Group> weeks = UsageOutput.ordered(
                    UsageReport.weekly(session, options.filter(), startOfWeek), usage.descending());
            if (options.json && options.codexOnly()) {
                UsageOutput.jsonCodex(out, weeks, "weekly", "week");
            } else if (options.json) {
                UsageOutput.json(out, weeks, "weekly", "week");
            } else if (options.csv) {
                UsageOutput.csv(out, weeks, "week");
            } else {
                Palette palette = Palette.terminal();
                UsageOutput.title(out, "Tokens and cost per week", options.zone(), palette);
                UsageOutput.periodTable(out, weeks, "Week", false, breakdown, false, usage.room(options), palette);
            }
        }
        out.flush();
        return 0;
    }

    /** Reads a day name in any case. */
    static final class DayConverter implements CommandLine.ITypeConverter<DayOfWeek> {
        @Override
        public DayOfWeek convert(String value) {
            try {
                return DayOfWeek.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a day (sunday ... saturday)");
            }
        }
    }
}
