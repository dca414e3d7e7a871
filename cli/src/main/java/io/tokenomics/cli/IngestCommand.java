package io.tokenomics.cli;

import io.tokenomics.ingest.IngestSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Read new transcript lines into the dataset (only what changed since the last run).",
        footer = {"", "Examples:", "  # every agent's default folders (tokenomics agents lists them)",
            "  tokenomics ingest",
            "  tokenomics ingest ~/backup/claude --data /tmp/ds",
            "  # read every file again from the start", "  tokenomics ingest --full"})
final class IngestCommand implements Callable<Integer> {
    @Mixin
    Settings settings;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "An agent's log folder (a Claude config dir, a Codex home, ...), any folder of logs, or one "
                    + "file (default: every agent's folders, or where the variables it honours point: "
                    + "CLAUDE_CONFIG_DIR, CODEX_HOME, GEMINI_DATA_DIR, ...; tokenomics agents lists them).")
    List<Path> paths;

    @Option(names = "--user", paramLabel = "NAME",
            description = "Person's name written to every row (default: user in the config file, else $USER).")
    String user;

    @Option(names = "--full", description = "Read every file from the start, as if never ingested.")
    boolean full;

    @Option(names = "--keep-reject-samples", description = "Keep the first 200 bytes of each rejected line in "
            + "rejects.sample. Unsafe to share: a rejected line may hold a prompt or a secret.")
    boolean keepRejectSamples;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        boolean given = paths != null && !paths.isEmpty();
        List<Path> roots = given ? paths : settings.defaultRoots();
        if (given) {
            List<String> missing = new ArrayList<>();
            for (Path p : paths) {
                if (!Files.exists(p)) {
                    missing.add(p.toString());
                }
            }
            if (!missing.isEmpty()) {
                throw new UserException(String.join(", ", missing) + ": no such file or directory");
            }
        } else if (roots.stream().noneMatch(Files::exists)) {
            throw NoDataException.noTranscripts(roots);
        }
        settings.user = user;
        IngestSummary summary = settings.ingest(roots, given, full, IngestProgress.forTerminal(settings.quiet),
                keepRejectSamples);
        if (summary.filesSeen() == 0) {
            if (!given) {
                throw NoDataException.noTranscripts(roots);
            }
            throw new NoDataException("no transcripts (.jsonl files) under " + String.join(", ",
                    paths.stream().map(Path::toString).toList()));
        }
        var err = spec.commandLine().getErr();
        for (String problem : summary.problems()) {
            err.println("tokenomics: " + problem);
        }
        if (!settings.quiet) {
            spec.commandLine().getOut().println(summary.line());
        }
        if (settings.debug) {
            // Asked for by name, so also under --quiet: bench reads it to time the commit.
            err.println("tokenomics: " + summary.phases());
        }
        return 0;
    }
}
