package io.tokenomics.cli;

import io.tokenomics.query.WhatIf;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The plan/execute what-if ({@code whatif --plan-with MODEL --execute-with MODEL}) as a table, JSON or CSV: each
 * session's recorded planner and executor, its planner and executor turns, and its tasks' cost as recorded and
 * with each phase on the model given, then the total.
 */
final class PlanExecuteOutput {
    private PlanExecuteOutput() {
    }

    /**
     * @param planWith the price table name the planner turns were priced as, or null when they kept their models
     * @param executeWith the same for the executor turns
     */
    static void print(PrintWriter out, ReportOptions options, WhatIf.PhaseReport report, String planWith,
            String executeWith) throws Exception {
        if (options.json) {
            json(out, report, planWith, executeWith);
        } else if (options.csv) {
            out.println("session_id,project,planner,executor,planner_turns,executor_turns,actual_usd,"
                    + "counterfactual_usd,delta_usd");
            for (WhatIf.SessionRow r : report.sessions()) {
                out.println(String.join(",", Csv.field(r.sessionId()), Csv.field(r.project()),
                        Csv.field(r.planner()), Csv.field(r.executor()), Long.toString(r.plannerTurns()),
                        Long.toString(r.executorTurns()), WhatifCommand.usd(r.actualUsd()),
                        WhatifCommand.usd(r.counterfactualUsd()),
                        WhatifCommand.usd(r.counterfactualUsd() - r.actualUsd())));
            }
        } else {
            table(out, report, planWith, executeWith);
        }
    }

    private static void table(PrintWriter out, WhatIf.PhaseReport report, String planWith, String executeWith) {
        out.printf(Locale.ROOT, "Planner turns (each session's first task) %s, executor turns (its later tasks) %s%n",
                planWith == null ? "as recorded" : "on " + planWith,
                executeWith == null ? "as recorded" : "on " + executeWith);
        List<String[]> lines = new ArrayList<>();
        Totals t = new Totals();
        for (WhatIf.SessionRow r : report.sessions()) {
            t.add(r);
            lines.add(new String[] {r.sessionId(), String.valueOf(r.project()), String.valueOf(r.planner()),
                r.executor() == null ? "" : r.executor(), turns(r.plannerTurns(), r.executorTurns()),
                WhatifCommand.cost(r.actualUsd(), r.actualUnpricedTurns()),
                WhatifCommand.cost(r.counterfactualUsd(), r.counterfactualUnpricedTurns()),
                WhatifCommand.change(r.actualUsd(), r.counterfactualUsd(),
                        r.actualUnpricedTurns() + r.counterfactualUnpricedTurns())});
        }
        TextTable.print(out, new String[] {"Session", "Project", "Planner", "Executor", "Turns (plan + execute)",
            "Actual", "What if", "Change"}, lines,
                new String[] {"Total", UsageOutput.number(report.sessions().size()) + " sessions", "", "",
                    turns(t.plannerTurns, t.executorTurns), WhatifCommand.cost(t.actual, t.actualUnpriced),
                    WhatifCommand.cost(t.counterfactual, t.counterfactualUnpriced),
                    WhatifCommand.change(t.actual, t.counterfactual, t.actualUnpriced + t.counterfactualUnpriced)},
                4);
        if (report.turnsOutsideTasks() > 0) {
            out.printf(Locale.ROOT, "left out: %s before a session's first prompt or in sessions without prompts"
                    + " (no task, so no phase)%n", UsageOutput.turns(report.turnsOutsideTasks()));
        }
        if (t.actualUnpriced > 0 || t.counterfactualUnpriced > 0) {
            out.printf(Locale.ROOT, "unpriced: %s recorded and %s in the what-if had no price; their costs show -%n",
                    UsageOutput.turns(t.actualUnpriced), UsageOutput.turns(t.counterfactualUnpriced));
        }
    }

    private static String turns(long planner, long executor) {
        return UsageOutput.number(planner) + " + " + UsageOutput.number(executor);
    }

    private static void json(PrintWriter out, WhatIf.PhaseReport report, String planWith, String executeWith)
            throws Exception {
        var root = JsonText.NODES.objectNode();
        var scenario = root.putObject("scenario");
        scenario.put("planWith", planWith);
        scenario.put("executeWith", executeWith);
        var list = root.putArray("sessions");
        Totals t = new Totals();
        for (WhatIf.SessionRow r : report.sessions()) {
            t.add(r);
            var node = list.addObject();
            node.put("sessionId", r.sessionId());
            node.put("project", r.project());
            node.put("planner", r.planner());
            node.put("executor", r.executor());
            node.put("plannerTurns", r.plannerTurns());
            node.put("executorTurns", r.executorTurns());
            node.put("actualCost", r.actualUsd());
            node.put("counterfactualCost", r.counterfactualUsd());
            node.put("actualUnpricedTurns", r.actualUnpricedTurns());
            node.put("unpricedTurns", r.counterfactualUnpricedTurns());
        }
        var totals = root.putObject("totals");
        totals.put("sessions", report.sessions().size());
        totals.put("plannerTurns", t.plannerTurns);
        totals.put("executorTurns", t.executorTurns);
        totals.put("actualCost", t.actual);
        totals.put("counterfactualCost", t.counterfactual);
        totals.put("turnsOutsideTasks", report.turnsOutsideTasks());
        out.println(JsonText.pretty(root));
    }

    /** The sums of the sessions' rows. */
    private static final class Totals {
        long plannerTurns;
        long executorTurns;
        double actual;
        double counterfactual;
        long actualUnpriced;
        long counterfactualUnpriced;

        void add(WhatIf.SessionRow r) {
            plannerTurns += r.plannerTurns();
            executorTurns += r.executorTurns();
            actual += r.actualUsd();
            counterfactual += r.counterfactualUsd();
            actualUnpriced += r.actualUnpricedTurns();
            counterfactualUnpriced += r.counterfactualUnpricedTurns();
        }
    }
}
