package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.query.BillingBlock;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders billing blocks as a table, CSV, or JSON in the shape of ccusage's {@code blocks --json}. */
final class BlocksOutput {
    /** JavaScript's {@code Date.toISOString()}: always milliseconds, always Z. */
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'",
            Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** ccusage's warning threshold: a projection above 80 % of the limit. */
    private static final double WARNING_SHARE = 0.8;

    private final Instant now;
    private final Long limit;
    private final ZoneId zone;

    /** @param limit tokens allowed per block, or null */
    BlocksOutput(Instant now, Long limit, ZoneId zone) {
        this.now = now;
        this.limit = limit;
        this.zone = zone;
    }

    void table(PrintWriter out, List<BillingBlock> blocks, String none, TextTable.Room room, Palette palette) {
        if (blocks.isEmpty()) {
            out.println(none);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        long unpriced = 0;
        BillingBlock activeBlock = null;
        for (BillingBlock b : blocks) {
            unpriced += b.unpricedTurns();
            if (b.gap()) {
                rows.add(limit == null
                        ? new String[] {local(b.start()), "(idle " + hours(b.start(), b.end()) + ")", "", "", "", ""}
                        : new String[] {local(b.start()), "(idle " + hours(b.start(), b.end()) + ")", "", "", "", "",
                            ""});
                continue;
            }
            if (b.active()) {
                activeBlock = b;
            }
            String status = b.active()
                    ? "ACTIVE, " + minutes(Duration.between(now, b.end())) + " left"
                    : minutes(Duration.between(b.start(), b.lastActivity()));
            List<String> cells = new ArrayList<>(List.of(local(b.start()), status,
                    String.join(", ", UsageOutput.shortNames(sorted(b.models()))), UsageOutput.number(b.turns()),
                    UsageOutput.number(b.totalTokens())));
            if (limit != null) {
                cells.add(String.format(Locale.ROOT, "%.1f%%", 100.0 * b.totalTokens() / limit));
            }
            cells.add(b.unpricedTurns() > 0 ? "-" : UsageOutput.money(b.costUsd()));
            rows.add(cells.toArray(new String[0]));
        }
        String[] header = limit == null
                ? new String[] {"Block start", "Duration / status", "Models", "Turns", "Tokens", "Cost (USD)"}
                : new String[] {"Block start", "Duration / status", "Models", "Turns", "Tokens", "% of limit",
                    "Cost (USD)"};
        boolean[] right = new boolean[header.length];
        Palette.Tone[] tones = new Palette.Tone[header.length];
        TextTable.Shape[] shapes = new TextTable.Shape[header.length];
        for (int i = 0; i < header.length; i++) {
            right[i] = i >= 3;
            shapes[i] = TextTable.Shape.FIXED;
        }
        shapes[2] = TextTable.Shape.LIST;
        shapes[3] = TextTable.Shape.dropped(1, true);
        shapes[4] = TextTable.Shape.dropped(3, false);
        if (limit != null) {
            shapes[5] = TextTable.Shape.dropped(2, false);
        }
        tones[header.length - 1] = Palette.Tone.MONEY;
        TextTable.print(out, header, rows, null, right, tones, palette, shapes, room);
        if (activeBlock != null) {
            active(out, activeBlock);
        }
        if (unpriced > 0) {
            out.println(UsageOutput.turns(unpriced) + " of unpriced models: a block with any of them shows its cost "
                    + "as -.");
        }
    }

    private void active(PrintWriter out, BillingBlock b) {
        out.println();
        out.printf(Locale.ROOT, "Active block: %s to %s, %s left%n", local(b.start()), local(b.end()),
                minutes(Duration.between(now, b.end())));
        BillingBlock.BurnRate rate = b.burnRate();
        if (rate != null) {
            out.printf(Locale.ROOT, "  burn rate: %,.0f tokens/min (%,.0f input and output), %s/hour%n",
                    rate.tokensPerMinute(), rate.tokensPerMinuteForIndicator(), UsageOutput.money(rate.costPerHour()));
        }
        BillingBlock.Projection projection = b.projection(now);
        if (projection != null) {
            out.printf(Locale.ROOT, "  projected by its end: %,d tokens, %s%n", projection.totalTokens(),
                    UsageOutput.money(projection.totalCost()));
            if (limit != null) {
                out.printf(Locale.ROOT, "  token limit %,d: %.1f%% used now, %.1f%% projected (%s)%n", limit,
                        100.0 * b.totalTokens() / limit, 100.0 * projection.totalTokens() / limit,
                        status(projection.totalTokens()));
            }
        }
    }

    void json(PrintWriter out, List<BillingBlock> blocks) {
        ObjectNode root = JsonText.NODES.objectNode();
        ArrayNode list = root.putArray("blocks");
        for (BillingBlock b : blocks) {
            ObjectNode row = list.addObject();
            row.put("id", (b.gap() ? "gap-" : "") + ISO.format(b.start()));
            row.put("startTime", ISO.format(b.start()));
            row.put("endTime", ISO.format(b.end()));
            if (b.lastActivity() == null) {
                row.putNull("actualEndTime");
            } else {
                row.put("actualEndTime", ISO.format(b.lastActivity()));
            }
            row.put("isActive", b.active());
            row.put("isGap", b.gap());
            row.put("entries", b.turns());
            ObjectNode counts = row.putObject("tokenCounts");
            counts.put("inputTokens", b.inputTokens());
            counts.put("outputTokens", b.outputTokens());
            counts.put("cacheCreationInputTokens", b.cacheCreationTokens());
            counts.put("cacheReadInputTokens", b.cacheReadTokens());
            row.put("totalTokens", b.totalTokens());
            row.put("costUSD", b.costUsd());
            ArrayNode models = row.putArray("models");
            b.models().forEach(models::add);
            if (b.unpricedTurns() > 0) {
                row.put("unpricedTurns", b.unpricedTurns());
            }
            BillingBlock.BurnRate rate = b.active() ? b.burnRate() : null;
            BillingBlock.Projection projection = b.active() ? b.projection(now) : null;
            if (rate == null) {
                row.putNull("burnRate");
            } else {
                ObjectNode r = row.putObject("burnRate");
                r.put("tokensPerMinute", rate.tokensPerMinute());
                r.put("tokensPerMinuteForIndicator", rate.tokensPerMinuteForIndicator());
                r.put("costPerHour", rate.costPerHour());
            }
            if (projection == null) {
                row.putNull("projection");
            } else {
                ObjectNode p = row.putObject("projection");
                p.put("totalTokens", projection.totalTokens());
                p.put("totalCost", projection.totalCost());
                p.put("remainingMinutes", projection.remainingMinutes());
                if (limit != null) {
                    ObjectNode s = row.putObject("tokenLimitStatus");
                    s.put("limit", limit);
                    s.put("projectedUsage", projection.totalTokens());
                    s.put("percentUsed", 100.0 * projection.totalTokens() / limit);
                    s.put("status", status(projection.totalTokens()));
                }
            }
        }
        out.println(JsonText.pretty(root));
    }

    void csv(PrintWriter out, List<BillingBlock> blocks) {
        out.println("start,end,last_activity,is_active,is_gap,turns,input_tokens,output_tokens,cache_creation_tokens,"
                + "cache_read_tokens,total_tokens,cost_usd,unpriced_turns,models");
        for (BillingBlock b : blocks) {
            out.println(String.join(",", ISO.format(b.start()), ISO.format(b.end()),
                    b.lastActivity() == null ? "" : ISO.format(b.lastActivity()), Boolean.toString(b.active()),
                    Boolean.toString(b.gap()), Long.toString(b.turns()), Long.toString(b.inputTokens()),
                    Long.toString(b.outputTokens()), Long.toString(b.cacheCreationTokens()),
                    Long.toString(b.cacheReadTokens()), Long.toString(b.totalTokens()),
                    String.format(Locale.ROOT, "%.6f", b.costUsd()), Long.toString(b.unpricedTurns()),
                    Csv.field(String.join(";", b.models()))));
        }
    }

    private String status(long projectedTokens) {
        return projectedTokens > limit ? "exceeds" : projectedTokens > limit * WARNING_SHARE ? "warning" : "ok";
    }

    private static List<String> sorted(List<String> models) {
        List<String> names = new ArrayList<>(models);
        names.sort(null);
        return names;
    }

    private String local(Instant instant) {
        return LOCAL.format(instant.atZone(zone));
    }

    private static String minutes(Duration d) {
        long m = Math.max(0, d.toMinutes());
        return m >= 60 ? (m / 60) + "h " + (m % 60) + "m" : m + "m";
    }

    private static String hours(Instant from, Instant to) {
        return Math.round(Duration.between(from, to).toMinutes() / 60.0) + "h";
    }
}
