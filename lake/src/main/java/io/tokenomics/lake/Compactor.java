package io.tokenomics.lake;

import io.tokenomics.columnar.Column;
import io.tokenomics.columnar.DuckDb;
import io.tokenomics.columnar.Table;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.duckdb.DuckDBConnection;

/**
 * Keeps a host's partition folders few files each: every publish adds a file to each partition it has rows for, and
 * a reader pays for every file. When a folder holds more than {@link #MOST_FILES} files of this publisher, their rows
 * are written into one file, one row per key by the dedup rule, which is renamed into the folder before the old
 * files are removed. A reader that lists the folder in between sees a row in both, and counts it once by the same
 * rule; a reader that finds a listed file gone lists the lake again.
 */
final class Compactor {
    /** A partition folder with more files than this of one publisher is rewritten into one. */
    static final int MOST_FILES = 4;

    private Compactor() {
    }

    /** Compacts the host's folders of a table that need it; returns how many files it replaced. */
    static int compact(DuckDBConnection connection, Path lake, Table table, String host, String publisher,
            String stamp, Path staging) throws IOException, SQLException {
        Path hostFolder = lake.resolve(table.tableName()).resolve(LakeLayout.HOST + "=" + HostClaims.encode(host));
        if (!Files.isDirectory(hostFolder)) {
            return 0;
        }
        List<Path> folders;
        try (Stream<Path> walk = Files.walk(hostFolder, LakeLayout.partitions(table).size() - 1)) {
            folders = walk.filter(Files::isDirectory).sorted().toList();
        }
        int replaced = 0;
        for (Path folder : folders) {
            // A call per folder, not a loop body: see docs/architecture.md ("Client compiler only").
            replaced += compactFolder(connection, lake, table, folder, publisher, stamp, staging);
        }
        return replaced;
    }

    private static int compactFolder(DuckDBConnection connection, Path lake, Table table, Path folder,
            String publisher, String stamp, Path staging) throws IOException, SQLException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(folder)) {
            for (Path file : entries.sorted().toList()) {
                LakeLayout.DataFileName name = LakeLayout.parse(file);
                if (name != null && name.format() == LakeLayout.FORMAT && name.publisher().equals(publisher)) {
                    files.add(file);
                }
            }
        }
        if (files.size() <= MOST_FILES) {
            return 0;
        }
        Path staged = staging.resolve("compacted").resolve(lake.relativize(folder)).resolve("part.parquet");
        Files.createDirectories(staged.getParent());
        List<String> columns = new ArrayList<>();
        for (Column column : LakeLayout.fileColumns(table)) {
            columns.add(Engine.DUCKDB.quote(column.columnName()));
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("COPY (SELECT " + String.join(", ", columns) + " FROM (" + LakeReads.deduplicated(table,
                    files) + ")) TO " + DuckDb.literal(staged.toString()) + " (FORMAT PARQUET, COMPRESSION ZSTD)");
        }
        try (FileChannel channel = FileChannel.open(staged, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Path target = folder.resolve(LakeLayout.dataFileName(publisher, stamp, "0"));
        for (int number = 1; Files.exists(target); number++) {
            target = folder.resolve(LakeLayout.dataFileName(publisher, stamp, Integer.toString(number)));
        }
        try {
            Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(staged, target);
        }
        for (Path file : files) {
            Files.delete(file);
        }
        return files.size();
    }
}
