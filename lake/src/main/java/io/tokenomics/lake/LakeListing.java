package io.tokenomics.lake;

import io.tokenomics.columnar.Table;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A lake's table files, each checked (a whole Parquet file of this format, in its partition folders), and what a
 * reader should be told: a publish that did not finish, a host name published from two machines.
 *
 * @param root the lake's folder
 * @param files the data files of each table the lake holds, in path order
 * @param stamps each data file's size and modification time when it was checked
 * @param warnings one line each, for stderr
 */
public record LakeListing(Path root, Map<Table, List<Path>> files, Map<Path, Stamp> stamps, List<String> warnings) {
    public LakeListing {
        files = Map.copyOf(files);
        stamps = Map.copyOf(stamps);
        warnings = List.copyOf(warnings);
    }

    /** The files of a table; empty for a table the lake does not hold. */
    public List<Path> files(Table table) {
        return files.getOrDefault(table, List.of());
    }

    /**
     * What a lake's file was when listed: a file publish writes is never written again, so a file with another size or
     * time under the same name is another file.
     *
     * @param size in bytes
     * @param modifiedNanos the modification time, in nanoseconds since the epoch
     */
    public record Stamp(long size, long modifiedNanos) {
    }
}
