package io.tokenomics.spark;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.FileTrees;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import io.tokenomics.ingest.Ingest;
import io.tokenomics.lake.Lake;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.util.SerializableConfiguration;

/**
 * One executor's share of {@link LakeIngest}: its transcript folders copied to a local folder, in the same places
 * under it, read by {@code Ingest} into a dataset of its own, and each lake table of that dataset staged as one
 * Parquet file, its {@code file} column naming the transcript where the input keeps it.
 */
final class IngestFolders implements FlatMapFunction<Iterator<List<String>>, String> {
    private static final long serialVersionUID = 1L;

    private final LakeIngest.Options options;
    private final String staging;
    private final Broadcast<SerializableConfiguration> configuration;

    IngestFolders(LakeIngest.Options options, String staging, Broadcast<SerializableConfiguration> configuration) {
        this.options = options;
        this.staging = staging;
        this.configuration = configuration;
    }

    @Override
    public Iterator<String> call(Iterator<List<String>> folders) throws Exception {
        java.nio.file.Path temp = Files.createTempDirectory("tokenomics-spark-");
        try {
            Configuration hadoop = configuration.value().value();
            Path input = new Path(options.input());
            FileSystem in = input.getFileSystem(hadoop);
            java.nio.file.Path corpus = temp.resolve("corpus").toAbsolutePath().normalize();
            boolean any = false;
            while (folders.hasNext()) {
                for (String relative : folders.next()) {
                    java.nio.file.Path local = corpus.resolve(relative);
                    Files.createDirectories(local.getParent());
                    in.copyToLocalFile(false, new Path(input, relative), new Path(local.toUri()), true);
                    any = true;
                }
            }
            if (!any) {
                return List.<String>of().iterator();
            }
            java.nio.file.Path data = temp.resolve("data");
            Ingest.run(Ingest.builder(List.of(corpus), data).threads(1).host(options.host()).user(options.user())
                    .reportMissingRoots(false).build());
            return stage(data, corpus, temp, hadoop).iterator();
        } finally {
            FileTrees.delete(temp);
        }
    }

    /** Copies each lake table of the dataset to the staging folder; returns the files staged. */
    private List<String> stage(java.nio.file.Path data, java.nio.file.Path corpus, java.nio.file.Path temp,
            Configuration hadoop) throws IOException, SQLException {
        Manifest manifest = new Dataset(data).tables().orElse(Manifest.empty());
        Path target = new Path(staging);
        FileSystem out = target.getFileSystem(hadoop);
        String task = UUID.randomUUID().toString();
        List<String> staged = new ArrayList<>();
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement()) {
            for (Table table : Lake.tables()) {
                List<java.nio.file.Path> files = Dataset.files(data, manifest, table);
                if (files.isEmpty()) {
                    continue;
                }
                List<String> literals = new ArrayList<>();
                files.forEach(f -> literals.add(DuckDb.literal(f.toString())));
                java.nio.file.Path local = temp.resolve(table.tableName() + ".parquet");
                statement.execute("COPY (SELECT * REPLACE (replace(file, " + DuckDb.literal(corpus.toString())
                        + ", " + DuckDb.literal(inputName()) + ") AS file) FROM read_parquet([" + String.join(", ",
                        literals) + "], union_by_name = true)) TO " + DuckDb.literal(local.toString())
                        + " (FORMAT PARQUET, COMPRESSION ZSTD)");
                Path file = new Path(target, table.tableName() + "/" + task + ".parquet");
                out.copyFromLocalFile(true, true, new Path(local.toUri()), file);
                staged.add(file.toString());
            }
        }
        return staged;
    }

    /** The input's root as the {@code file} column names it: a local path as ingest does, else the URI. */
    private String inputName() {
        String name = "file".equals(options.input().getScheme()) || options.input().getScheme() == null
                ? new java.io.File(options.input().getPath()).toPath().toAbsolutePath().normalize().toString()
                : options.input().toString();
        return name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
    }
}
