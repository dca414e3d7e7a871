package io.tokenomics.cli;

import io.tokenomics.query.BillingBlock;
import io.tokenomics.query.BillingBlocks;
import io.tokenomics.query.QuerySession;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "blocks", mixinStandardHelpOptions = true,
        description = {"Usage per 5-hour billing window, as ccusage counts them: a block starts at the hour of its "
                + "first turn and ends 5 hours later; a turn after that, or after 5 idle hours, starts the next. "
                + "For the active block: burn rate and projection to its end.",
            "--since/--until keep the blocks that start on those days; --project and --model choose the turns."},
        footer = {"", "Examples:", "  tokenomics blocks --since 2026-10-01",
            "  tokenomics blocks --active --token-limit max",
            "  tokenomics blocks --recent --session-length 5 --order desc",
            "  tokenomics blocks --json   # same shape as ccusage claude blocks --json"})
final class BlocksCommand implements Callable<Integer> {
    /** ccusage's {@code --recent}: the blocks of the last 3 days. */
    private static final java.time.Duration RECENT = java.time.Duration.ofDays(3);

    @Mixin
    ReportOptions options;

    @Mixin
    ShowSqlOption showSql;

    @Option(names = {"-t", "--token-limit"}, paramLabel = "N|max",
            description = "Tokens allowed per block: a number, or 'max' for the most any finished block used. Shows "
                    + "each block's share and whether the active block is projected to exceed it.")
    String tokenLimit;

    @Option(names = {"-a", "--active"}, description = "Only the active block.")
    boolean active;

    @Option(names = {"-r", "--recent"}, description = "Only the blocks of the last 3 days (and the active one).")
    boolean recent;

    @Option(names = {"-n", "--session-length"}, paramLabel = "HOURS", defaultValue = "5",
            description = "Hours of a block, and of the idle time that ends one (default: 5).")
    double sessionLength;

    @Mixin
    UsageOptions usage;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (showSql.print(out, spec.name(), options.filter().variables(),
                QuerySession.resource(BillingBlocks.SQL))) {
            return 0;
        }
        Instant now = Instant.now();
        if (!(sessionLength > 0) || sessionLength > 24 * 366) {
            throw new UserException("--session-length must be a number of hours above 0, not " + sessionLength);
        }
        List<BillingBlock> all;
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            all = BillingBlocks.query(session, options.filter(), now, sessionLength);
        }
        Long limit = limit(all);
        List<BillingBlock> shown = new ArrayList<>();
        for (BillingBlock b : BillingBlocks.inPeriod(all, options.filter(), options.zone())) {
            boolean isRecent = b.active() || !b.start().isBefore(now.minus(RECENT));
            if ((!active || b.active()) && (!recent || isRecent)) {
                shown.add(b);
            }
        }
        if (usage.descending()) {
            java.util.Collections.reverse(shown);
        }
        BlocksOutput output = new BlocksOutput(now, limit, options.zone());
        if (options.json) {
            output.json(out, shown);
        } else if (options.csv) {
            output.csv(out, shown);
        } else {
            Palette palette = Palette.terminal();
            UsageOutput.title(out, "Tokens and cost per " + hours(sessionLength) + "-hour billing block",
                    options.zone(), palette);
            output.table(out, shown, active ? "No active block: the last turn was " + hours(sessionLength)
                    + " hours ago or more, or its block has ended." : "No blocks in the period.",
                    usage.room(options), palette);
        }
        out.flush();
        return 0;
    }

    private static String hours(double hours) {
        return hours == Math.rint(hours) ? Long.toString((long) hours) : Double.toString(hours);
    }

    /** The token limit asked for; null when none was, or 'max' found no finished block. */
    private Long limit(List<BillingBlock> blocks) {
        if (tokenLimit == null) {
            return null;
        }
        if (tokenLimit.equals("max")) {
            long max = BillingBlocks.maxTokens(blocks);
            return max > 0 ? max : null;
        }
        try {
            long limit = Long.parseLong(tokenLimit.replace("_", "").replace(",", ""));
            if (limit <= 0) {
                throw new NumberFormatException();
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new UserException("--token-limit must be a positive number or 'max', not '" + tokenLimit + "'");
        }
    }
}
