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
            "  tokenomics blocks --json   # same shape as ccusage claude blocks --json"})
final class BlocksCommand implements Callable<Integer> {
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
        List<BillingBlock> all;
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            all = BillingBlocks.query(session, options.filter(), now);
        }
        Long limit = limit(all);
        List<BillingBlock> shown = new ArrayList<>();
        for (BillingBlock b : BillingBlocks.inPeriod(all, options.filter(), options.zone())) {
            if (!active || b.active()) {
                shown.add(b);
            }
        }
        BlocksOutput output = new BlocksOutput(now, limit, options.zone());
        if (options.json) {
            output.json(out, shown);
        } else if (options.csv) {
            output.csv(out, shown);
        } else {
            output.table(out, shown, active ? "No active block: the last turn was 5 hours ago or more, or its block "
                    + "has ended." : "No blocks in the period.");
        }
        out.flush();
        return 0;
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
