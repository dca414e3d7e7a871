package io.tokenomics.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tokenomics.query.QuerySession;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Write one self-contained HTML page of charts: daily cost with its 7-day average, cost by "
                + "model, the session-cost distribution with p50/p95/p99, the costliest sessions, the cache hit "
                + "ratio over time, context growth, what carrying tool output cost, and the unpriced models.",
            "The page needs no network: the charting library (uPlot) and the data are inside it. --json prints "
                + "the data instead."},
        footer = {"", "Examples:", "  tokenomics dashboard --open",
            "  tokenomics dashboard --since 2026-10-01 --out october.html",
            "  tokenomics dashboard --project '%%billing%%' --out - > billing.html",
            "  tokenomics dashboard --json --no-refresh > dashboard.json"})
final class DashboardCommand implements Callable<Integer> {
    static final String DEFAULT_FILE = "tokenomics-dashboard.html";

    @Mixin
    ReportOptions options;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = DEFAULT_FILE,
            description = "Where to write the page; - for stdout (default: " + DEFAULT_FILE + ").")
    String out;

    @Option(names = "--open", description = "Open the page in the default browser when written.")
    boolean open;

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "15",
            description = "Sessions in the list of the costliest (default: 15).")
    int top;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (top < 1) {
            throw new UserException("--top must be at least 1, not " + top);
        }
        boolean toStdout = out.equals("-");
        if (open && (toStdout || options.json)) {
            throw new UserException("--open needs a page written to a file (not --out - or --json)");
        }
        ObjectNode data;
        try (QuerySession session = options.open(spec.commandLine().getErr())) {
            data = DashboardData.read(session, options.filter(), top, options.zone(), version());
        }
        PrintWriter stdout = spec.commandLine().getOut();
        if (options.json) {
            stdout.println(data.toPrettyString());
            stdout.flush();
            return 0;
        }
        String page = DashboardPage.render(data);
        if (toStdout) {
            stdout.print(page);
            stdout.flush();
            return 0;
        }
        Path file = Path.of(out).toAbsolutePath().normalize();
        write(file, page);
        if (!options.settings.quiet) {
            stdout.printf(Locale.ROOT, "dashboard: %s (%,d kB)%n", file, (page.length() + 1023) / 1024);
            stdout.flush();
        }
        if (open) {
            browse(file);
        }
        return 0;
    }

    private static void write(Path file, String page) {
        try {
            Path dir = file.getParent();
            if (dir != null) {
                Files.createDirectories(dir);
            }
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + Main.describe(e), e);
        }
    }

    /** Hands the file to the desktop's opener; a machine without one gets a message, the page stays written. */
    private void browse(Path file) {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        List<String> command = os.contains("mac") ? List.of("open", file.toString())
                : os.contains("win") ? List.of("rundll32", "url.dll,FileProtocolHandler", file.toString())
                : List.of("xdg-open", file.toString());
        try {
            new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            spec.commandLine().getErr().println("tokenomics: cannot start " + command.get(0) + " (" + Main.describe(e)
                    + "); open " + file + " in a browser");
        }
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "dev";
    }
}
