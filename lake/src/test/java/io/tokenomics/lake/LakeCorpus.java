package io.tokenomics.lake;

import io.tokenomics.columnar.Dataset;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Manifest;
import io.tokenomics.columnar.Table;
import io.tokenomics.corpus.CorpusGenerator;
import io.tokenomics.ingest.Ingest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Generated machines for the lake's tests: a corpus, ingested under a user and host name; plain SQL over both. */
final class LakeCorpus {
    private LakeCorpus() {
    }

    /** Generates a corpus of this seed under {@code temp/name-corpus} and ingests it into {@code temp/name-data}. */
    static Path ingest(Path temp, String name, long seed, String user, String host) throws Exception {
        Path corpus = temp.resolve(name + "-corpus");
        CorpusGenerator.generate(new CorpusGenerator.Options(corpus, 10, seed, 0));
        Path data = temp.resolve(name + "-data");
        Ingest.run(Ingest.builder(List.of(corpus), data).threads(2).host(host).user(user).build());
        return data;
    }

    static PublishOptions options(Path data, Path lake) {
        return new PublishOptions(data, lake, 2, null, 1000);
    }

    /** The committed rows of a dataset's table, as a relation. */
    static String local(Path data, Table table) throws IOException {
        List<String> literals = new ArrayList<>();
        for (Path file : Dataset.files(data, new Dataset(data).tables().orElse(Manifest.empty()), table)) {
            literals.add(DuckDb.literal(file.toString()));
        }
        return "read_parquet([" + String.join(", ", literals) + "], union_by_name = true)";
    }

    /** Every row of a lake's table as plain DuckDB reads the folder. */
    static String raw(Path lake, Table table) {
        return "read_parquet(" + DuckDb.literal(lake.resolve(table.tableName()) + "/**/*.parquet")
                + ", hive_partitioning = true)";
    }

    /** The single number of a query; {@code data} is only where it is run from. */
    static double number(Path data, String sql) throws SQLException {
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /** The single value of a query, as text. */
    static String text(String sql) throws SQLException {
        try (Connection connection = DuckDb.openInMemory(1); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Copies a host's folders of every table from one lake into another, as a synced folder would. */
    static void copyHost(Path from, Path to, String host) throws IOException {
        for (Table table : Lake.tables()) {
            Path folder = from.resolve(table.tableName()).resolve("host=" + host);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            for (Path file : files(folder)) {
                Path copy = to.resolve(table.tableName()).resolve("host=" + host).resolve(folder.relativize(file));
                Files.createDirectories(copy.getParent());
                Files.copy(file, copy);
            }
        }
    }

    /** Every file under the lake, in path order. */
    static List<Path> files(Path lake) throws IOException {
        try (Stream<Path> walk = Files.walk(lake)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
