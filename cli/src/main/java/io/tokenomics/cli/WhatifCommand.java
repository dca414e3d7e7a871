package io.tokenomics.cli;

import io.tokenomics.query.QuerySession;
import io.tokenomics.query.WhatIf;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "whatif", mixinStandardHelpOptions = true,
        description = "What the same turns would have cost with another model or cache policy, by model and in total.",
        footer = {"", "Examples:", "  tokenomics whatif --as claude-sonnet-4-5          # everything on Sonnet 4.5",
            "  tokenomics whatif --as claude-haiku-4-5 --from '%%opus%%'",
            "  tokenomics whatif --route \"opus=sonnet,haiku=haiku\"",
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
            description = "Routing rules SOURCE=TARGET, comma-separated; SOURCE is a part of the model name, "
                    + "TARGET a model or opus, sonnet, haiku.")
    String route;

    @Option(names = "--cache-ttl", paramLabel = "TTL", description = "5m, 1h or none (default: as recorded). 1h also "
            + "turns the idle cache misses a 1-hour cache avoids into cache reads.")
    String cacheTtl;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Map<String, String> routes;
        WhatIf.CacheTtl ttl;
        try {
            routes = WhatIf.parseRoutes(route);
            ttl = cacheTtl == null ? WhatIf.CacheTtl.AS_RECORDED : WhatIf.CacheTtl.parse(cacheTtl);
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage());
        }
        if (as == null && routes.isEmpty() && ttl == WhatIf.CacheTtl.AS_RECORDED) {
            throw new UserException("say what to change: --as MODEL, --route RULES or --cache-ttl 5m|1h|none");
        }
        var prices = options.settings.prices();
        if (as != null && prices.indexOf(as) == io.tokenomics.columnar.PriceTable.UNPRICED
                && !List.of("opus", "sonnet", "haiku").contains(as.toLowerCase(Locale.ROOT))) {
            throw new UserException("no price for model '" + as + "' (see tokenomics models, or pass --pricing FILE)");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<WhatIf.Row> rows;
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            rows = WhatIf.run(session, options.filter(), prices, as, from, routes, ttl);
        }
        if (options.json) {
            json(out, rows);
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
        }
        out.flush();
        return 0;
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

    private static String cost(double usd, long unpricedTurns) {
        return unpricedTurns > 0 ? "-" : UsageOutput.money(usd);
    }

    private static String change(double actual, double counterfactual, long unpricedTurns) {
        return unpricedTurns > 0 ? "" : change(actual, counterfactual);
    }

    private static String change(double actual, double counterfactual) {
        if (actual == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%+.1f%%", 100 * (counterfactual - actual) / actual);
    }

    private static String usd(double value) {
        return String.format(Locale.ROOT, "%.6f", value);
    }

    private static void json(PrintWriter out, List<WhatIf.Row> rows) throws Exception {
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
        out.println(JsonText.pretty(root));
    }
}
