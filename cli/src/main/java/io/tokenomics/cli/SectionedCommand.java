package io.tokenomics.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * What every report made of SQL sections declares: the report options, {@code --section/--top}, {@code --show-sql}
 * and its own command spec. picocli reads the annotated fields of a superclass, so each report names only its SQL,
 * its help and its closing note.
 */
abstract class SectionedCommand implements Callable<Integer> {
    @Mixin
    ReportOptions options;

    @Mixin
    SectionOptions sections;

    @Mixin
    ShowSqlOption showSql;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The report's runner over these options. */
    final SectionedReport report() {
        return new SectionedReport(spec, options, sections, showSql);
    }
}
