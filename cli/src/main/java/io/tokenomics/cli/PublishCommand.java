package io.tokenomics.cli;

import io.tokenomics.lake.Lake;
import io.tokenomics.lake.PublishOptions;
import io.tokenomics.lake.PublishSummary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Add this machine's committed rows that the lake lacks to a lake shared by a team: a folder "
                + "(local, a network mount, a synced bucket folder) of Hive-partitioned Parquet, one folder per "
                + "table, partitioned by host and month. Every report reads a lake with --data LAKE.",
            "Each machine writes only new files under its own host name, each renamed into place whole; publishing "
                + "again adds only what is new."},
        footer = {"", "Examples:", "  tokenomics publish /mnt/team/tokenomics-lake",
            "  TOKENOMICS_LAKE_SALT=our-secret tokenomics publish ~/Dropbox/lake --anonymize",
            "  tokenomics daily --data /mnt/team/tokenomics-lake --by user"})
final class PublishCommand implements Callable<Integer> {
    /** The variable that holds the team's salt for {@code --anonymize}. */
    static final String SALT_VARIABLE = "TOKENOMICS_LAKE_SALT";

    @Mixin
    Settings settings;

    @Parameters(paramLabel = "LAKE", description = "The lake's folder, made at the first publish.")
    Path lake;

    @Option(names = "--anonymize", description = "Publish user, host and project names, and the paths and branch "
            + "names that hold them, as hashes salted with $" + SALT_VARIABLE + ", a secret the team shares "
            + "(the same names then hash alike on every machine).")
    boolean anonymize;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path data = settings.dataDir();
        if (!Files.isDirectory(data) || Lake.isLake(data)) {
            throw new UserException("no dataset at " + data + " to publish; read transcripts into one first: "
                    + "tokenomics ingest");
        }
        Path target = lake.toAbsolutePath().normalize();
        if (target.equals(data) || target.startsWith(data)) {
            throw new UserException("the lake " + target + " must be outside the dataset " + data);
        }
        String salt = null;
        if (anonymize) {
            salt = settings.defaults().variables().get(SALT_VARIABLE);
            if (salt == null || salt.isEmpty()) {
                throw new UserException("--anonymize hashes names with a salt the team shares: set "
                        + SALT_VARIABLE);
            }
        }
        PublishSummary summary = Lake.publish(new PublishOptions(data, target, settings.threadCount(), salt,
                10_000));
        if (!settings.quiet) {
            spec.commandLine().getOut().println(summary.line());
        }
        return 0;
    }
}
