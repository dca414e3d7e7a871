package io.tokenomics.columnar;

import java.util.List;
import java.util.Map;

/**
 * The committed state of a dataset: which Parquet files make up each table, and how far each transcript file has
 * been read. Written whole to a temporary file and renamed over the old one: the rename is the commit.
 *
 * @param format the manifest format version
 * @param runId the run that wrote it
 * @param tables for each table name, its files relative to the data directory
 * @param rows for each table name, its row count
 * @param files every transcript file ingested so far
 */
public record Manifest(int format, String runId, Map<String, List<String>> tables, Map<String, Long> rows,
        List<FileEntry> files) {

    public Manifest {
        tables = tables == null ? Map.of() : tables;
        rows = rows == null ? Map.of() : rows;
        files = files == null ? List.of() : files;
    }

    /** The manifest of a dataset never written. */
    public static Manifest empty() {
        return new Manifest(FORMAT, "", Map.of(), Map.of(), List.of());
    }

    /** Every table file this manifest names, relative to the data directory. */
    public java.util.Set<String> tableFiles() {
        java.util.Set<String> all = new java.util.TreeSet<>();
        tables.values().forEach(all::addAll);
        return all;
    }

    /** The row count of a table, 0 when it has none. */
    public long rowCount(Table table) {
        return rows.getOrDefault(table.tableName(), 0L);
    }

    public static final int FORMAT = 1;

    /**
     * How far one transcript file has been read.
     *
     * @param size the size seen when it was last read
     * @param mtimeMillis its modification time then
     * @param ingestedBytes the bytes consumed: up to the end of its last complete line
     * @param lines the complete lines in those bytes
     * @param rejects the lines of it rejected so far
     * @param headHash a hash of its first bytes, to notice a file that was replaced rather than appended to
     * @param runId the run that last read it
     * @param identity the file system's identity of the file (device and inode), empty where there is none: a file
     *         replaced at its path by one of the same size and time is another file
     */
    public record FileEntry(String path, long size, long mtimeMillis, long ingestedBytes, long lines, long rejects,
            long headHash, String runId, String identity) {
        public FileEntry {
            identity = identity == null ? "" : identity;
        }
    }
}
