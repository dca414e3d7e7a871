package io.tokenomics.cli;

import io.tokenomics.corpus.CorpusGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true,
        description = "Write a synthetic Claude Code corpus in the real format (every known defect included), "
                + "with the totals it must yield in expected.json.",
        footer = {"", "Examples:", "  tokenomics generate --out /tmp/corpus --sessions 2000 --seed 7",
            "  tokenomics generate --out /tmp/corpus-1g --size-mb 1000"})
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where to write (a config dir).")
    Path out;

    @Option(names = "--sessions", paramLabel = "N", defaultValue = "1000", description = "Sessions (default: 1000).")
    int sessions;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: 1).")
    long seed;

    @Option(names = "--size-mb", paramLabel = "MB", defaultValue = "0",
            description = "Keep adding sessions until about this many MB are written.")
    long sizeMb;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (sessions < 1 || sizeMb < 0) {
            throw new UserException("--sessions must be at least 1 and --size-mb not negative");
        }
        long started = System.nanoTime();
        CorpusGenerator.Result result = CorpusGenerator.generate(
                new CorpusGenerator.Options(out, sessions, seed, sizeMb * 1_000_000));
        double seconds = (System.nanoTime() - started) / 1e9;
        spec.commandLine().getOut().printf(Locale.ROOT,
                "generated %,d sessions in %,d files, %.1f MB in %.1f s; expected totals in %s%n",
                result.sessions(), result.files(), result.bytes() / 1e6, seconds, result.expectedFile());
        return 0;
    }
}
