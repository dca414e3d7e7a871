package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Prompt cache: hit ratio (cache read / whole prompt) in total and per day, model and project; "
                + "the 5 m / 1 h write mix; mid-session cache misses, per session, and what each cost beyond a "
                + "cache read."},
        footer = {"", "Examples:", "  tokenomics cache --since 2026-10-01 --model '%%opus%%'",
            "  tokenomics cache --section misses --top 50 --csv > misses.csv",
            "  tokenomics sql \"SELECT * FROM thread_turns WHERE cache_miss\"   # every miss"})
final class CacheCommand implements Callable<Integer> {
    static final String SQL = "cache.sql";

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
                "A miss: a turn whose cache read fell below half of the previous prompt of its thread while the "
                        + "prompt stayed above 10k tokens,",
                "with no compaction in between (the rule is in views.sql, view thread_turns). Miss cost: the "
                        + "tokens that could have been read, at the write price minus the read price.");
    }
}
