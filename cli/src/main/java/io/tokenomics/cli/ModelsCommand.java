package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportSql;
import io.tokenomics.query.ReportTable;
import io.tokenomics.query.SqlVariables;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

/**
 * The {@code models} report. Its sections are the usage by model from {@code models.sql}; a section computed
 * elsewhere (say, from the price table) is added to {@code tables} in {@link #call} and is printed, filtered by
 * {@code --section} and written to JSON and CSV like the others.
 */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = {"Models: spend, turns and tokens per model; sessions that switch model on their main thread "
                + "(plan with one, execute with another) against sessions that stay with one, and the switches "
                + "that cost the most; turns and cost per task by planner (the model of a session's first task) "
                + "and executor (of its later tasks), per project."},
        footer = {"", "Examples:", "  tokenomics models --since 2026-10-01",
            "  tokenomics models --section switching --json",
            "  tokenomics models --section plan_execute --project shop",
            "  # models without a price, their turns and tokens", "  tokenomics models --unpriced",
            "  tokenomics models --section pricing --pricing litellm.json"})
final class ModelsCommand extends SectionedCommand {
    static final String USAGE_SQL = "models.sql";

    @picocli.CommandLine.Option(names = "--unpriced",
            description = "Only the models that have no price: name, turns, tokens.")
    boolean unpriced;

    @Override
    public Integer call() throws Exception {
        SectionedReport report = report();
        ReportSql usage = ReportSql.load(USAGE_SQL);
        SqlVariables variables = report.variables();
        if (report.showSql(usage, variables)) {
            return 0;
        }
        List<ReportTable> tables = new ArrayList<>();
        try (QuerySession session = report.open()) {
            if (!unpriced) {
                tables.addAll(usage.run(session, variables));
            }
            variables.apply(session);
            tables.add(pricing(session));
        }
        report.print(tables, "A session switches model when its main thread used more than one (sub-agents on "
                + "another model are no switch).");
        return 0;
    }

    /**
     * Each model seen, with the price-table entry it matched (exact name first, then dated, prefixed and suffixed
     * forms) and that entry's rates, or "unpriced": what a user checks when a cost looks wrong.
     */
    private ReportTable pricing(QuerySession session) throws java.sql.SQLException {
        io.tokenomics.columnar.PriceTable prices = options.settings.prices();
        List<List<Object>> rows = new ArrayList<>();
        try (java.sql.ResultSet rs = session.query("SELECT agent, model, count(*) AS turns, sum(input_tokens"
                + " + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens) AS tokens,"
                + " usd_sum(cost_usd) AS cost_usd, count(*) FILTER (WHERE cost_usd IS NULL) AS unpriced_turns"
                + " FROM turns WHERE (getvariable('since') IS NULL"
                + " OR CAST(ts AS DATE) >= getvariable('since')) AND (getvariable('until') IS NULL"
                + " OR CAST(ts AS DATE) <= getvariable('until')) GROUP BY ALL ORDER BY tokens DESC")) {
            while (rs.next()) {
                String model = rs.getString("model");
                int index = prices.indexOf(model);
                if (unpriced && index != io.tokenomics.columnar.PriceTable.UNPRICED) {
                    continue;
                }
                io.tokenomics.columnar.ModelPrice p = index >= 0 ? prices.price(index) : null;
                String entry = index == io.tokenomics.columnar.PriceTable.FREE ? "(placeholder, free)"
                        : p == null ? "unpriced" : p.name();
                rows.add(java.util.Arrays.asList(rs.getString("agent"), model == null ? "(no model)" : model,
                        rs.getLong("turns"), rs.getLong("tokens"),
                        p == null ? null : p.input() * 1e6, p == null ? null : p.output() * 1e6,
                        p == null ? null : p.cacheRead() * 1e6, entry,
                        // a model priced now but not when ingested has no cost: never shown as $0
                        p == null || rs.getLong("unpriced_turns") > 0 ? null
                                : io.tokenomics.query.Results.moneyOrZero(rs, "cost_usd")));
            }
        }
        return new ReportTable("pricing", unpriced ? "Models without a price (cost not counted)"
                : "Price entry matched by each model (" + prices.source() + " prices, USD per million tokens)",
                List.of("agent", "model", "turns", "tokens", "input_per_mtok", "output_per_mtok",
                    "cache_read_per_mtok", "price_entry", "cost_usd"), rows);
    }
}
