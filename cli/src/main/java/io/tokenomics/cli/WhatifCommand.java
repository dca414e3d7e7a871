package io.tokenomics.cli;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.query.LocalCost;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.WhatIf;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = "What the same turns would have cost with another model, another model per phase of each "
                + "session, a self-hosted model or another cache policy, by model (or by session) and in total.",
        footer = {"", "Examples:", "  tokenomics whatif --as claude-sonnet-4-5          # everything on Sonnet 4.5",
            "  tokenomics whatif --as claude-haiku-4-5 --from '%%opus%%'",
            "  tokenomics whatif --route \"opus=sonnet,haiku=haiku\"",
            "  tokenomics whatif --plan-with opus --execute-with sonnet",
            "  tokenomics whatif --route haiku=local --local-cost-per-hour 2.50 \\",
            "      --local-tokens-per-second 40            # self-hosted, per hour",
            "  tokenomics whatif --route 'claude-haiku-*=local' \\",
            "      --local-input-per-million 0.05 --local-output-per-million 0.20",
            "  tokenomics whatif --cache-ttl none               # no prompt caching at all",
            "  tokenomics whatif --cache-ttl 1h                 # 1-hour writes, fewer misses"})
final class WhatifCommand implements Callable<Integer> {
    @Mixin
    ReportOptions options;

    @Option(names = "--as", paramLabel = "MODEL", description = "Price the selected turns as this model.")
    String as;

    @Option(names = "--from", paramLabel = "PATTERN",
            description = "Only reprice models matching this LIKE pattern with --as (default: all).")
    String from;

    @Option(names = "--route", paramLabel = "RULES",
            description = "Routing rules PATTERN=TARGET, comma-separated or repeated, the first that matches wins; "
                    + "PATTERN is a part of the model name or a glob of all of it (* and ?), TARGET a model, opus, "
                    + "sonnet, haiku, or local (a self-hosted model at the --local-* cost).")
    List<String> route;

    @Option(names = "--plan-with", paramLabel = "MODEL",
            description = "Price each session's planner turns (those of its first task) as this model.")
    String planWith;

    @Option(names = "--execute-with", paramLabel = "MODEL",
            description = "Price each session's executor turns (those of its later tasks) as this model.")
    String executeWith;

    @Option(names = "--local-cost-per-hour", paramLabel = "USD",
            description = "What the self-hosted model costs an hour of generation; needs --local-tokens-per-second.")
    Double localCostPerHour;

    @Option(names = "--local-tokens-per-second", paramLabel = "N",
            description = "The self-hosted model's output speed: the hours charged are the routed turns' output "
                    + "tokens at this speed.")
    Double localTokensPerSecond;

    @Option(names = "--local-input-per-million", paramLabel = "USD",
            description = "What the self-hosted model costs per million prompt tokens (input, cache writes and "
                    + "reads alike; default 0).")
    Double localInputPerMillion;

    @Option(names = "--local-output-per-million", paramLabel = "USD",
            description = "What the self-hosted model costs per million output tokens (default 0).")
    Double localOutputPerMillion;

    @Option(names = "--cache-ttl", paramLabel = "TTL", description = "5m, 1h or none (default: as recorded). 1h also "
            + "turns the idle cache misses a 1-hour cache avoids into cache reads.")
    String cacheTtl;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<WhatIf.Route> routes;
        WhatIf.CacheTtl ttl;
        try {
            routes = WhatIf.parseRoutes(route);
            ttl = cacheTtl == null ? WhatIf.CacheTtl.AS_RECORDED : WhatIf.CacheTtl.parse(cacheTtl);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        boolean byPhase = planWith != null || executeWith != null;
        if (byPhase && (as != null || from != null || !routes.isEmpty())) {
            throw new UserException("--plan-with and --execute-with price each session's phases; they do not combine"
                    + " with --as, --from or --route");
        }
        if (!byPhase && as == null && routes.isEmpty() && ttl == WhatIf.CacheTtl.AS_RECORDED) {
            throw new UserException("say what to change: --as MODEL, --route RULES, --plan-with/--execute-with MODEL"
                    + " or --cache-ttl 5m|1h|none");
        }
        var prices = options.settings.prices();
        checkPriced(prices, as, "--as");
        checkPriced(prices, planWith, "--plan-with");
        checkPriced(prices, executeWith, "--execute-with");
        for (WhatIf.Route r : routes) {
            if (!r.local()) {
                checkPriced(prices, r.target(), "--route " + r.pattern() + "=" + r.target());
            }
        }
        LocalCost local = localCost(routes.stream().anyMatch(WhatIf.Route::local));
        PrintWriter out = spec.commandLine().getOut();
        if (byPhase) {
            WhatIf.PhaseReport report;
            try (QuerySession session = options.open(spec.commandLine().getErr())) {
                report = WhatIf.runPhases(session, options.filter(), prices, planWith, executeWith, ttl);
            }
            PlanExecuteOutput.print(out, options, report, planWith == null ? null : WhatIf.resolve(planWith),
                    executeWith == null ? null : WhatIf.resolve(executeWith));
            out.flush();
            return 0;
        }
        List<WhatIf.Row> rows;
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            rows = WhatIf.run(session, options.filter(), prices, as, from, routes, local, ttl);
        }
        if (options.json) {
            json(out, rows, local);
        } else if (options.csv) {
            out.println("source_model,target_model,turns,tokens,actual_usd,counterfactual_usd,delta_usd,"
                    + "avoided_cache_misses,avoided_cache_miss_tokens");
            for (WhatIf.Row r : rows) {
                out.println(String.join(",", Csv.field(r.sourceModel()), Csv.field(r.targetModel()),
                        Long.toString(r.turns()), Long.toString(r.tokens()), usd(r.actualUsd()),
                        usd(r.counterfactualUsd()), usd(r.counterfactualUsd() - r.actualUsd()),
                        Long.toString(r.avoidedMisses()), Long.toString(r.avoidedMissTokens())));
            }
        } else {
            table(out, rows);
            if (local != null) {
                out.println(localAssumption(local, localOutputTokens(rows)));
            }
        }
        out.flush();
        return 0;
    }

    private static void checkPriced(PriceTable prices, String model, String option) {
        if (model != null && prices.indexOf(WhatIf.resolve(model)) == PriceTable.UNPRICED) {
            throw new UserException("no price for model '" + model + "' in " + option
                    + " (see tokenomics models, or pass --pricing FILE)");
        }
    }

    /**
     * The cost of the self-hosted model the routes to {@code local} name, from the --local-* options: one kind of
     * rate, each 0 or more; null when no route goes there.
     */
    private LocalCost localCost(boolean routedLocally) {
        boolean hourly = localCostPerHour != null || localTokensPerSecond != null;
        boolean perMillion = localInputPerMillion != null || localOutputPerMillion != null;
        if (hourly && perMillion) {
            throw new UserException("give the self-hosted cost per hour (--local-cost-per-hour) or per million tokens"
                    + " (--local-input-per-million, --local-output-per-million), not both");
        }
        if (!routedLocally) {
            if (hourly || perMillion) {
                throw new UserException("the --local-* rates price the turns routed to local: add --route "
                        + "PATTERN=local");
            }
            return null;
        }
        if (hourly) {
            if (localCostPerHour == null || localTokensPerSecond == null) {
                throw new UserException("--local-cost-per-hour and --local-tokens-per-second go together: the hours"
                        + " charged are the routed turns' output tokens at that speed");
            }
            return LocalCost.perHour(rate("--local-cost-per-hour", localCostPerHour),
                    speed(localTokensPerSecond));
        }
        if (!perMillion) {
            throw new UserException("a route to local needs its cost: --local-cost-per-hour USD with "
                    + "--local-tokens-per-second N, or --local-input-per-million and --local-output-per-million USD");
        }
        return LocalCost.perMillion(rate("--local-input-per-million", localInputPerMillion),
                rate("--local-output-per-million", localOutputPerMillion));
    }

    private static double rate(String option, Double value) {
        if (value == null) {
            return 0;
        }
        if (!(value >= 0) || value.isInfinite()) {
            throw new UserException(option + " " + value + ": a cost is a number of dollars, 0 or more");
        }
        return value;
    }

    private static double speed(double tokensPerSecond) {
        if (!(tokensPerSecond > 0) || Double.isInfinite(tokensPerSecond)) {
            throw new UserException("--local-tokens-per-second " + tokensPerSecond + ": a speed is more than 0");
        }
        return tokensPerSecond;
    }

    private static long localOutputTokens(List<WhatIf.Row> rows) {
        return rows.stream().filter(r -> WhatIf.LOCAL.equals(r.targetModel())).mapToLong(WhatIf.Row::outputTokens)
                .sum();
    }

    /** The line that says what a self-hosted model was assumed to cost. */
    private static String localAssumption(LocalCost local, long outputTokens) {
        if (local.hourly()) {
            return String.format(Locale.ROOT, "local: %s an hour for %.3f hours: the routed turns' %s output tokens at"
                    + " %s tokens/s (prompt processing and idle time not counted)",
                    UsageOutput.money(local.costPerHour()), local.hours(outputTokens),
                    UsageOutput.number(outputTokens), decimal(local.tokensPerSecond()));
        }
        return "local: prompt tokens (input, cache writes and reads) at " + plain(local.inputPerToken() * 1e6)
                + " per million, output tokens at " + plain(local.outputPerToken() * 1e6) + " per million";
    }

    private static String plain(double usd) {
        return "$" + decimal(usd);
    }

    private static String decimal(double value) {
        return new BigDecimal(Double.toString(value)).round(MathContext.DECIMAL64).stripTrailingZeros()
                .toPlainString();
    }

    /** Each source model and the total; a cost some of whose turns had no price is "-", never a partial sum. */
    private static void table(PrintWriter out, List<WhatIf.Row> rows) {
        List<String[]> lines = new ArrayList<>();
        double actual = 0;
        double counterfactual = 0;
        long turns = 0;
        long actualUnpriced = 0;
        long counterfactualUnpriced = 0;
        for (WhatIf.Row r : rows) {
            actual += r.actualUsd();
            counterfactual += r.counterfactualUsd();
            turns += r.turns();
            actualUnpriced += r.actualUnpricedTurns();
            counterfactualUnpriced += r.counterfactualUnpricedTurns();
            lines.add(new String[] {String.valueOf(r.sourceModel()), String.valueOf(r.targetModel()),
                UsageOutput.number(r.turns()), cost(r.actualUsd(), r.actualUnpricedTurns()),
                cost(r.counterfactualUsd(), r.counterfactualUnpricedTurns()),
                change(r.actualUsd(), r.counterfactualUsd(),
                        r.actualUnpricedTurns() + r.counterfactualUnpricedTurns())});
        }
        TextTable.print(out, new String[] {"Model", "Priced as", "Turns", "Actual", "What if", "Change"}, lines,
                new String[] {"Total", "", UsageOutput.number(turns), cost(actual, actualUnpriced),
                    cost(counterfactual, counterfactualUnpriced),
                    change(actual, counterfactual, actualUnpriced + counterfactualUnpriced)}, 2);
        long avoided = rows.stream().mapToLong(WhatIf.Row::avoidedMisses).sum();
        if (avoided > 0) {
            out.printf(Locale.ROOT, "1-hour cache: %s idle cache misses avoided (%s tokens read instead of written"
                    + " again)%n", UsageOutput.number(avoided),
                    UsageOutput.number(rows.stream().mapToLong(WhatIf.Row::avoidedMissTokens).sum()));
        }
        for (WhatIf.Row r : rows) {
            if (r.actualUnpricedTurns() > 0) {
                out.printf(Locale.ROOT, "unpriced: %s (%s): not in the price table, its actual cost shows -%n",
                        r.sourceModel(), UsageOutput.turns(r.actualUnpricedTurns()));
            }
            if (r.counterfactualUnpricedTurns() > 0 && r.actualUnpricedTurns() == 0) {
                out.printf(Locale.ROOT, "unpriced: %s (%s): no price for %s, its what-if cost shows -%n",
                        r.sourceModel(), UsageOutput.turns(r.counterfactualUnpricedTurns()), r.targetModel());
            }
        }
    }

    static String cost(double usd, long unpricedTurns) {
        return unpricedTurns > 0 ? "-" : UsageOutput.money(usd);
    }

    static String change(double actual, double counterfactual, long unpricedTurns) {
        return unpricedTurns > 0 ? "" : change(actual, counterfactual);
    }

    private static String change(double actual, double counterfactual) {
        if (actual == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (counterfactual - actual) / actual);
    }

    static String usd(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static void json(PrintWriter out, List<WhatIf.Row> rows, LocalCost local) throws Exception {
        var root = JsonText.NODES.objectNode();
        var list = root.putArray("models");
        double actual = 0;
        double counterfactual = 0;
        for (WhatIf.Row r : rows) {
            var node = list.addObject();
            node.put("sourceModel", r.sourceModel());
            node.put("targetModel", r.targetModel());
            node.put("turns", r.turns());
            node.put("totalTokens", r.tokens());
            node.put("outputTokens", r.outputTokens());
            node.put("actualCost", r.actualUsd());
            node.put("counterfactualCost", r.counterfactualUsd());
            node.put("unpricedTurns", r.counterfactualUnpricedTurns());
            node.put("actualUnpricedTurns", r.actualUnpricedTurns());
            node.put("avoidedCacheMisses", r.avoidedMisses());
            node.put("avoidedCacheMissTokens", r.avoidedMissTokens());
            actual += r.actualUsd();
            counterfactual += r.counterfactualUsd();
        }
        var totals = root.putObject("totals");
        totals.put("actualCost", actual);
        totals.put("counterfactualCost", counterfactual);
        if (local != null) {
            var assumed = root.putObject("local");
            if (local.hourly()) {
                long outputTokens = localOutputTokens(rows);
                assumed.put("costPerHour", local.costPerHour());
                assumed.put("tokensPerSecond", local.tokensPerSecond());
                assumed.put("outputTokens", outputTokens);
                assumed.put("hours", local.hours(outputTokens));
            } else {
                assumed.put("inputPerMillion", local.inputPerToken() * 1e6);
                assumed.put("outputPerMillion", local.outputPerToken() * 1e6);
            }
        }
        out.println(JsonText.pretty(root));
    }
}
