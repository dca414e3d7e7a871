package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.FileTrees;
import io.tokenomics.corpus.CorpusGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure, in one run on one corpus: a full ingest, a re-ingest with nothing changed, a daily "
                + "report, DuckDB read_json to Parquet, and ccusage when it is on PATH. Each ingest and report runs "
                + "in a child JVM, as a user runs them, so start-up is included. Prints medians and ratios and "
                + "writes them as JSON.",
        footer = {"", "Examples:", "  # generates a 1 GB corpus once, then measures", "  tokenomics bench",
            "  tokenomics bench --size-mb 200 --runs 5", "  tokenomics bench --corpus ~/.claude --threads 2,1"})
final class BenchCommand implements Callable<Integer> {
    /** The commit's part of an ingest's phases line, as {@code IngestSummary.phases} writes it. */
    private static final Pattern PHASES = Pattern.compile("^tokenomics: discover .* s, commit ([0-9.]+) s$");

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--corpus", paramLabel = "DIR", description = "Measure this corpus instead of a generated one.")
    Path corpus;

    @Option(names = "--size-mb", paramLabel = "MB", defaultValue = "1000",
            description = "Size of the generated corpus (default: 1000).")
    long sizeMb;

    @Option(names = "--work", paramLabel = "DIR", description = "Where corpora and datasets go (default: temp dir).")
    Path work;

    @Option(names = "--runs", paramLabel = "N", defaultValue = "3", description = "Runs of each step (median shown).")
    int runs;

    @Option(names = "--threads", paramLabel = "N[,N...]", split = ",", defaultValue = "0,1",
            description = "Thread counts of the full ingest; 0 means all cores (default: 0,1).")
    int[] threads;

    @Option(names = "--json-out", paramLabel = "FILE", description = "Write the results here (default: bench.json "
            + "in the work dir).")
    Path jsonOut;

    @Option(names = "--no-duckdb", description = "Skip DuckDB read_json.")
    boolean noDuckdb;

    @Option(names = "--no-ccusage", description = "Skip ccusage even when it is on PATH.")
    boolean noCcusage;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new UserException("--runs must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path base = work != null ? work : Path.of(System.getProperty("java.io.tmpdir"), "tokenomics-bench");
        Files.createDirectories(base);
        Path input = corpus != null ? corpus : generated(base, out);
        long bytes = jsonlBytes(input);
        double mb = bytes / 1e6;
        out.printf(Locale.ROOT, "corpus %s: %.1f MB of JSONL, %d cores%n", input, mb,
                Runtime.getRuntime().availableProcessors());
        ObjectNode result = JsonText.NODES.objectNode();
        result.put("corpus", input.toString());
        result.put("megabytes", mb);
        result.put("cores", Runtime.getRuntime().availableProcessors());
        ArrayNode steps = result.putArray("steps");

        Step cat = measure(out, "read all files (cat)", runs, () -> catAll(input));
        List<Step> all = new ArrayList<>(List.of(cat));
        Step firstIngest = null;
        Path data = base.resolve("bench-data");
        for (int t : threads) {
            String label = "full ingest, " + (t == 0 ? "all cores" : t + (t == 1 ? " thread" : " threads"));
            List<String> args = new ArrayList<>(List.of("ingest", input.toString(), "--data", data.toString(),
                    "--quiet"));
            if (t > 0) {
                args.add("--threads");
                args.add(Integer.toString(t));
            }
            Step ingest = measureChild(out, label, runs, args, () -> FileTrees.delete(data), true);
            all.add(ingest);
            if (firstIngest == null) {
                firstIngest = ingest;
            }
        }
        all.add(measureChild(out, "re-ingest, nothing changed", runs,
                List.of("ingest", input.toString(), "--data", data.toString(), "--quiet"), null, false));
        all.add(measureChild(out, "daily report (--json)", runs,
                List.of("daily", "--data", data.toString(), "--json", "--no-refresh", "--tz", "UTC"), null, false));
        if (!noDuckdb) {
            Path parquet = base.resolve("duckdb-read-json.parquet");
            all.add(measure(out, "DuckDB read_json -> Parquet", runs, () -> duckdbReadJson(input, parquet)));
        }
        Path ccusage = noCcusage ? null : onPath("ccusage");
        if (ccusage != null) {
            all.add(measureProcess(out, "ccusage claude daily --json", runs, List.of(ccusage.toString(), "claude",
                    "daily", "--json", "--offline", "--timezone", "UTC"), input));
        } else if (!noCcusage) {
            out.println("ccusage not on PATH: skipped (npm i ccusage@20.0.24 @ccusage/ccusage-linux-x64@20.0.24)");
        }
        out.println();
        String[] header = {"Step", "Median s", "MB/s", "vs full ingest", "Peak RSS MB"};
        List<String[]> rows = new ArrayList<>();
        for (Step step : all) {
            ObjectNode node = steps.addObject();
            node.put("step", step.name);
            node.put("median_seconds", step.median());
            node.put("mb_per_second", mb / step.median());
            node.put("ratio_to_full_ingest", step.median() / firstIngest.median());
            putArray(node.putArray("seconds"), step.seconds);
            if (step.peakRssMb > 0) {
                node.put("peak_rss_mb", step.peakRssMb);
            }
            if (step.commitSeconds != null) {
                putArray(node.putArray("commit_seconds"), step.commitSeconds);
                node.put("commit_share_median", step.commitShare());
            }
            rows.add(new String[] {step.name, String.format(Locale.ROOT, "%.3f", step.median()),
                String.format(Locale.ROOT, "%,.0f", mb / step.median()),
                String.format(Locale.ROOT, "%.2fx", step.median() / firstIngest.median()),
                step.peakRssMb > 0 ? String.format(Locale.ROOT, "%,.0f", step.peakRssMb) : ""});
        }
        TextTable.print(out, header, rows, null, 1);
        for (Step step : all) {
            if (step.commitSeconds != null) {
                out.printf(Locale.ROOT, "%ncommit of the %s: %s s; median share of its run's wall time %.0f %%",
                        step.name, format(step.commitSeconds), 100 * step.commitShare());
            }
        }
        out.println();
        Path target = jsonOut != null ? jsonOut : base.resolve("bench.json");
        Files.writeString(target, JsonText.pretty(result));
        out.println("\nresults: " + target);
        return 0;
    }

    private Path generated(Path base, PrintWriter out) throws IOException {
        Path dir = base.resolve("corpus-" + sizeMb + "mb");
        if (!Files.exists(dir.resolve("expected.json"))) {
            FileTrees.delete(dir);
            out.printf(Locale.ROOT, "generating a %d MB corpus in %s ...%n", sizeMb, dir);
            CorpusGenerator.generate(new CorpusGenerator.Options(dir, 100, 20_261_122L, sizeMb * 1_000_000));
        }
        return dir;
    }

    /**
     * One measured step: its wall times, the highest peak RSS of its runs, and for a full ingest the commit's seconds
     * of each run, by the ingest's own timer.
     */
    private static final class Step {
        final String name;
        final double[] seconds;
        double peakRssMb;
        double[] commitSeconds;

        Step(String name, int runs) {
            this.name = name;
            this.seconds = new double[runs];
        }

        double median() {
            return median(seconds);
        }

        /** The median over the runs of the commit's share of the run's wall time. */
        double commitShare() {
            double[] shares = new double[seconds.length];
            for (int i = 0; i < shares.length; i++) {
                shares[i] = commitSeconds[i] / seconds[i];
            }
            return median(shares);
        }

        private static double median(double[] values) {
            double[] sorted = values.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    private interface Action {
        void run() throws Exception;
    }

    private static Step measure(PrintWriter progress, String name, int runs, Action action) throws Exception {
        Step step = new Step(name, runs);
        for (int i = 0; i < runs; i++) {
            long started = System.nanoTime();
            action.run();
            step.seconds[i] = (System.nanoTime() - started) / 1e9;
        }
        progress.printf(Locale.ROOT, "  %-34s %s s%n", name, format(step.seconds));
        progress.flush();
        return step;
    }

    /**
     * Runs this program in a child JVM with the same flags, {@code before} each run (not timed). With
     * {@code commitTimed}, an ingest also reports its phases ({@code --debug}), and the step keeps each run's commit
     * seconds; the child's other messages still reach the terminal.
     */
    private static Step measureChild(PrintWriter progress, String name, int runs, List<String> args, Action before,
            boolean commitTimed) throws Exception {
        Step step = new Step(name, runs);
        if (commitTimed) {
            step.commitSeconds = new double[runs];
        }
        for (int i = 0; i < runs; i++) {
            if (before != null) {
                before.run();
            }
            Path rss = Files.createTempFile("tokenomics-rss", ".txt");
            Path err = commitTimed ? Files.createTempFile("tokenomics-err", ".txt") : null;
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.addAll(args);
            if (commitTimed) {
                command.add("--debug");
            }
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(err != null ? ProcessBuilder.Redirect.to(err.toFile())
                            : ProcessBuilder.Redirect.INHERIT);
            builder.environment().put(Main.PEAK_RSS_FILE, rss.toString());
            long started = System.nanoTime();
            int exit = builder.start().waitFor();
            step.seconds[i] = (System.nanoTime() - started) / 1e9;
            if (err != null) {
                step.commitSeconds[i] = commitSeconds(err);
                Files.deleteIfExists(err);
            }
            if (exit != 0) {
                throw new IllegalStateException(name + ": child exited with " + exit);
            }
            String peak = Files.readString(rss).trim();
            if (!peak.isEmpty()) {
                step.peakRssMb = Math.max(step.peakRssMb, Long.parseLong(peak) / 1024.0);
            }
            Files.deleteIfExists(rss);
        }
        progress.printf(Locale.ROOT, "  %-34s %s s%n", name, format(step.seconds));
        progress.flush();
        return step;
    }

    /**
     * The commit's seconds from an ingest's phases line ({@code --debug}) in its captured error output; the other
     * lines are passed on to this process's. NaN when the line is missing (a run that failed).
     */
    static double commitSeconds(Path err) throws IOException {
        double seconds = Double.NaN;
        for (String line : Files.readAllLines(err)) {
            Matcher phases = PHASES.matcher(line);
            if (phases.find()) {
                seconds = Double.parseDouble(phases.group(1));
            } else {
                System.err.println(line);
            }
        }
        return seconds;
    }

    private static Step measureProcess(PrintWriter progress, String name, int runs, List<String> command,
            Path configDir) throws Exception {
        Step step = new Step(name, runs);
        for (int i = 0; i < runs; i++) {
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("CLAUDE_CONFIG_DIR", configDir.toString());
            long started = System.nanoTime();
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(name + " took more than 10 minutes");
            }
            step.seconds[i] = (System.nanoTime() - started) / 1e9;
        }
        progress.printf(Locale.ROOT, "  %-34s %s s%n", name, format(step.seconds));
        progress.flush();
        return step;
    }

    private static void catAll(Path root) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
        for (Path file : jsonlFiles(root)) {
            try (FileChannel channel = FileChannel.open(file)) {
                while (channel.read(buffer) >= 0) {
                    buffer.clear();
                }
            }
        }
    }

    /** What a user does without us: the usage fields of the assistant lines through read_json into Parquet. */
    private static void duckdbReadJson(Path root, Path parquet) throws Exception {
        try (Connection connection = DuckDb.openInMemory(Runtime.getRuntime().availableProcessors());
             Statement statement = connection.createStatement()) {
            String glob = DuckDb.literal(root.toAbsolutePath() + "/**/*.jsonl");
            statement.execute("COPY (SELECT message.id AS message_id, message.model AS model, timestamp,"
                    + " message.usage.input_tokens AS input_tokens, message.usage.output_tokens AS output_tokens,"
                    + " message.usage.cache_creation_input_tokens AS cache_creation_input_tokens,"
                    + " message.usage.cache_read_input_tokens AS cache_read_input_tokens"
                    + " FROM read_json(" + glob + ", format = 'newline_delimited', ignore_errors = true,"
                    + " maximum_object_size = 67108864, union_by_name = true,"
                    + " columns = {type: 'VARCHAR', timestamp: 'VARCHAR', message: 'STRUCT(id VARCHAR, model VARCHAR,"
                    + " usage STRUCT(input_tokens BIGINT, output_tokens BIGINT, cache_creation_input_tokens BIGINT,"
                    + " cache_read_input_tokens BIGINT))'})"
                    + " WHERE type = 'assistant') TO " + DuckDb.literal(parquet.toString())
                    + " (FORMAT PARQUET, COMPRESSION ZSTD)");
        }
    }

    private static long jsonlBytes(Path root) throws IOException {
        long total = 0;
        for (Path file : jsonlFiles(root)) {
            total += Files.size(file);
        }
        return total;
    }

    private static List<Path> jsonlFiles(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(f -> f.toString().endsWith(".jsonl") && Files.isRegularFile(f)).toList();
        }
    }

    private static Path onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void putArray(ArrayNode array, double[] values) {
        for (double v : values) {
            array.add(v);
        }
    }

    private static String format(double[] values) {
        List<String> parts = new ArrayList<>();
        for (double v : values) {
            parts.add(String.format(Locale.ROOT, "%.3f", v));
        }
        return String.join(" ", parts);
    }

}
