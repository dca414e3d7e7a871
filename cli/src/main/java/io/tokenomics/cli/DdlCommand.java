package io.tokenomics.cli;

import io.tokenomics.lake.Engine;
import io.tokenomics.lake.LakeDdl;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "ddl", mixinStandardHelpOptions = true,
        description = {"Print the statements that declare a lake's tables in another engine (their columns, types "
                + "and partition columns) and the views that count each response once, as tokenomics' reports do.",
            "lake_TABLE holds every row as published; the view TABLE (turns, tool_uses, ...) keeps one per key."},
        footer = {"", "Examples:", "  tokenomics ddl /mnt/team/lake | duckdb team.db",
            "  tokenomics ddl --engine spark s3a://bucket/tokenomics-lake > lake.sql",
            "  tokenomics ddl --engine trino s3://bucket/tokenomics-lake"})
final class DdlCommand implements Callable<Integer> {
    @Parameters(paramLabel = "LAKE", description = "The lake's location as the engine reads it: a path, or a URI "
            + "(s3a://, hdfs://, file://).")
    String location;

    @Option(names = "--engine", paramLabel = "ENGINE", defaultValue = "duckdb", converter = EngineConverter.class,
            description = "duckdb, spark or trino (default: duckdb).")
    Engine engine;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(LakeDdl.script(engine, location));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Reads an engine's name. */
    static final class EngineConverter implements CommandLine.ITypeConverter<Engine> {
        @Override
        public Engine convert(String value) {
            Engine engine = Engine.byLabel(value);
            if (engine == null) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not an engine (duckdb, spark, "
                        + "trino)");
            }
            return engine;
        }
    }
}
