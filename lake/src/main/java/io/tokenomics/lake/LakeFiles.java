package io.tokenomics.lake;

import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Lists a lake's table files and checks each before any engine reads it, so that a lake with a file it cannot
 * count stops a report with a message that names the file, rather than giving a wrong total: a file that is not
 * Parquet or not whole (a copy that did not finish), a file of another format, a file publish did not write. The
 * hidden names every engine skips (a leading dot or underscore) are left alone.
 */
final class LakeFiles {
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern FORMAT_FIELD = Pattern.compile("\"format\"\\s*:\\s*(\\d+)");
    /** How often a lake is listed again when files vanish as it is checked, before the failure is the user's. */
    private static final int SCAN_ATTEMPTS = 5;
    /** At most this many files are named in one message. */
    private static final int NAMED = 5;

    private LakeFiles() {
    }

    /** The format the lake at {@code lake} declares; a {@link LakeException} when it is no lake of this version. */
    static int format(Path lake) throws IOException {
        Path file = lake.resolve(LakeLayout.VERSION_FILE);
        if (!Files.isRegularFile(file)) {
            throw new LakeException(lake + " is not a lake: it has no " + LakeLayout.VERSION_FILE
                    + " (tokenomics publish makes one)");
        }
        Matcher m = FORMAT_FIELD.matcher(Files.readString(file, StandardCharsets.UTF_8));
        if (!m.find()) {
            throw new LakeException(file + " does not say the lake's format");
        }
        int format = Integer.parseInt(m.group(1));
        if (format != LakeLayout.FORMAT) {
            throw new LakeException(lake + " is a lake of format " + format + "; this version of tokenomics reads "
                    + "format " + LakeLayout.FORMAT);
        }
        return format;
    }

    /**
     * Lists and checks every table file of the lake. A file that vanishes between the listing and its check was
     * compacted into a file renamed into place before it went: the lake is listed again, so that the new file is in.
     */
    static LakeListing scan(Path lake) throws IOException {
        for (int attempt = 1;; attempt++) {
            try {
                return scanOnce(lake);
            } catch (NoSuchFileException e) {
                if (attempt == SCAN_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private static LakeListing scanOnce(Path lake) throws IOException {
        Path root = lake.toAbsolutePath().normalize();
        format(root);
        List<String> warnings = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Map<String, TreeSet<String>> publishers = new TreeMap<>();
        Map<Table, List<Path>> files = new EnumMap<>(Table.class);
        Map<Path, LakeListing.Stamp> stamps = new HashMap<>();
        for (Table table : LakeLayout.TABLES) {
            files.put(table, scanTable(root, table, problems, publishers, stamps));
        }
        staging(root, warnings);
        for (Map.Entry<String, TreeSet<String>> host : publishers.entrySet()) {
            if (host.getValue().size() > 1) {
                warnings.add("host " + host.getKey() + " was published from " + host.getValue().size()
                        + " machines (publishers " + String.join(", ", host.getValue()) + "): each response still "
                        + "counts once, but figures per host and per user mix them; give one of the machines "
                        + "another name (ingest --host) and publish it again");
            }
        }
        if (!problems.isEmpty()) {
            List<String> named = problems.subList(0, Math.min(NAMED, problems.size()));
            String more = problems.size() > NAMED ? "\n(and " + (problems.size() - NAMED) + " more)" : "";
            throw new LakeException("the lake " + root + " holds files no report can count; nothing was read:\n"
                    + String.join("\n", named) + more);
        }
        return new LakeListing(root, files, stamps, warnings);
    }

    private static List<Path> scanTable(Path root, Table table, List<String> problems,
            Map<String, TreeSet<String>> publishers, Map<Path, LakeListing.Stamp> stamps) throws IOException {
        Path folder = root.resolve(table.tableName());
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        List<Path> all;
        // Not a test of a regular file, which a file that vanished since the folder was read would fail silently: its
        // check below fails instead, and the lake is listed again.
        try (Stream<Path> walk = Files.walk(folder)) {
            all = walk.filter(f -> !Files.isDirectory(f)).sorted().toList();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (Path file : all) {
            // A call per file, not a loop body: see docs/architecture.md ("Client compiler only").
            String problem = check(folder, table, file, publishers);
            if (problem == null) {
                found.add(file);
                stamps.put(file, stamp(file));
            } else if (!problem.isEmpty()) {
                problems.add(problem);
            }
        }
        return found;
    }

    private static LakeListing.Stamp stamp(Path file) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new LakeListing.Stamp(attributes.size(), attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS));
    }

    /** Null for a good table file, empty for one every engine skips, else what is wrong with it. */
    private static String check(Path folder, Table table, Path file, Map<String, TreeSet<String>> publishers)
            throws IOException {
        Path relative = folder.relativize(file);
        for (Path part : relative) {
            if (LakeLayout.hidden(part)) {
                return "";
            }
        }
        LakeLayout.DataFileName name = LakeLayout.parse(file);
        if (name == null) {
            return file + ": not a file that publish writes (v" + LakeLayout.FORMAT + "-PUBLISHER-TIME-N.parquet); "
                    + "Spark and Trino would read it as table data too. Move it out of the lake";
        }
        List<String> partitions = LakeLayout.partitions(table);
        String host = partitionValue(relative, partitions);
        if (host == null) {
            return file + ": not in the partition folders of " + table.tableName() + " ("
                    + String.join("=.../", partitions) + "=.../); move it out of the lake";
        }
        if (name.format() != LakeLayout.FORMAT) {
            return file + ": written in lake format " + name.format() + " by an older tokenomics, this one reads "
                    + LakeLayout.FORMAT + ". Remove the folders " + relative.getName(0) + " of every table and publish "
                    + "from host " + host + " again with this version";
        }
        if (!wholeParquet(file)) {
            return file + ": not a whole Parquet file (no PAR1 at its start and end): a copy that did not finish, "
                    + "or not Parquet at all. Remove it; the next publish from host " + host + " sends its rows again";
        }
        publishers.computeIfAbsent(host, h -> new TreeSet<>()).add(name.publisher());
        return null;
    }

    /** The host of a file's partition folders (decoded), or null when the folders are not the table's. */
    private static String partitionValue(Path relative, List<String> partitions) {
        if (relative.getNameCount() != partitions.size() + 1) {
            return null;
        }
        for (int i = 0; i < partitions.size(); i++) {
            if (!relative.getName(i).toString().startsWith(partitions.get(i) + "=")) {
                return null;
            }
        }
        return HostClaims.decode(relative.getName(0).toString().substring(LakeLayout.HOST.length() + 1));
    }

    private static boolean wholeParquet(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 3L * MAGIC.length) {
                return false;
            }
            return magicAt(channel, 0) && magicAt(channel, size - MAGIC.length);
        }
    }

    private static boolean magicAt(FileChannel channel, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAGIC.length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                return false;
            }
        }
        return Arrays.equals(buffer.array(), MAGIC);
    }

    /** A publish in progress, or one that stopped: its files are not in the lake, and a report says so. */
    private static void staging(Path root, List<String> warnings) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            for (Path entry : entries.sorted().toList()) {
                if (entry.getFileName().toString().startsWith(LakeLayout.STAGING_PREFIX)) {
                    warnings.add(entry + ": a publish in progress, or one that stopped before it finished; its "
                            + "files are not in the lake and were not read (the next publish from that machine "
                            + "removes what a stopped one left)");
                }
            }
        }
    }
}
