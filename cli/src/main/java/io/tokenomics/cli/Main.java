package io.tokenomics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tokenomics} command. */
@Command(name = "tokenomics", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Token economics of AI coding agents: ingest Claude Code transcripts into a Parquet dataset "
                + "and report what each day, session, project and model cost.",
        footer = {"", "Examples:", "  tokenomics daily --since 2026-10-01", "  tokenomics dashboard --open",
            "  tokenomics sql \"SELECT * FROM sessions ORDER BY cost_usd DESC LIMIT 5\"",
            "  tokenomics help daily", "  source <(tokenomics completion bash)"})
public final class Main {
    /** Exit code of a user mistake: bad option, bad date, unknown zone, SQL error. */
    static final int USAGE = 2;
    /** When set, the process writes its peak resident memory (kB) to this file before exiting: for bench. */
    static final String PEAK_RSS_FILE = "TOKENOMICS_PEAK_RSS_FILE";
    /** The subcommands, in the order of the help. */
    static final java.util.List<Class<?>> COMMANDS = java.util.List.of(IngestCommand.class, AgentsCommand.class,
            DailyCommand.class,
            WeeklyCommand.class, MonthlyCommand.class, SessionCommand.class, BlocksCommand.class, TailCommand.class,
            CacheCommand.class, ContextCommand.class, ToolsCommand.class, TasksCommand.class, CommitsCommand.class,
            BudgetCommand.class,
            ModelsCommand.class, SqlCommand.class, GenerateCommand.class, DemoCommand.class, BenchCommand.class,
            WhatifCommand.class, DashboardCommand.class, StatuslineCommand.class, ConfigCommand.class,
            RepairCommand.class, PublishCommand.class, DdlCommand.class,
            CompletionCommand.class, CommandLine.HelpCommand.class);

    /** What the commands read as standard input ({@code statusline}); tests give their own. */
    java.io.InputStream stdin = System.in;

    public static void main(String[] args) {
        // The JVM takes user.home from the password database, not from HOME, so a user who sets HOME (a sandbox, a
        // container, a test) would see another account's ~/.claude and dataset. Code outside the cli (transcript
        // discovery, the dataset's default place) reads user.home; setting it from HOME here, before any of it
        // runs, makes every default path follow HOME.
        String home = System.getenv("HOME");
        if (home != null && !home.isBlank()) {
            System.setProperty("user.home", home);
        }
        NativeLibraries.useTheOnesBesideTheJar();
        int code = args.length == 1 && args[0].equals("statusline") ? statusline() : run(args);
        String rssFile = System.getenv(PEAK_RSS_FILE);
        if (rssFile != null) {
            writePeakRss(java.nio.file.Path.of(rssFile));
        }
        System.exit(code);
    }

    /**
     * A bare {@code tokenomics statusline}, as Claude Code runs it at every update: answered from the figures of the
     * last call when nothing changed since, before picocli is set up (it was a large share of such a call); else
     * the command runs as any other, on the same input.
     */
    private static int statusline() {
        byte[] input;
        try {
            input = System.in.readNBytes(StatusInput.MAX_BYTES + 1);
        } catch (java.io.IOException e) {
            input = new byte[0];
        }
        java.util.Map<String, String> environment = System.getenv();
        String cached = StatuslineCommand.cachedLine(input, Defaults.load(environment), java.time.Instant.now());
        if (cached != null) {
            java.io.PrintStream out = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out),
                    true, java.nio.charset.StandardCharsets.UTF_8);
            out.println(cached);
            out.flush();
            return 0;
        }
        return run(new java.io.ByteArrayInputStream(input), new java.io.PrintWriter(new java.io.OutputStreamWriter(
                System.out, java.nio.charset.StandardCharsets.UTF_8), true), new java.io.PrintWriter(
                new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true),
                environment, "statusline");
    }

    /** Linux only: VmHWM of /proc/self/status. Elsewhere the file is left empty. */
    private static void writePeakRss(java.nio.file.Path target) {
        try {
            java.nio.file.Path status = java.nio.file.Path.of("/proc/self/status");
            String peak = "";
            if (java.nio.file.Files.exists(status)) {
                for (String line : java.nio.file.Files.readAllLines(status)) {
                    if (line.startsWith("VmHWM:")) {
                        peak = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    }
                }
            }
            java.nio.file.Files.writeString(target, peak);
        } catch (java.io.IOException e) {
            // Measuring is best effort; the command's own result stands.
        }
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(new java.io.OutputStreamWriter(System.out,
                java.nio.charset.StandardCharsets.UTF_8), true), new java.io.PrintWriter(new java.io.OutputStreamWriter(
                System.err, java.nio.charset.StandardCharsets.UTF_8), true), args);
    }

    /** Runs the command line writing to the given streams; for tests. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** Runs the command line with the defaults this environment (and the config file it names) gives. */
    static int run(java.io.PrintWriter out, java.io.PrintWriter err, java.util.Map<String, String> environment,
            String... given) {
        return run(System.in, out, err, environment, given);
    }

    /** Runs the command line with {@code in} as standard input. */
    static int run(java.io.InputStream in, java.io.PrintWriter out, java.io.PrintWriter err,
            java.util.Map<String, String> environment, String... given) {
        // A bare "tokenomics" is "tokenomics daily", as a bare "ccusage" is its daily report.
        String[] args = given.length == 0 ? new String[] {"daily"} : given;
        Defaults defaults = Defaults.load(environment);
        for (String problem : defaults.problems()) {
            err.println("tokenomics: " + problem);
        }
        Main main = new Main();
        main.stdin = in;
        CommandLine commandLine = new CommandLine(main);
        addSubcommands(commandLine, args.length > 0 ? args[0] : null);
        commandLine.setOut(out).setErr(err).setUsageHelpAutoWidth(true).setDefaultValueProvider(defaults)
                .setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            boolean debug = parseResult.hasMatchedOption("--debug")
                    || parseResult.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
            if (debug) {
                e.printStackTrace(cl.getErr());
            }
            if (e instanceof UserException) {
                cl.getErr().println("tokenomics: " + e.getMessage());
                return USAGE;
            }
            cl.getErr().println("tokenomics: " + describe(e));
            return 1;
        });
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Registers the subcommand the command line names, or all of them when it names none (help, completion, a
     * mistake): picocli reads the annotations of every registered command at start, and reading all of them slowed
     * every run.
     */
    private static void addSubcommands(CommandLine commandLine, String first) {
        if (first != null && !first.equals("help") && !first.equals("completion")) {
            for (Class<?> command : COMMANDS) {
                if (first.equals(command.getAnnotation(Command.class).name())) {
                    add(commandLine, command);
                    return;
                }
            }
        }
        for (Class<?> command : COMMANDS) {
            add(commandLine, command);
        }
    }

    private static void add(CommandLine commandLine, Class<?> command) {
        commandLine.addSubcommand(command);
        if (command == DashboardCommand.class) {
            // The report options include --csv, which a page has no form of: not offered, not accepted.
            CommandLine.Model.CommandSpec dashboard = commandLine.getSubcommands().get("dashboard").getCommandSpec();
            dashboard.remove(dashboard.findOption("--csv"));
        }
    }

    static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null
                || t instanceof java.util.concurrent.ExecutionException)) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** The version from the jar manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"tokenomics " + (version != null ? version : "dev")};
        }
    }
}
