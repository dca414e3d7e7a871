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
            agents(row, g);
            usage(row, g);
        }
        write(out, root, groups);
    }

    /**
     * One session as {@code ccusage session --id ID --json} prints it: its id, cost, tokens and every turn
     * ({@code entries}); an unpriced turn's {@code costUSD} is null, and {@code unpricedTurns} counts them.
     */
    static void jsonSession(PrintWriter out, Group session, List<UsageReport.Entry> entries) {
        ObjectNode root = JsonText.NODES.objectNode();
        ModelUsage total = session.total();
        root.put("sessionId", session.key());
        agents(root, session);
        root.put("totalCost", total.cost());
        unpricedTurns(root, total);
        root.put("totalTokens", total.totalTokens());
        ArrayNode list = root.putArray("entries");
        for (UsageReport.Entry e : entries) {
            ObjectNode row = list.addObject();
            row.put("timestamp", e.timestamp().toString());
            row.put("inputTokens", e.inputTokens());
            row.put("outputTokens", e.outputTokens());
            row.put("cacheCreationTokens", e.cacheCreationTokens());
            row.put("cacheReadTokens", e.cacheReadTokens());
            row.put("model", e.model());
            if (e.cost() == null) {
                row.putNull("costUSD");
            } else {
                row.put("costUSD", e.cost());
            }
        }
        out.println(JsonText.pretty(root));
    }

    /**
     * The groups in the shape of {@code ccusage codex daily --json} (and its weekly, monthly and session): per group
     * the token classes, {@code reasoningOutputTokens} (part of the output), {@code costUSD} and {@code models}, an
     * object of each model's tokens. {@code isFallback} is false: no model is priced as another one here; a model
     * without a price is left out of {@code costUSD} and counted in {@code unpricedTurns}.
     */
    static void jsonCodex(PrintWriter out, List<Group> groups, String listName, String keyName) {
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
            agents(row, g);
            codexTokens(row, g.total());
            row.put("costUSD", g.total().cost());
            unpricedTurns(row, g.total());
            ObjectNode models = row.putObject("models");
            for (ModelUsage m : g.models()) {
                if (m.model() != null && !UsageReport.SYNTHETIC.equals(m.model())) {
                    ObjectNode model = models.putObject(m.model());
                    codexTokens(model, m);
                    model.put("isFallback", false);
                    unpricedTurns(model, m);
                }
            }
        }
        ModelUsage totals = UsageReport.totals(groups);
        ObjectNode total = root.putObject("totals");
        codexTokens(total, totals);
        total.put("costUSD", totals.cost());
        unpricedTurns(total, totals);
        out.println(JsonText.pretty(root));
    }

    private static void codexTokens(ObjectNode node, ModelUsage m) {
        node.put("inputTokens", m.inputTokens());
        node.put("cacheCreationTokens", m.cacheCreationTokens());
        node.put("cacheReadTokens", m.cacheReadTokens());
        node.put("outputTokens", m.outputTokens());
        node.put("reasoningOutputTokens", m.reasoningTokens());
        node.put("totalTokens", m.totalTokens());
    }

    private static void unpricedTurns(ObjectNode node, ModelUsage m) {
        if (m.unpricedTurns() > 0) {
            node.put("unpricedTurns", m.unpricedTurns());
        }
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
            agents(row, g);
            usage(row, g);
        }
        write(out, root, groups);
    }

    /**
     * Which agents wrote a group's turns: a session's {@code agent} (the one that wrote it), a period's
     * {@code agents} (by name).
     */
    private static void agents(ObjectNode row, Group g) {
        if (g.firstActivity() != null) {
            row.put("agent", String.join(",", g.agents()));
        } else {
            ArrayNode agents = row.putArray("agents");
            g.agents().forEach(agents::add);
        }
    }

    /** A group's tokens and cost, models used and per-model breakdown. */
    static void usage(ObjectNode row, Group g) {
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
            b.remove("unpricedTurns");
            b.put("cost", m.cost());
            if (m.unpricedTurns() > 0) {
                b.put("unpricedTurns", m.unpricedTurns());
            }
        }
    }

    /** Adds the totals and the unpriced models, and prints. */
    static void write(PrintWriter out, ObjectNode root, List<Group> groups) {
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

    /**
     * The token classes and the cost. The cost sums the priced turns only; {@code unpricedTurns}, beside it when
     * not 0, says how many turns it leaves out.
     */
    private static void tokens(ObjectNode node, ModelUsage m) {
        node.put("inputTokens", m.inputTokens());
        node.put("outputTokens", m.outputTokens());
        node.put("cacheCreationTokens", m.cacheCreationTokens());
        node.put("cacheCreation5mTokens", m.cacheWrite5mTokens());
        node.put("cacheCreation1hTokens", m.cacheWrite1hTokens());
        node.put("cacheReadTokens", m.cacheReadTokens());
        node.put("totalTokens", m.totalTokens());
        node.put("totalCost", m.cost());
        if (m.unpricedTurns() > 0) {
            node.put("unpricedTurns", m.unpricedTurns());
        }
        node.put("webSearchCost", m.webSearchCost());
    }

    static void csv(PrintWriter out, List<Group> groups, String keyName) {
        csv(out, groups, keyName, "project");
    }

    /** {@code withinName}: the header of the groups' second key (project, user, host). */
    static void csv(PrintWriter out, List<Group> groups, String keyName, String withinName) {
        out.println(keyName + "," + withinName + ",first_activity,last_activity,model,input_tokens,output_tokens,"
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

    private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm", Locale.ROOT);
    /** The title above a table: what it counts and the time zone of its days and times. */
    static void title(PrintWriter out, String what, java.time.ZoneId zone, Palette palette) {
        out.println(palette.paint(Palette.Tone.TITLE, what + " (" + zone.getId() + ")"));
    }

    /**
     * The groups in the order asked for: as the report's SQL orders them (oldest first), or the keys reversed with
     * the groups of one key (the projects of a day) kept in their order.
     */
    static List<Group> ordered(List<Group> groups, boolean descending) {
        if (!descending) {
            return groups;
        }
        List<Group> reversed = new ArrayList<>(groups.size());
        int end = groups.size();
        while (end > 0) {
            int start = end - 1;
            while (start > 0 && groups.get(start - 1).key().equals(groups.get(end - 1).key())) {
                start--;
            }
            reversed.addAll(groups.subList(start, end));
            end = start;
        }
        return reversed;
    }

    /** The drop ranks of the token columns (input, output, cache write, cache read, total): total goes first. */
    private static final int[] TOKEN_DROP = {6, 5, 3, 4, 2};

    /**
     * The sessions: full id, project, last activity in the zone, models, tokens and cost. On a narrow terminal the
     * models wrap, the project is cut from the left, and the token columns go before the session's id ever is cut.
     */
    static void sessionTable(PrintWriter out, List<Group> groups, java.time.ZoneId zone, TextTable.Room room,
            Palette palette) {
        List<String[]> rows = new ArrayList<>();
        for (Group g : groups) {
            ModelUsage t = g.total();
            List<String> cells = new ArrayList<>(List.of(g.key(), g.project() == null ? "" : g.project(),
                    g.lastActivity() == null ? "" : MINUTE.format(g.lastActivity().atZone(zone)),
                    String.join(", ", shortNames(g.modelsUsed()))));
            cells.addAll(tokenCells(t));
            rows.add(cells.toArray(new String[0]));
        }
        List<String> footer = new ArrayList<>(List.of("Total", "", "", ""));
        footer.addAll(tokenCells(UsageReport.totals(groups)));
        String[] header = {"Session", "Project", "Last activity", "Models", "Input", "Output", "Cache write",
            "Cache read", "Total tokens", "Cost (USD)"};
        TextTable.Shape[] shapes = new TextTable.Shape[header.length];
        shapes[0] = TextTable.Shape.FIXED;
        shapes[1] = TextTable.Shape.cutFromLeft(12, 7);
        shapes[2] = TextTable.Shape.dropped(8, false);
        shapes[3] = TextTable.Shape.LIST;
        tokenShapes(shapes, 4);
        print(out, header, rows, footer.toArray(new String[0]), 4, shapes, room, palette);
        unpricedNote(out, groups, palette, room.width());
    }

    /**
     * A table of periods (days, weeks, months) in order.
     *
     * @param byProject the groups are (period, project) pairs: a row per project, the period on its first row
     * @param breakdown a row per model under each group
     */
    static void periodTable(PrintWriter out, List<Group> groups, String keyTitle, boolean byProject,
            boolean breakdown) {
        periodTable(out, groups, keyTitle, byProject, breakdown, false, TextTable.Room.FULL, Palette.terminal());
    }

    /**
     * A table of periods, and with {@code sparkline} a last column of one block per period (▁ to █, scaled to the
     * costliest period; blank without cost) that draws the cost down the table. Fitted to {@code room}: the models
     * wrap in their cell, a project is cut from the left, then the sparkline and the token columns are left out.
     */
    static void periodTable(PrintWriter out, List<Group> groups, String keyTitle, boolean byProject,
            boolean breakdown, boolean sparkline, TextTable.Room room, Palette palette) {
        periodTable(out, groups, keyTitle, byProject ? "Project" : null, breakdown, sparkline, room, palette);
    }

    /** {@code withinTitle}: the title of the groups' second key (Project, User, Host), null when they have none. */
    static void periodTable(PrintWriter out, List<Group> groups, String keyTitle, String withinTitle,
            boolean breakdown, boolean sparkline, TextTable.Room room, Palette palette) {
        boolean byProject = withinTitle != null;
        double maxCost = 0;
        for (Group g : groups) {
            maxCost = Math.max(maxCost, g.total().cost());
        }
        List<String[]> rows = new ArrayList<>();
        String previousKey = null;
        for (Group g : groups) {
            String key = byProject && g.key().equals(previousKey) ? "" : g.key();
            previousKey = g.key();
            rows.add(withSpark(usageCells(key, byProject ? g.project() == null ? "" : g.project() : null,
                    String.join(", ", shortNames(g.modelsUsed())), g.total()), sparkline,
                    g.total().unpricedTurns() > 0 ? "" : spark(g.total().cost(), maxCost)));
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
                ? new String[] {keyTitle, withinTitle, "Models", "Input", "Output", "Cache write", "Cache read",
                    "Total tokens", "Cost (USD)"}
                : new String[] {keyTitle, "Models", "Input", "Output", "Cache write", "Cache read", "Total tokens",
                    "Cost (USD)"};
        String[] totalRow = withSpark(usageCells("Total", byProject ? "" : null, "", UsageReport.totals(groups)),
                sparkline, "");
        header = withSpark(header, sparkline, "");
        int firstNumber = byProject ? 3 : 2;
        TextTable.Shape[] shapes = new TextTable.Shape[header.length];
        shapes[0] = TextTable.Shape.FIXED;
        if (byProject) {
            shapes[1] = TextTable.Shape.cutFromLeft(12, 7);
        }
        shapes[firstNumber - 1] = TextTable.Shape.LIST;
        tokenShapes(shapes, firstNumber);
        if (sparkline) {
            shapes[header.length - 1] = TextTable.Shape.dropped(1, true);
        }
        print(out, header, rows, totalRow, firstNumber, shapes, room, palette);
        unpricedNote(out, groups, palette, room.width());
    }

    /** The token columns from {@code first} on, then the cost, which stays. */
    private static void tokenShapes(TextTable.Shape[] shapes, int first) {
        for (int i = 0; i < TOKEN_DROP.length; i++) {
            shapes[first + i] = TextTable.Shape.dropped(TOKEN_DROP[i], i >= 2);
        }
        shapes[first + TOKEN_DROP.length] = TextTable.Shape.FIXED;
    }

    /** Numbers right-aligned from {@code firstNumber} on, the cost in money's tone, a sparkline after it. */
    private static void print(PrintWriter out, String[] header, List<String[]> rows, String[] footer,
            int firstNumber, TextTable.Shape[] shapes, TextTable.Room room, Palette palette) {
        boolean sparkline = header[header.length - 1].isEmpty();
        boolean[] right = new boolean[header.length];
        Palette.Tone[] tones = new Palette.Tone[header.length];
        for (int i = firstNumber; i < header.length; i++) {
            right[i] = true;
        }
        int cost = header.length - (sparkline ? 2 : 1);
        tones[cost] = Palette.Tone.MONEY;
        if (sparkline) {
            right[header.length - 1] = false;
            tones[header.length - 1] = Palette.Tone.ACCENT;
        }
        TextTable.print(out, header, rows, footer, right, tones, palette, shapes, room);
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
        cells.addAll(tokenCells(m));
        return cells.toArray(new String[0]);
    }

    /** Input, output, cache write, cache read, total tokens, cost. */
    private static List<String> tokenCells(ModelUsage m) {
        return List.of(number(m.inputTokens()), number(m.outputTokens()), number(m.cacheCreationTokens()),
                number(m.cacheReadTokens()), number(m.totalTokens()), cost(m));
    }

    /** A line per model without a price, wrapped to the width. */
    static void unpricedNote(PrintWriter out, List<Group> groups, Palette palette, int width) {
        for (ModelUsage m : UsageReport.unpriced(groups)) {
            for (String line : TextTable.wrapWords(String.format(Locale.ROOT,
                    "unpriced: %s (%s, %,d tokens): not in the price table; costs with its turns show -",
                    m.model(), turns(m.unpricedTurns()), m.totalTokens()), width)) {
                out.println(palette.paint(Palette.Tone.WARNING, line));
            }
        }
    }

    /** Model names as a table shows them, as ccusage does: without {@code claude-} and without a date. */
    static List<String> shortNames(List<String> models) {
        List<String> names = new ArrayList<>();
        for (String m : models) {
            String name = m.startsWith("claude-") ? m.substring("claude-".length()) : m;
            name = DATE.matcher(name).replaceFirst("");
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static final java.util.regex.Pattern DATE = java.util.regex.Pattern.compile("-\\d{8}$");

    /** "1 turn", "2 turns". */
    static String turns(long n) {
        return String.format(Locale.ROOT, n == 1 ? "%,d turn" : "%,d turns", n);
    }

    static String number(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The cost of a cell: "-" when any of its turns had no price, so that a partial sum never reads as the cost. */
    static String cost(ModelUsage m) {
        return m.unpricedTurns() > 0 ? "-" : money(m.cost());
    }

    static String money(double usd) {
        return String.format(Locale.ROOT, "$%,.2f", usd);
    }
}
