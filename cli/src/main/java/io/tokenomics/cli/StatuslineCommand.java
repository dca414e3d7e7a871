package io.tokenomics.cli;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.PriceTable;
import io.tokenomics.ingest.Ingest;
import io.tokenomics.ingest.ProgressListener;
import io.tokenomics.query.BillingBlock;
import io.tokenomics.query.BillingBlocks;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportFilter;
import io.tokenomics.query.UsageReport;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The line Claude Code shows under its prompt. Claude Code runs the command at every update of the conversation
 * with a JSON object on stdin ({@link StatusInput}) and shows the first line printed.
 *
 * <p>A call reads what is new in the session's transcript (and its sub-agents' files) into the dataset, then asks
 * the dataset for the figures: so the session's cost is the one {@code tokenomics session} gives, with the same
 * prices and dedup. The figures are kept in {@code ${XDG_CACHE_HOME:-~/.cache}/tokenomics/statusline/}, one file per
 * session, under a key made of the transcript's size, time and identity, the dataset's last run, the day and the
 * zone: a call that finds the same key answers from the file without starting DuckDB, which is what keeps a call
 * with nothing new well under half a second (docs/performance.md, "The status line").
 *
 * <p>It never fails Claude Code: any failure prints one short line and exits 0.
 */
@Command(name = "statusline", mixinStandardHelpOptions = true,
        description = {"One line for Claude Code's status line: model, session / today / 5-hour block cost, time "
                + "left in the block, burn rate, context tokens and their share of the model's window.",
            "Reads Claude Code's status JSON on stdin, ingests what is new in that session's transcript, and keeps "
                + "its figures between calls. Always exits 0: on a failure it prints a short line instead.",
            "Install it in ~/.claude/settings.json: "
                + "{\"statusLine\": {\"type\": \"command\", \"command\": \"/path/to/tokenomics statusline\"}}"},
        footer = {"", "Examples:", "  tokenomics statusline < status.json"})
final class StatuslineCommand implements Callable<Integer> {
    /** How long a call waits for another ingest of the dataset before answering from the dataset as it is. */
    private static final long LOCK_WAIT_MILLIS = 200;

    @Mixin
    Settings settings;

    @Option(names = {"-z", "--tz", "--timezone"}, paramLabel = "ZONE",
            description = "IANA time zone of 'today' (default: timezone in the config file, else the system zone).")
    String timeZone;

    @Option(names = "--no-cache", description = "Ask the dataset at every call, not the figures of the last call.")
    boolean noCache;

    @ParentCommand
    Main main;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        StatusInput input = null;
        try {
            input = StatusInput.read(main.stdin);
            out.println(line(input, Instant.now()));
        } catch (Exception | LinkageError | OutOfMemoryError | StackOverflowError e) {
            if (settings.debug) {
                e.printStackTrace(spec.commandLine().getErr());
            }
            out.println(failure(input, e));
        }
        out.flush();
        return 0;
    }

    /** The short line printed instead: the model when known, and what went wrong. */
    static String failure(StatusInput input, Throwable e) {
        String reason = e instanceof NoDataException || e instanceof UserException
                || e instanceof IllegalArgumentException ? e.getMessage() : Main.describe(e);
        if (reason == null || reason.isBlank()) {
            reason = e.getClass().getSimpleName();
        }
        reason = reason.replaceAll("\\s+", " ").strip();
        if (reason.length() > 100) {
            reason = reason.substring(0, 99) + "…";
        }
        String model = input == null ? null : input.modelLabel();
        return (model != null && !model.isBlank() ? "🤖 " + model + " | " : "") + "tokenomics: " + reason;
    }

    private String line(StatusInput input, Instant now) throws IOException, SQLException {
        Call call = Call.of(input, settings.dataDir(), Settings.zone(timeZone), settings.pricing, now,
                settings.defaults().variables());
        if (!noCache) {
            String cached = call.cachedLine();
            if (cached != null) {
                return cached;
            }
        }
        boolean ingested = ingest(call.transcript(), call.data());
        StatusFigures figures = figures(call);
        if (ingested && !noCache) {
            try {
                figures.write(call.cacheFile());
            } catch (IOException e) {
                // The next call asks the dataset again: slower, never wrong.
            }
        }
        return figures.line(input.modelLabel(), call.now());
    }

    /**
     * The line from the figures of the last call, when nothing they were made from has changed; else null. Called
     * by {@link Main} before it parses the command line, for a bare {@code tokenomics statusline}: picocli's set-up
     * was a large share of a call that answers from the cache.
     */
    static String cachedLine(byte[] stdin, Defaults defaults, Instant now) {
        try {
            String pricing = defaults.value(Defaults.Key.PRICING).value();
            Call call = Call.of(StatusInput.read(new java.io.ByteArrayInputStream(stdin)),
                    Path.of(defaults.value(Defaults.Key.DATA).value()).toAbsolutePath().normalize(),
                    Settings.zone(defaults.value(Defaults.Key.TIMEZONE).value()),
                    pricing == null ? null : Path.of(pricing), now, defaults.variables());
            return call.cachedLine();
        } catch (IOException | RuntimeException e) {
            return null; // the command itself says what is wrong
        }
    }

    /**
     * One call: its input and settings, and the key of its figures.
     *
     * @param base what the figures depend on but the dataset's run: the transcript's path, size, time and identity,
     *     the session, the model, the day, the zone, the dataset and the prices
     */
    private record Call(StatusInput input, Path transcript, String sessionId, Path data, ZoneId zone, Instant now,
            LocalDate today, String base, Path cacheFile) {

        static Call of(StatusInput input, Path data, ZoneId zone, Path pricing, Instant now,
                Map<String, String> environment) {
            Path transcript = input.transcript().toAbsolutePath().normalize();
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(transcript, BasicFileAttributes.class);
            } catch (IOException e) {
                throw new NoDataException("no transcript at " + transcript);
            }
            if (!attributes.isRegularFile()) {
                throw new NoDataException("the transcript " + transcript + " is not a file");
            }
            LocalDate today = LocalDate.ofInstant(now, zone);
            String sessionId = input.sessionId() != null ? input.sessionId() : sessionOf(transcript);
            String base = String.join("|", transcript.toString(), Long.toString(attributes.size()),
                    Long.toString(attributes.lastModifiedTime().toMillis()), String.valueOf(attributes.fileKey()),
                    sessionId, String.valueOf(input.modelId()), today.toString(), zone.getId(), data.toString(),
                    String.valueOf(pricing));
            return new Call(input, transcript, sessionId, data, zone, now, today, base,
                    StatuslineCommand.cacheFile(environment, sessionId));
        }

        /** The key of figures made now: the base and the dataset's last run. */
        String key() throws IOException {
            return base + "|" + new Dataset(data).tables().map(Manifest::runId).orElse("none");
        }

        /** The line from the figures kept, if their key is this call's; else null. */
        String cachedLine() throws IOException {
            if (!Files.isRegularFile(data.resolve("manifest.json"))) {
                return null;
            }
            StatusFigures cached = StatusFigures.read(cacheFile);
            return cached != null && cached.key().equals(key()) ? cached.line(input.modelLabel(), now)
                    : null;
        }
    }

    /** The session id of a transcript named {@code <session>.jsonl}, for an input without one. */
    private static String sessionOf(Path transcript) {
        String name = transcript.getFileName().toString();
        return name.endsWith(".jsonl") ? name.substring(0, name.length() - ".jsonl".length()) : name;
    }

    /**
     * {@code ${XDG_CACHE_HOME:-~/.cache}/tokenomics/statusline/<session>.properties}; a session id that is not a
     * plain name is replaced by its hash.
     */
    static Path cacheFile(Map<String, String> environment, String sessionId) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(Defaults.home(environment), ".cache");
        String name = sessionId.matches("[A-Za-z0-9_.-]{1,100}") && !sessionId.startsWith(".") ? sessionId
                : "session-" + Integer.toHexString(sessionId.hashCode());
        return base.resolve("tokenomics").resolve("statusline").resolve(name + ".properties");
    }

    /**
     * Reads what is new in the transcript and in its sub-agents' folder ({@code <session>/} beside it) into the
     * dataset. False when another ingest holds the dataset: the figures then come from the dataset as it is.
     */
    private boolean ingest(Path transcript, Path data) throws IOException {
        List<Path> roots = new ArrayList<>(List.of(transcript));
        Path sessionFolder = transcript.resolveSibling(sessionOf(transcript));
        if (Files.isDirectory(sessionFolder)) {
            roots.add(sessionFolder);
        }
        Files.createDirectories(data);
        try {
            Ingest.run(Ingest.builder(roots, data).reportMissingRoots(false).threads(1)
                    .prices(settings.lazyPrices()).host(settings.hostName()).user(settings.userName())
                    .lockWaitMillis(LOCK_WAIT_MILLIS).progress(ProgressListener.NONE).build());
            return true;
        } catch (Ingest.LockedException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Asks the dataset for the figures of the line. */
    private StatusFigures figures(Call call) throws IOException, SQLException {
        LocalDate today = call.today();
        Instant now = call.now();
        String key = call.key();
        try (QuerySession session = QuerySession.open(call.data(), call.zone(), settings.threadCount())) {
            // Today and the block are Claude Code's, as ccusage's are: daily and blocks with --agent claude.
            UsageReport.ModelUsage day = UsageReport.totals(UsageReport.daily(session,
                    new ReportFilter(today, today, null, null, List.of("claude"))));
            BillingBlock running = BillingBlocks.active(session,
                    new ReportFilter(null, null, null, null, List.of("claude")), now, BillingBlocks.DEFAULT_HOURS);
            StatusFigures.Block block = null;
            if (running != null) {
                BillingBlock.BurnRate rate = running.burnRate();
                Instant idleEnd = running.lastActivity().plusSeconds((long) (BillingBlocks.DEFAULT_HOURS * 3600));
                block = new StatusFigures.Block(running.end(), idleEnd.isBefore(running.end()) ? idleEnd
                        : running.end(), running.costUsd(), running.unpricedTurns(),
                        rate == null ? null : rate.costPerHour());
            }
            // The session as tokenomics session --id gives it; the query below reads the session_id this sets.
            UsageReport.ModelUsage total = UsageReport.totals(UsageReport.sessions(session, ReportFilter.NONE,
                    call.sessionId()));
            long contextTokens = -1;
            String lastModel = null;
            try (ResultSet rs = session.query("SELECT context_tokens, model FROM turns"
                    + " WHERE session_id = getvariable('session_id') AND agent_id IS NULL"
                    + " AND NOT coalesce(is_sidechain, false) AND model IS DISTINCT FROM '<synthetic>'"
                    + " ORDER BY ts DESC, line_offset DESC LIMIT 1")) {
                if (rs.next()) {
                    contextTokens = rs.getLong("context_tokens");
                    lastModel = rs.getString("model");
                }
            }
            return new StatusFigures(key, total.cost(), total.unpricedTurns(), day.cost(), day.unpricedTurns(), block,
                    contextTokens, contextWindow(call.input().modelId(), lastModel));
        }
    }

    /**
     * The context window of the model Claude Code names (its {@code [1m]} form: a million tokens), else of the
     * session's last model; 0 when the price table gives none.
     */
    private long contextWindow(String modelId, String lastModel) {
        if (modelId != null && modelId.endsWith("[1m]")) {
            return 1_000_000;
        }
        PriceTable prices = settings.prices();
        for (String model : new String[] {modelId, lastModel}) {
            int index = model == null ? PriceTable.UNPRICED : prices.indexOf(model);
            if (index >= 0 && prices.contextWindow(index) > 0) {
                return prices.contextWindow(index);
            }
        }
        return 0;
    }
}
