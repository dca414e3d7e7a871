package io.tokenomics.cli;

import io.tokenomics.query.ReportSql;
import picocli.CommandLine.Command;

@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Prompt cache: hit ratio (cache read / whole prompt) in total and per day, model and project; "
                + "the 5 m / 1 h write mix; mid-session cache misses, what caused them (idle_expiry, model_switch, "
                + "memory_edit, skill_load, unexplained), per session, and what each cost beyond a cache read."},
        footer = {"", "Examples:", "  tokenomics cache --since 2026-10-01 --model '%%opus%%'",
            "  tokenomics cache --section misses --top 50 --csv > misses.csv",
            "  tokenomics cache --section causes",
            "  tokenomics sql \"SELECT cause, count(*) FROM cache_misses GROUP BY cause\""})
final class CacheCommand extends SectionedCommand {
    static final String SQL = "cache.sql";

    @Override
    public Integer call() throws Exception {
        SectionedReport report = report();
        return report.run(ReportSql.load(SQL), report.variables(),
                "A miss: a turn whose cache read fell below half of the previous prompt of its thread while the "
                        + "prompt stayed above 10k tokens,",
                "with no compaction in between (the rule is in views.sql, view thread_turns). Miss cost: the "
                        + "tokens that could have been read, at the write price minus the read price.");
    }
}
