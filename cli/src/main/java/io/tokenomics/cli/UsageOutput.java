package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.query.UsageReport;
import io.tokenomics.query.UsageReport.Group;
import io.tokenomics.query.UsageReport.ModelUsage;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders the groups of a usage report as a table, CSV, or JSON in the shape of ccusage's {@code --json}. */
final class UsageOutput {
    private UsageOutput() {
    }

    /**
     * @param listName the JSON array's name: {@code daily}, {@code weekly}, {@code monthly} or {@code sessions}
     * @param keyName the key field: {@code date}, {@code week}, {@code month} or {@code sessionId}
     */
    static void json(PrintWriter out, List<Group> groups, String listName, String keyName) {
        ObjectNode root = JsonText.NODES.objectNode();
        ArrayNode list = root.putArray(listName);
        for (Group g : groups) {
            ObjectNode row = list.addObject();
            row.put(keyName, g.key());
            if (g.firstActivity() != null) {
                row.put("projectPath", g.project());
                row.put("firstActivity", g.firstActivity().toString());
                row.put("lastActivity", g.lastActivity().toString());
            }
            usage(row, g);
        }
        write(out, root, groups);
    }

    /**
     * Groups of one key per project ({@code daily --instances}) as ccusage writes them: an object {@code projects}
     * mapping each project to its rows.
     */
    static void jsonByProject(PrintWriter out, List<Group> groups, String keyName) {
        ObjectNode root = JsonText.NODES.objectNode();
        ObjectNode projects = root.putObject("projects");
        for (Group g : groups) {
            String project = g.project() == null ? "(no project)" : g.project();
            ArrayNode rows = projects.has(project) ? (ArrayNode) projects.get(project) : projects.putArray(project);
            ObjectNode row = rows.addObject();
            row.put(keyName, g.key());
            usage(row, g);
        }
        write(out, root, groups);
    }

    /** A group's tokens and cost, models used and per-model breakdown. */
    private static void usage(ObjectNode row, Group g) {
        tokens(row, g.total());
        ArrayNode used = row.putArray("modelsUsed");
        g.modelsUsed().forEach(used::add);
        ArrayNode breakdowns = row.putArray("modelBreakdowns");
        for (ModelUsage m : g.models()) {
            if (m.model() == null || UsageReport.SYNTHETIC.equals(m.model())) {
                continue;
            }
            ObjectNode b = breakdowns.addObject();
            b.put("modelName", m.model());
            tokens(b, m);
            b.remove("totalCost");
            b.remove("totalTokens");
            b.put("cost", m.cost());
            if (m.unpricedTurns() > 0) {
                b.put("unpricedTurns", m.unpricedTurns());
            }
        }
    }

    /** Adds the totals and the unpriced models, and prints. */
    private static void write(PrintWriter out, ObjectNode root, List<Group> groups) {
        tokens(root.putObject("totals"), UsageReport.totals(groups));
        ArrayNode unpriced = root.putArray("unpricedModels");
        for (ModelUsage m : UsageReport.unpriced(groups)) {
            ObjectNode u = unpriced.addObject();
            u.put("modelName", m.model());
            u.put("turns", m.unpricedTurns());
            u.put("totalTokens", m.totalTokens());
        }
        out.println(JsonText.pretty(root));
    }

    private static void tokens(ObjectNode node, ModelUsage m) {
        node.put("inputTokens", m.inputTokens());
        node.put("outputTokens", m.outputTokens());
        node.put("cacheCreationTokens", m.cacheCreationTokens());
        node.put("cacheCreation5mTokens", m.cacheWrite5mTokens());
        node.put("cacheCreation1hTokens", m.cacheWrite1hTokens());
        node.put("cacheReadTokens", m.cacheReadTokens());
        node.put("totalTokens", m.totalTokens());
        node.put("totalCost", m.cost());
        node.put("webSearchCost", m.webSearchCost());
    }

    static void csv(PrintWriter out, List<Group> groups, String keyName) {
        out.println(keyName + ",project,first_activity,last_activity,model,input_tokens,output_tokens,"
                + "cache_write_5m_tokens,cache_write_1h_tokens,cache_read_tokens,total_tokens,cost_usd,turns,"
                + "unpriced_turns");
        for (Group g : groups) {
            for (ModelUsage m : g.models()) {
                out.println(String.join(",", Csv.field(g.key()), Csv.field(g.project()),
                        g.firstActivity() == null ? "" : g.firstActivity().toString(),
                        g.lastActivity() == null ? "" : g.lastActivity().toString(), Csv.field(m.model()),
                        Long.toString(m.inputTokens()), Long.toString(m.outputTokens()),
                        Long.toString(m.cacheWrite5mTokens()), Long.toString(m.cacheWrite1hTokens()),
                        Long.toString(m.cacheReadTokens()), Long.toString(m.totalTokens()),
                        String.format(Locale.ROOT, "%.6f", m.cost()), Long.toString(m.turns()),
                        Long.toString(m.unpricedTurns())));
            }
        }
    }

    static void table(PrintWriter out, List<Group> groups, String keyTitle, boolean withProject) {
        if (!withProject) {
            periodTable(out, groups, keyTitle, false, false);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Group g : groups) {
            ModelUsage t = g.total();
            rows.add(new String[] {shorten(g.key(), 12), shorten(g.project(), 28),
                String.join(", ", shortNames(g.modelsUsed())), number(t.inputTokens()), number(t.outputTokens()),
                number(t.cacheCreationTokens()), number(t.cacheReadTokens()), number(t.totalTokens()),
                money(t.cost())});
        }
        ModelUsage total = UsageReport.totals(groups);
        String[] totalRow = {"Total", "", "", number(total.inputTokens()), number(total.outputTokens()),
            number(total.cacheCreationTokens()), number(total.cacheReadTokens()), number(total.totalTokens()),
            money(total.cost())};
        String[] header = {keyTitle, "Project", "Models", "Input", "Output", "Cache write", "Cache read",
            "Total tokens", "Cost (USD)"};
        TextTable.print(out, header, rows, totalRow, 3);
        unpricedNote(out, groups);
    }

    /**
     * A table of periods (days, weeks, months) in order.
     *
     * @param byProject the groups are (period, project) pairs: a row per project, the period on its first row
     * @param breakdown a row per model under each group
     */
    static void periodTable(PrintWriter out, List<Group> groups, String keyTitle, boolean byProject,
            boolean breakdown) {
        periodTable(out, groups, keyTitle, byProject, breakdown, false, Palette.terminal());
    }

    /**
     * A table of periods, and with {@code sparkline} a last column of one block per period (▁ to █, scaled to the
     * costliest period; blank without cost) that draws the cost down the table.
     */
    static void periodTable(PrintWriter out, List<Group> groups, String keyTitle, boolean byProject,
            boolean breakdown, boolean sparkline, Palette palette) {
        double maxCost = 0;
        for (Group g : groups) {
            maxCost = Math.max(maxCost, g.total().cost());
        }
        List<String[]> rows = new ArrayList<>();
        String previousKey = null;
        for (Group g : groups) {
            String key = byProject && g.key().equals(previousKey) ? "" : g.key();
            previousKey = g.key();
            rows.add(withSpark(usageCells(key, byProject ? shorten(g.project(), 28) : null,
                    String.join(", ", shortNames(g.modelsUsed())), g.total()), sparkline,
                    spark(g.total().cost(), maxCost)));
            if (breakdown) {
                for (ModelUsage m : g.models()) {
                    if (m.model() != null && !UsageReport.SYNTHETIC.equals(m.model())) {
                        rows.add(withSpark(usageCells("", byProject ? "" : null,
                                "└ " + shortNames(List.of(m.model())).get(0), m), sparkline, ""));
                    }
                }
            }
        }
        String[] header = byProject
                ? new String[] {keyTitle, "Project", "Models", "Input", "Output", "Cache write", "Cache read",
                    "Total tokens", "Cost (USD)"}
                : new String[] {keyTitle, "Models", "Input", "Output", "Cache write", "Cache read", "Total tokens",
                    "Cost (USD)"};
        String[] totalRow = withSpark(usageCells("Total", byProject ? "" : null, "", UsageReport.totals(groups)),
                sparkline, "");
        header = withSpark(header, sparkline, "");
        boolean[] right = new boolean[header.length];
        Palette.Tone[] tones = new Palette.Tone[header.length];
        for (int i = byProject ? 3 : 2; i < header.length; i++) {
            right[i] = true;
        }
        int cost = header.length - (sparkline ? 2 : 1);
        tones[cost] = Palette.Tone.MONEY;
        if (sparkline) {
            right[header.length - 1] = false;
            tones[header.length - 1] = Palette.Tone.ACCENT;
        }
        TextTable.print(out, header, rows, totalRow, right, tones, palette);
        unpricedNote(out, groups, palette);
    }

    private static final String BLOCKS = "▁▂▃▄▅▆▇█";

    /**
     * One of ▁▂▃▄▅▆▇█ (one to eight eighths high) for a cost against the largest: the nearest eighth, at least one;
     * blank for no cost.
     */
    static String spark(double cost, double max) {
        if (!(cost > 0) || !(max > 0)) {
            return "";
        }
        long eighths = Math.max(1, Math.min(BLOCKS.length(), Math.round(cost / max * BLOCKS.length())));
        return BLOCKS.substring((int) eighths - 1, (int) eighths);
    }

    private static String[] withSpark(String[] cells, boolean sparkline, String spark) {
        if (!sparkline) {
            return cells;
        }
        String[] longer = java.util.Arrays.copyOf(cells, cells.length + 1);
        longer[cells.length] = spark;
        return longer;
    }

    /** Key, project (left out when null), models, then the token and cost cells. */
    private static String[] usageCells(String key, String project, String models, ModelUsage m) {
        List<String> cells = new ArrayList<>(9);
        cells.add(key);
        if (project != null) {
            cells.add(project);
        }
        cells.add(models);
        cells.add(number(m.inputTokens()));
        cells.add(number(m.outputTokens()));
        cells.add(number(m.cacheCreationTokens()));
        cells.add(number(m.cacheReadTokens()));
        cells.add(number(m.totalTokens()));
        cells.add(money(m.cost()));
        return cells.toArray(new String[0]);
    }

    static void unpricedNote(PrintWriter out, List<Group> groups) {
        unpricedNote(out, groups, Palette.terminal());
    }

    static void unpricedNote(PrintWriter out, List<Group> groups, Palette palette) {
        for (ModelUsage m : UsageReport.unpriced(groups)) {
            out.println(palette.paint(Palette.Tone.WARNING, String.format(Locale.ROOT,
                    "unpriced: %s (%,d turns, %,d tokens): not in the price table, cost not counted",
                    m.model(), m.unpricedTurns(), m.totalTokens())));
        }
    }

    private static List<String> shortNames(List<String> models) {
        List<String> names = new ArrayList<>();
        for (String m : models) {
            names.add(m.startsWith("claude-") ? m.substring("claude-".length()) : m);
        }
        return names;
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String money(double usd) {
        return String.format(Locale.ROOT, "$%,.2f", usd);
    }

    private static String shorten(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
