package io.tokenomics.cli;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.Table;
import io.tokenomics.ingest.Agents;
import io.tokenomics.ingest.IngestSummary;
import io.tokenomics.lake.Lake;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportFilter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of every report: the dataset, the period, the time zone, the output form. */
final class ReportOptions {
    @Mixin
    Settings settings;

    @Mixin
    TeamOptions team;

    @Option(names = {"-s", "--since"}, paramLabel = "DATE", converter = DateConverter.class,
            description = "First day to include (YYYY-MM-DD or YYYYMMDD), in the report time zone.")
    LocalDate since;

    @Option(names = {"-u", "--until"}, paramLabel = "DATE", converter = DateConverter.class,
            description = "Last day to include (YYYY-MM-DD or YYYYMMDD).")
    LocalDate until;

    @Option(names = {"-z", "--tz", "--timezone"}, paramLabel = "ZONE",
            description = "IANA time zone for days (default: timezone in the config file, else the system zone).")
    String timeZone;

    @Option(names = {"-p", "--project"}, paramLabel = "P",
            description = "Only projects whose name holds P, in any case (a SQL LIKE pattern when P holds a %%).")
    String project;

    @Option(names = {"-m", "--model"}, paramLabel = "M", description = "Only this model (SQL LIKE pattern).")
    String model;

    @Option(names = "--agent", paramLabel = "NAME", split = ",", completionCandidates = AgentNames.class,
            description = "Only these agents, comma-separated (claude, codex, gemini, ...: 'tokenomics agents' lists "
                    + "them; default: all).")
    List<String> agent;

    @Option(names = {"-j", "--json"}, description = "JSON output (shaped like ccusage's --json).")
    boolean json;

    @Option(names = "--csv", description = "CSV output.")
    boolean csv;

    @Option(names = "--no-refresh",
            description = "Do not ingest new transcripts from the default roots before reporting.")
    boolean noRefresh;

    ZoneId zone() {
        return Settings.zone(timeZone);
    }

    ReportFilter filter() {
        if (since != null && until != null && since.isAfter(until)) {
            throw new UserException("--since " + since + " is after --until " + until);
        }
        return new ReportFilter(since, until, project, model, agents(agent));
    }

    /**
     * The agents {@code --agent} names, checked against the ingest's registry, in alphabetical order; null when it
     * names none or {@code all}.
     */
    static List<String> agents(List<String> given) {
        if (given == null) {
            return null;
        }
        Set<String> chosen = new TreeSet<>();
        List<String> known = Agents.names();
        for (String name : given) {
            String agent = name.strip().toLowerCase(Locale.ROOT);
            if (agent.equals("all")) {
                return null;
            }
            if (!known.contains(agent)) {
                throw new UserException("unknown agent '" + name.strip() + "' for --agent; the agents are: "
                        + String.join(", ", known) + " (or all)");
            }
            chosen.add(agent);
        }
        return chosen.isEmpty() ? null : List.copyOf(chosen);
    }

    /** Whether the report covers Codex alone: its JSON then has the shape of {@code ccusage codex}'s. */
    boolean codexOnly() {
        return List.of("codex").equals(agents(agent));
    }

    /**
     * Opens the dataset for a report, first ingesting new transcripts from the default roots unless told not to or
     * given an explicit dataset. A report over no data stops with {@link NoDataException} (exit code 1): no
     * transcript under the default roots, or a dataset without turns; an explicit {@code --data} that does not exist
     * is a usage error.
     */
    QuerySession open(PrintWriter err) throws IOException, SQLException {
        return open(err, true);
    }

    /** @param requireData whether a dataset without turns stops the command ({@code sql} runs on empty tables) */
    QuerySession open(PrintWriter err, boolean requireData) throws IOException, SQLException {
        ZoneId zone = zone();
        filter();
        team.check();
        if (json && csv) {
            throw new UserException("--json and --csv exclude each other");
        }
        Path dir = settings.dataDir();
        if (settings.dataGiven() && !Files.isDirectory(dir)) {
            throw new UserException("--data " + dir + ": no such directory");
        }
        if (Lake.isLake(dir)) {
            return team.openLake(dir, zone, settings.threadCount(), settings.defaults().lakeCache(), err,
                    requireData);
        }
        if (!noRefresh && !settings.dataGiven()) {
            List<Path> roots = settings.defaultRoots();
            long seen = 0;
            if (roots.stream().anyMatch(Files::exists)) {
                IngestSummary summary = settings.refresh(roots, IngestNotice.beforeReport(err, settings.quiet));
                if (summary == null) {
                    err.println("tokenomics: another ingest is writing " + dir + "; this report is from the last "
                            + "committed dataset");
                    seen = -1;
                } else {
                    seen = summary.filesSeen();
                    if (summary.filesRead() > 0 && !settings.quiet) {
                        err.println(summary.line());
                    }
                }
            }
            if (seen == 0 && requireData && turns(dir) == 0) {
                throw NoDataException.noTranscripts(roots);
            }
        }
        if (requireData && turns(dir) == 0) {
            throw new NoDataException("the dataset " + dir + " is empty: no turns ingested yet. Read transcripts "
                    + "into it with: tokenomics ingest [PATH]" + (settings.dataGiven() ? " --data " + dir : ""));
        }
        return team.apply(QuerySession.open(dir, zone, settings.threadCount()));
    }

    /** The turns of the dataset's last committed run; 0 when it has none or does not exist. */
    private static long turns(Path dir) throws IOException {
        return new Dataset(dir).tables().map(m -> m.rowCount(Table.TURNS)).orElse(0L);
    }

    /** What bash completion offers for {@code --agent}: every agent of the ingest's registry, and {@code all}. */
    static final class AgentNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            List<String> names = new java.util.ArrayList<>(Agents.names());
            names.add("all");
            return names.iterator();
        }
    }

    /** Reads YYYY-MM-DD or YYYYMMDD. */
    static final class DateConverter implements CommandLine.ITypeConverter<LocalDate> {
        @Override
        public LocalDate convert(String value) {
            try {
                return value.length() == 8 ? LocalDate.parse(value, DateTimeFormatter.BASIC_ISO_DATE)
                        : LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                throw new CommandLine.TypeConversionException(
                        "'" + value + "' is not a date (use YYYY-MM-DD or YYYYMMDD)");
            }
        }
    }
}
