package io.tokenomics.cli;

import io.tokenomics.ingest.Agents;
import io.tokenomics.ingest.Discovery;
import io.tokenomics.ingest.SourceFile;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportTable;
import io.tokenomics.query.Results;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code tokenomics agents}: every agent the ingest reads, where its logs are on this machine (or under the paths
 * given), what is there now, and what the dataset holds of it.
 */
@Command(name = "agents", mixinStandardHelpOptions = true,
        description = {"Agents: for each coding agent tokenomics reads, its log folders found on this machine (or "
                + "under the paths given), the files and bytes in them now, and its first and last activity, turns "
                + "and cost in the dataset."},
        footer = {"", "Examples:", "  tokenomics agents", "  tokenomics agents --json",
            "  # what a backup of another machine's home holds", "  tokenomics agents ~/backup/home --no-refresh"})
final class AgentsCommand implements Callable<Integer> {
    private static final String SQL = "SELECT agent, min(ts) AS first_ts, max(ts) AS last_ts, count(*) AS turns,"
            + " usd_sum(cost_usd) AS cost_usd,"
            + " count(*) FILTER (WHERE cost_usd IS NULL AND model IS DISTINCT FROM '<synthetic>') AS unpriced_turns"
            + " FROM turns WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)"
            + " GROUP BY agent";

    @Mixin
    ReportOptions options;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Folders to look in instead of the agents' default ones (a home folder's copy, a backup).")
    List<Path> paths;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** What one agent has on disk now and in the dataset. */
    private static final class Found {
        final List<String> roots = new ArrayList<>();
        long files;
        long bytes;
        Instant first;
        Instant last;
        long turns;
        Double cost;
        long unpricedTurns;
    }

    @Override
    public Integer call() throws Exception {
        List<String> chosen = options.filter().agents();
        Map<String, Found> agents = new TreeMap<>();
        boolean given = paths != null && !paths.isEmpty();
        List<Path> roots = new ArrayList<>();
        for (Agents.Agent agent : Agents.all(options.settings.defaults().environment())) {
            Found found = new Found();
            agents.put(agent.name(), found);
            for (Path root : given ? List.<Path>of() : agent.defaultRoots()) {
                roots.add(root);
                if (Files.exists(root)) {
                    found.roots.add(root.toString());
                }
            }
        }
        if (given) {
            roots.addAll(paths);
        }
        onDisk(agents, roots, given);
        PrintWriter err = spec.commandLine().getErr();
        try (QuerySession session = options.open(err, false)) {
            options.filter().apply(session);
            inDataset(agents, session);
        }
        List<List<Object>> rows = new ArrayList<>();
        agents.forEach((name, found) -> {
            if (chosen == null || chosen.contains(name)) {
                rows.add(Arrays.asList(name, List.copyOf(found.roots), found.files, found.bytes, found.first,
                        found.last, found.turns, found.cost, found.unpricedTurns));
            }
        });
        ReportTable table = new ReportTable("agents", "Agents: log folders found, files now, turns and cost in the "
                + "dataset", List.of("agent", "roots", "files", "bytes", "first_activity", "last_activity", "turns",
                    "cost_usd", "unpriced_turns"), rows);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            SectionOutput.json(out, List.of(table));
        } else if (options.csv) {
            SectionOutput.csv(out, List.of(table));
        } else {
            SectionOutput.table(out, List.of(table), options.zone());
        }
        out.flush();
        return 0;
    }

    /** Lists the files under the roots as an ingest would, and counts them by the agent they are a log of. */
    private void onDisk(Map<String, Found> agents, List<Path> roots, boolean given) {
        Discovery discovery = new Discovery(options.settings.threadCount());
        for (SourceFile file : discovery.discover(roots, given)) {
            Found found = agents.computeIfAbsent(file.source().agent(), name -> new Found());
            found.files++;
            found.bytes += file.size();
            if (given) {
                for (Path root : paths) {
                    String name = root.toAbsolutePath().normalize().toString();
                    if (file.path().startsWith(root.toAbsolutePath().normalize()) && !found.roots.contains(name)) {
                        found.roots.add(name);
                    }
                }
            }
        }
        for (String problem : discovery.problems()) {
            spec.commandLine().getErr().println("tokenomics: " + problem);
        }
    }

    /** Adds each agent's activity, turns and cost in the dataset, under the report's filters. */
    private static void inDataset(Map<String, Found> agents, QuerySession session) throws SQLException {
        try (ResultSet rs = session.query(SQL)) {
            while (rs.next()) {
                Found found = agents.computeIfAbsent(rs.getString("agent"), name -> new Found());
                found.first = rs.getObject("first_ts", java.time.OffsetDateTime.class).toInstant();
                found.last = rs.getObject("last_ts", java.time.OffsetDateTime.class).toInstant();
                found.turns = rs.getLong("turns");
                found.unpricedTurns = rs.getLong("unpriced_turns");
                found.cost = found.unpricedTurns == found.turns ? null : Results.moneyOrZero(rs, "cost_usd");
            }
        }
    }
}
