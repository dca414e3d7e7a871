package io.tokenomics.cli;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/** Options of the reports made of SQL sections: which sections to show, and how long their lists are. */
final class SectionOptions {
    @Option(names = "--section", paramLabel = "NAME", split = ",",
            description = "Only these sections (comma-separated; the JSON keys). With --csv, one section gives one "
                    + "plain CSV table.")
    List<String> sections;

    @Option(names = {"-n", "--top"}, paramLabel = "N", defaultValue = "10",
            description = "Rows in the lists of costliest items (default: 10).")
    int top;

    /** The sections asked for; empty for all. */
    Set<String> names() {
        return sections == null ? Set.of() : new LinkedHashSet<>(sections);
    }

    long top() {
        if (top < 1) {
            throw new UserException("--top must be at least 1, not " + top);
        }
        return top;
    }
}
