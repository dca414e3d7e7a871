package io.tokenomics.cli;

import io.tokenomics.columnar.PriceTable;
import io.tokenomics.ingest.Discovery;
import io.tokenomics.ingest.Ingest;
import io.tokenomics.ingest.IngestSummary;
import io.tokenomics.ingest.ProgressListener;
import io.tokenomics.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Options shared by every command that reads or writes the dataset. */
final class Settings {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Dataset directory (default: $TOKENOMICS_DATA, else data in the config file, else "
                    + "${XDG_DATA_HOME:-~/.local/share}/tokenomics).")
    Path data;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--pricing", paramLabel = "FILE",
            description = "Prices in LiteLLM's model_prices_and_context_window.json format (default: pricing in "
                    + "the config file, else the embedded table).")
    Path pricing;

    @Option(names = "--host", paramLabel = "NAME",
            description = "Machine name written to every row (default: host in the config file, else this host).")
    String host;

    /** The person's name an ingest writes to every row: {@code ingest --user}, else the config file, else $USER. */
    String user;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but the result.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces of failures.")
    boolean debug;

    /** This mixin's own spec: its options, and the command line whose default value provider filled them. */
    @Spec(Spec.Target.SELF)
    CommandSpec self;

    /** Whether --data was given on the command line (not taken from the environment or the config file). */
    boolean dataGiven() {
        return self != null && !self.findOption("--data").originalStringValues().isEmpty();
    }

    /** The defaults the command line was parsed with (the environment and the config file). */
    Defaults defaults() {
        if (self != null && self.commandLine() != null
                && self.commandLine().getDefaultValueProvider() instanceof Defaults d) {
            return d;
        }
        return Defaults.load(System.getenv());
    }

    Path dataDir() {
        Path dir = data != null ? data : Path.of(defaults().value(Defaults.Key.DATA).value());
        return dir.toAbsolutePath().normalize();
    }

    int threadCount() {
        if (threads != null && threads < 1) {
            throw new UserException("--threads must be at least 1, not " + threads);
        }
        return threads != null ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * The prices for an ingest, which asks for them only when it has lines to read: the embedded table is parsed
     * then; a user's --pricing file at once, so that a mistake in it is reported whatever the run finds.
     */
    Supplier<PriceTable> lazyPrices() {
        if (pricing == null) {
            return PriceTable::embedded;
        }
        PriceTable table = prices();
        return () -> table;
    }

    PriceTable prices() {
        if (pricing == null) {
            return PriceTable.embedded();
        }
        try {
            return PriceTable.fromFile(pricing);
        } catch (IOException | RuntimeException e) {
            throw new UserException("cannot read prices from " + pricing + ": " + Main.describe(e), e);
        }
    }

    String hostName() {
        return host != null ? host : defaults().value(Defaults.Key.HOST).value();
    }

    String userName() {
        return user != null ? user : defaults().value(Defaults.Key.USER).value();
    }

    IngestSummary ingest(List<Path> roots, boolean rootsGiven, boolean full, ProgressListener progress) {
        return ingest(roots, rootsGiven, full, progress, false);
    }

    /** {@code rejectSamples}: rejects keep their first bytes (unsafe to share: they may hold prompts or secrets). */
    IngestSummary ingest(List<Path> roots, boolean rootsGiven, boolean full, ProgressListener progress,
            boolean rejectSamples) {
        try {
            return run(roots, rootsGiven, full, progress, rejectSamples, 10_000);
        } catch (Ingest.LockedException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    /**
     * Brings the dataset up to date before a report. When another ingest holds it for more than a second, the report
     * answers from the last committed dataset: returns null then.
     */
    IngestSummary refresh(List<Path> roots, ProgressListener progress) {
        try {
            return run(roots, false, false, progress, false, 1_000);
        } catch (Ingest.LockedException e) {
            return null;
        }
    }

    private IngestSummary run(List<Path> roots, boolean rootsGiven, boolean full, ProgressListener progress,
            boolean rejectSamples, long lockWaitMillis) throws Ingest.LockedException {
        Path dir = dataDir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserException("data directory " + dir + " is a file");
        }
        if (Lake.isLake(dir)) {
            throw new UserException(dir + " is a lake, which only publish writes: ingest into a dataset of this "
                    + "machine and publish that");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserException("cannot create data directory " + dir + ": " + Main.describe(e), e);
        }
        if (!Files.isWritable(dir)) {
            throw new UserException("data directory " + dir + " is not writable");
        }
        try {
            return Ingest.run(Ingest.builder(roots, dir).reportMissingRoots(rootsGiven).threads(threadCount())
                    .prices(lazyPrices()).full(full).host(hostName()).user(userName()).lockWaitMillis(lockWaitMillis)
                    .progress(progress)
                    .rejectSamples(rejectSamples).build());
        } catch (Ingest.LockedException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The roots ingested when none are given: the environment's, else the config file's, else the usual. */
    List<Path> defaultRoots() {
        return Discovery.defaultRoots(defaults().environment());
    }

    static ZoneId zone(String id) {
        if (id == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(id);
        } catch (RuntimeException e) {
            throw new UserException("unknown time zone '" + id + "' (use an IANA name such as Europe/Berlin or UTC)");
        }
    }

}
