package io.tokenomics.cli;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.commit.Repair;
import io.tokenomics.ingest.IngestSummary;
import io.tokenomics.ingest.ProgressListener;
import io.tokenomics.lake.Lake;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "repair", mixinStandardHelpOptions = true,
        description = "Check every table file of the dataset; when one is missing or unreadable, or the manifest is "
                + "lost, rebuild the manifest from the files present and read the transcripts still on disk again.",
        footer = {"", "Examples:", "  tokenomics repair", "  tokenomics repair ~/backup/claude --data /tmp/ds"})
final class RepairCommand implements Callable<Integer> {
    @Mixin
    Settings settings;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Where to read the transcripts again from (default: the roots ingest reads).")
    List<Path> paths;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path data = settings.dataDir();
        if (!Files.isDirectory(data)) {
            throw new UserException("no dataset at " + data);
        }
        if (Lake.isLake(data)) {
            throw new UserException(data + " is a lake, not a dataset: a report over it names any file it cannot "
                    + "read, and the machine that published it publishes it again");
        }
        Dataset dataset = new Dataset(data);
        Repair.Outcome outcome = Repair.run(dataset, settings.threadCount(), settings.hostName(), settings.userName(),
                10_000);
        PrintWriter out = spec.commandLine().getOut();
        if (outcome.tables().isEmpty()) {
            out.println("tokenomics: " + data + " has never been written: nothing to repair");
            return 0;
        }
        if (!outcome.needsReread()) {
            int files = outcome.tables().stream().mapToInt(Repair.TableCheck::filesRead).sum();
            out.printf("the dataset is sound: %d table files checked, %,d turns%n", files,
                    outcome.tables().get(0).rowsKept());
            return 0;
        }
        out.println(switch (outcome.manifest()) {
            case MISSING -> "manifest.json was missing: rebuilt from the table files present";
            case UNREADABLE -> "manifest.json could not be read (moved into " + Repair.damagedFolder(dataset)
                    + "): rebuilt from the table files present";
            default -> "manifest.json names files that are missing or unreadable: rebuilt from the files present";
        });
        for (Repair.TableCheck check : outcome.tables()) {
            if (!check.missing().isEmpty()) {
                out.printf("  %s: %d files missing: %s%n", check.table().tableName(), check.missing().size(),
                        String.join(", ", check.missing()));
            }
            if (!check.damaged().isEmpty()) {
                out.printf("  %s: %d files unreadable, moved into %s: %s%n", check.table().tableName(),
                        check.damaged().size(), Repair.damagedFolder(dataset), String.join(", ", check.damaged()));
            }
        }
        long recovered = outcome.tables().get(0).rowsKept();
        out.printf("  %,d turns kept from the table files%n", recovered);
        boolean given = paths != null && !paths.isEmpty();
        List<Path> roots = given ? paths : settings.defaultRoots();
        long after = recovered;
        if (roots.stream().anyMatch(Files::exists)) {
            IngestSummary summary = settings.ingest(roots, given, true, ProgressListener.NONE);
            out.println("  transcripts read again: " + summary.line());
            after = summary.turnsTotal();
        } else {
            out.println("  no transcripts found to read again (" + String.join(", ",
                    roots.stream().map(Path::toString).toList()) + ")");
        }
        long missingTranscripts = outcome.transcripts().stream().filter(p -> !Files.exists(Path.of(p))).count();
        Long before = outcome.tables().get(0).rowsBefore();
        if (before == null) {
            out.printf("%,d turns now; the lost manifest's count is unknown, so what could not be recovered cannot be "
                    + "told%n", after);
        } else if (after >= before) {
            out.printf("%,d turns now, %,d before: nothing lost%n", after, before);
        } else {
            out.printf("%,d turns now, %,d before: %,d could not be recovered (their table file was lost and %d of "
                    + "the transcripts read before are no longer on disk)%n", after, before, before - after,
                    missingTranscripts);
        }
        return 0;
    }
}
