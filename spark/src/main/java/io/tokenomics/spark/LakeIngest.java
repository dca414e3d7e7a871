package io.tokenomics.spark;

import io.tokenomics.columnar.Table;
import io.tokenomics.lake.Engine;
import io.tokenomics.lake.Lake;
import io.tokenomics.lake.LakeDdl;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The Spark application for a corpus that outgrows one machine. It lists the transcript files under a root any
 * Hadoop file system reads ({@code file://}, {@code hdfs://}, {@code s3a://}), has each executor copy a share of the
 * folders and read them with tokenomics' own ingest (the same sources, extractors and prices), keeps one row per key
 * across all shares in Spark by the lake's dedup SQL, leaves out the rows the lake holds already (as publish does, so
 * that a second run over the same input adds nothing), and writes the lake's layout under one host name.
 *
 * <pre>
 *   spark-submit --class io.tokenomics.spark.LakeIngest tokenomics-spark.jar \
 *       --input s3a://bucket/transcripts --lake s3a://bucket/tokenomics-lake --host build-farm --user team
 * </pre>
 */
public final class LakeIngest {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'");

    private LakeIngest() {
    }

    /**
     * What to read and where to write.
     *
     * @param input the root of the transcript folders
     * @param lake the lake's root
     * @param host the host name the rows are written under
     * @param user the person's name written on every row
     */
    public record Options(URI input, URI lake, String host, String user) implements Serializable {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> given = new TreeMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            given.put(args[i], args[i + 1]);
        }
        for (String required : List.of("--input", "--lake", "--host", "--user")) {
            if (!given.containsKey(required)) {
                throw new IllegalArgumentException("missing " + required
                        + " (arguments: --input URI --lake URI --host NAME --user NAME)");
            }
        }
        SparkSession spark = SparkSession.builder().appName("tokenomics lake ingest").getOrCreate();
        try {
            long turns = run(spark, new Options(URI.create(given.get("--input")), URI.create(given.get("--lake")),
                    given.get("--host"), given.get("--user")));
            System.out.println("wrote " + turns + " turns as host " + given.get("--host") + " to "
                    + given.get("--lake"));
        } finally {
            spark.stop();
        }
    }

    /** Reads the input into the lake; returns the turns written. */
    public static long run(SparkSession spark, Options options) throws IOException {
        spark.conf().set("spark.sql.session.timeZone", "UTC");
        // Parquet's INT96 times, Spark's default, are read by DuckDB as times without a zone.
        spark.conf().set("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS");
        spark.conf().set("spark.sql.parquet.compression.codec", "zstd");
        spark.conf().set("spark.sql.sources.partitionColumnTypeInference.enabled", "false");
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        Path input = new Path(options.input());
        Path lake = new Path(options.lake());
        FileSystem lakeFs = lake.getFileSystem(hadoop);
        String publisher = publisher(options.host());
        String stamp = STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        prepare(lakeFs, lake, options.host(), publisher);
        Path staging = new Path(lake, ".staging-" + publisher + "-" + stamp);
        try {
            List<List<String>> folders = folders(input.getFileSystem(hadoop), input);
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            context.parallelize(folders, Math.max(1, Math.min(folders.size(), 4 * context.defaultParallelism())))
                    .mapPartitions(new IngestFolders(options, new Path(staging, "tables").toString(),
                            context.broadcast(new SerializableConfiguration(hadoop))))
                    .collect();
            long turns = 0;
            for (Table table : Lake.tables()) {
                Path staged = new Path(staging, "tables/" + table.tableName());
                if (!lakeFs.exists(staged)) {
                    continue;
                }
                spark.read().parquet(staged.toString()).createOrReplaceTempView("staged_" + table.tableName());
                String month = Lake.partitions(table).contains("month") ? ", date_format(ts, 'yyyy-MM') AS month"
                        : "";
                String kept = "SELECT *" + month + " FROM (" + LakeDdl.deduplicated(Engine.SPARK, table, "staged_"
                        + table.tableName()) + ") kept";
                Dataset<Row> fresh = spark.sql(held(spark, lakeFs, new Path(lake, table.tableName()), table)
                        ? "SELECT n.* FROM (" + kept + ") n LEFT ANTI JOIN lake_" + table.tableName() + " l ON "
                        + LakeDdl.held(Engine.SPARK, table) : kept);
                Path written = new Path(staging, "out/" + table.tableName());
                fresh.write().partitionBy(Lake.partitions(table).toArray(new String[0])).parquet(written.toString());
                if (table == Table.TURNS) {
                    // With the schema given: when nothing was new, Spark wrote no file to infer one from.
                    turns = spark.read().schema(fresh.schema()).parquet(written.toString()).count();
                }
                moveIntoPlace(lakeFs, written, new Path(lake, table.tableName()), publisher, stamp);
            }
            return turns;
        } finally {
            lakeFs.delete(staging, true);
        }
    }

    /**
     * Declares the view {@code lake_TABLE} of the rows the lake holds of a table, every host's, as the folder names
     * say (partition values as text, so that a host named 123 stays a name); false when the lake holds none yet.
     */
    private static boolean held(SparkSession spark, FileSystem fs, Path folder, Table table) throws IOException {
        if (!fs.exists(folder)) {
            return false;
        }
        spark.read().option("basePath", folder.toString()).parquet(folder.toString())
                .createOrReplaceTempView("lake_" + table.tableName());
        return true;
    }

    /** The transcript files under {@code root}, relative to it, grouped by folder (a project, a day of rollouts). */
    private static List<List<String>> folders(FileSystem fs, Path root) throws IOException {
        String prefix = fs.makeQualified(root).toString();
        Map<String, List<String>> byFolder = new TreeMap<>();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
        while (files.hasNext()) {
            String path = files.next().getPath().toString();
            String relative = path.substring(prefix.length() + (prefix.endsWith("/") ? 0 : 1));
            int slash = relative.lastIndexOf('/');
            byFolder.computeIfAbsent(slash < 0 ? "" : relative.substring(0, slash), f -> new ArrayList<>())
                    .add(relative);
        }
        return new ArrayList<>(byFolder.values());
    }

    /** The publisher id of a host name written from Spark: the same at every run, so that its claim holds. */
    static String publisher(String host) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("spark/" + host)
                    .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this JDK", e);
        }
    }

    /** Makes the lake's format file and claims the host name, as publish does, on any Hadoop file system. */
    private static void prepare(FileSystem fs, Path lake, String host, String publisher) throws IOException {
        Path version = new Path(lake, Lake.versionFile());
        if (!fs.exists(version)) {
            write(fs, version, Lake.versionJson());
        }
        Path claim = new Path(lake, Lake.claimFile(host));
        if (!fs.exists(claim)) {
            write(fs, claim, publisher + "\n");
        }
        String holder;
        try (InputStream in = fs.open(claim)) {
            holder = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        if (!holder.equals(publisher)) {
            throw new IOException("the host name " + host + " is already published into " + lake + " by another "
                    + "machine (publisher " + holder + "); write the Spark application's rows under another --host");
        }
    }

    private static void write(FileSystem fs, Path file, String text) throws IOException {
        try (OutputStream out = fs.create(file, false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            // Another writer made it first: what it holds is read and checked by the caller.
        }
    }

    /** Renames each Parquet file Spark wrote into the same partition folder of the lake, under a lake file name. */
    private static void moveIntoPlace(FileSystem fs, Path written, Path table, String publisher, String stamp)
            throws IOException {
        String prefix = fs.makeQualified(written).toString();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(written, true);
        List<Path> parquet = new ArrayList<>();
        while (files.hasNext()) {
            Path file = files.next().getPath();
            if (file.getName().endsWith(".parquet") && !file.getName().startsWith(".")) {
                parquet.add(file);
            }
        }
        int number = 0;
        for (Path file : parquet) {
            String folder = file.getParent().toString().substring(prefix.length());
            Path target = new Path(table.toString() + folder, Lake.dataFileName(publisher, stamp,
                    Integer.toString(number++)));
            fs.mkdirs(target.getParent());
            if (!fs.rename(file, target)) {
                throw new IOException("cannot move " + file + " to " + target);
            }
        }
    }
}
