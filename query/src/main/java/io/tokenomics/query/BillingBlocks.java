package io.tokenomics.query;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Folds turns in time order into 5-hour billing windows, as ccusage's {@code blocks} does: a block starts at the
 * UTC hour (floored) of its first turn; a turn more than 5 hours after its block's start, or more than 5 hours
 * after the previous turn, closes the block and starts the next one; an idle time of more than 5 hours between two
 * turns also yields a gap block. The rule is sequential (a block's start depends on the block before it), which is
 * why it runs here and not in SQL.
 */
public final class BillingBlocks {
    /** The SQL resource with the turns to fold. */
    public static final String SQL = "blocks.sql";

    private static final long HOUR_US = 3_600_000_000L;
    /** ccusage's length of a block, in hours. */
    public static final double DEFAULT_HOURS = 5;

    private final Instant now;
    private final long lengthUs;
    private final List<BillingBlock> blocks = new ArrayList<>();
    private boolean open;
    private long startUs;
    private long firstUs;
    private long lastUs;
    private long turns;
    private long input;
    private long output;
    private long cacheCreation;
    private long cacheRead;
    private double cost;
    private long unpriced;
    private List<String> models = new ArrayList<>();

    /** @param now the time that decides which block is active */
    public BillingBlocks(Instant now) {
        this(now, DEFAULT_HOURS);
    }

    /**
     * @param now the time that decides which block is active
     * @param hours the length of a block (and the idle time that ends one), as ccusage's {@code --session-length}
     */
    public BillingBlocks(Instant now, double hours) {
        if (!(hours > 0) || hours > 24 * 366) {
            throw new IllegalArgumentException("a block must last more than 0 hours, not " + hours);
        }
        this.now = now;
        this.lengthUs = Math.round(hours * HOUR_US);
    }

    /** Every block and gap of the turns that match the filter's project and model, oldest first. */
    public static List<BillingBlock> query(QuerySession session, ReportFilter filter, Instant now)
            throws SQLException {
        return query(session, filter, now, DEFAULT_HOURS);
    }

    /** Every block and gap, with blocks of {@code hours}. */
    public static List<BillingBlock> query(QuerySession session, ReportFilter filter, Instant now, double hours)
            throws SQLException {
        filter.variables().apply(session);
        BillingBlocks fold = new BillingBlocks(now, hours);
        try (ResultSet rs = session.query(ReportSql.load(SQL).sections().get(0).sql())) {
            while (rs.next()) {
                fold.addRow(rs);
            }
        }
        return fold.finish();
    }

    /** The SQL resource with the turns since the last idle time longer than a block. */
    public static final String ACTIVE_SQL = "active-block.sql";

    /**
     * The block that holds {@code now}, of the turns that match the filter's project and model; null when none does.
     * The same block as {@link #query} finds, from the turns since the last idle time longer than a block only.
     */
    public static BillingBlock active(QuerySession session, ReportFilter filter, Instant now, double hours)
            throws SQLException {
        BillingBlocks fold = new BillingBlocks(now, hours);
        filter.variables().integer("block_us", fold.lengthUs).apply(session);
        try (ResultSet rs = session.query(QuerySession.resource(ACTIVE_SQL))) {
            while (rs.next()) {
                fold.addRow(rs);
            }
        }
        List<BillingBlock> blocks = fold.finish();
        BillingBlock last = blocks.isEmpty() ? null : blocks.get(blocks.size() - 1);
        return last != null && last.active() ? last : null;
    }

    /** Adds the turn of a row of {@link #SQL} or {@link #ACTIVE_SQL}. */
    private void addRow(ResultSet rs) throws SQLException {
        double turnCost = rs.getDouble("cost_usd");
        boolean priced = !rs.wasNull();
        add(rs.getLong("ts_us"), rs.getString("model"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_creation_tokens"), rs.getLong("cache_read_tokens"), priced ? turnCost : 0, priced);
    }

    /** The blocks that start on a day of the filter's period in {@code zone}. */
    public static List<BillingBlock> inPeriod(List<BillingBlock> blocks, ReportFilter filter, ZoneId zone) {
        List<BillingBlock> kept = new ArrayList<>();
        for (BillingBlock b : blocks) {
            LocalDate day = LocalDate.ofInstant(b.start(), zone);
            if ((filter.since() == null || !day.isBefore(filter.since()))
                    && (filter.until() == null || !day.isAfter(filter.until()))) {
                kept.add(b);
            }
        }
        return kept;
    }

    /** The most tokens of a finished block (not a gap, not active): ccusage's {@code --token-limit max}. */
    public static long maxTokens(List<BillingBlock> blocks) {
        long max = 0;
        for (BillingBlock b : blocks) {
            if (!b.gap() && !b.active()) {
                max = Math.max(max, b.totalTokens());
            }
        }
        return max;
    }

    /** Adds the next turn; turns must come in time order. {@code cost} is 0 for an unpriced turn. */
    public void add(long tsUs, String model, long inputTokens, long outputTokens, long cacheCreationTokens,
            long cacheReadTokens, double costUsd, boolean priced) {
        if (open && tsUs < lastUs) {
            throw new IllegalArgumentException("turns out of time order");
        }
        if (open && (tsUs - startUs > lengthUs || tsUs - lastUs > lengthUs)) {
            long idleFrom = lastUs;
            close();
            if (tsUs - idleFrom > lengthUs) {
                blocks.add(new BillingBlock(instant(idleFrom + lengthUs), instant(tsUs), null, null, false, true, 0,
                        0, 0, 0, 0, 0, 0, List.of()));
            }
        }
        if (!open) {
            open = true;
            startUs = Math.floorDiv(tsUs, HOUR_US) * HOUR_US;
            firstUs = tsUs;
        }
        lastUs = tsUs;
        turns++;
        input += inputTokens;
        output += outputTokens;
        cacheCreation += cacheCreationTokens;
        cacheRead += cacheReadTokens;
        cost += costUsd;
        if (!priced && !UsageReport.SYNTHETIC.equals(model)) {
            unpriced++;
        }
        if (model != null && !UsageReport.SYNTHETIC.equals(model) && !models.contains(model)) {
            models.add(model);
        }
    }

    /** Closes the last block and returns them all. */
    public List<BillingBlock> finish() {
        if (open) {
            close();
        }
        return List.copyOf(blocks);
    }

    private void close() {
        Instant end = instant(startUs + lengthUs);
        Instant last = instant(lastUs);
        boolean active = now.isBefore(last.plusMillis(lengthUs / 1000)) && now.isBefore(end);
        blocks.add(new BillingBlock(instant(startUs), end, instant(firstUs), last, active, false, turns, input, output,
                cacheCreation, cacheRead, cost, unpriced, models));
        open = false;
        turns = 0;
        input = 0;
        output = 0;
        cacheCreation = 0;
        cacheRead = 0;
        cost = 0;
        unpriced = 0;
        models = new ArrayList<>();
    }

    private static Instant instant(long epochUs) {
        return Instant.ofEpochSecond(Math.floorDiv(epochUs, 1_000_000L), Math.floorMod(epochUs, 1_000_000L) * 1000);
    }
}
