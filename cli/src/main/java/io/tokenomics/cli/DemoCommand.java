package io.tokenomics.cli;

import io.tokenomics.columnar.FileTrees;
import io.tokenomics.ingest.IngestSummary;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.query.QuerySession;
import io.tokenomics.query.ReportFilter;
import io.tokenomics.query.UsageReport;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "The main job on a generated corpus: generate, ingest, then the daily report and the "
                + "costliest sessions.",
        footer = {"", "Examples:", "  tokenomics demo", "  tokenomics demo --sessions 5000 --out /tmp/demo"})
final class DemoCommand implements Callable<Integer> {
    @Mixin
    Settings settings;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where the corpus and its dataset go (default: a folder in the temp directory).")
    Path out;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1500", description = "Sessions (default: 1500).")
    int sessions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: 42).")
    long seed;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path base = this.out != null ? this.out : Path.of(System.getProperty("java.io.tmpdir"), "tokenomics-demo");
        Path corpus = base.resolve("corpus-" + seed + "-" + sessions);
        Path data = base.resolve("data-" + seed + "-" + sessions);
        if (!Files.exists(corpus.resolve("expected.json"))) {
            FileTrees.delete(corpus);
            out.println("generating " + sessions + " sessions into " + corpus + " ...");
            CorpusGenerator.Result generated = CorpusGenerator.generate(
                    new CorpusGenerator.Options(corpus, sessions, seed, 0));
            out.printf(Locale.ROOT, "  %,d files, %.1f MB%n", generated.files(), generated.bytes() / 1e6);
        }
        settings.data = data;
        IngestSummary summary = settings.ingest(List.of(corpus), true, false,
                IngestNotice.beforeReport(spec.commandLine().getErr(), settings.quiet));
        out.println(summary.line());
        out.println();
        try (QuerySession session = QuerySession.open(data, ZoneOffset.UTC, settings.threadCount())) {
            out.println("Daily cost (UTC)");
            UsageOutput.periodTable(out, UsageReport.daily(session, ReportFilter.NONE), "Date", false, false, false,
                    new TextTable.Room(TerminalWidth.of(settings.defaults().variables()), false), Palette.terminal());
            out.println();
            out.println("Costliest sessions");
            costliest(out, session);
        }
        out.println();
        out.println("Dataset: " + data + "   (try: ./tokenomics sql --data " + data
                + " \"SELECT * FROM sessions ORDER BY cost_usd DESC LIMIT 5\")");
        return 0;
    }

    private static void costliest(PrintWriter out, QuerySession session) throws java.sql.SQLException {
        List<String[]> rows = new ArrayList<>();
        try (ResultSet rs = session.query("SELECT session_id, project, primary_model, turns, "
                + "round(duration_s / 60) AS minutes, cost_usd FROM sessions ORDER BY cost_usd DESC NULLS LAST "
                + "LIMIT 10")) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString(1).substring(0, Math.min(8, rs.getString(1).length())),
                    rs.getString(2), rs.getString(3), UsageOutput.number(rs.getLong(4)),
                    UsageOutput.number(rs.getLong(5)), UsageOutput.money(rs.getDouble(6))});
            }
        }
        TextTable.print(out, new String[] {"Session", "Project", "Model", "Turns", "Minutes", "Cost (USD)"}, rows,
                null, 3);
    }
}
