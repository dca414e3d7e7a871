package io.tokenomics.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tokenomics} command. */
@Command(name = "tokenomics", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Token economics of AI coding agents: ingest Claude Code transcripts into a Parquet dataset "
                + "and report what each day, session, project and model cost.",
        subcommands = {IngestCommand.class, DailyCommand.class, SessionCommand.class, SqlCommand.class,
                GenerateCommand.class, DemoCommand.class, CommandLine.HelpCommand.class})
public final class Main {
    /** Exit code of a user mistake: bad option, bad date, unknown zone, SQL error. */
    static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage error). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
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
        return commandLine.execute(args);
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
