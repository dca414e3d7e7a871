package io.tokenomics.columnar;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The on-disk dataset: one folder per table holding Parquet files, and {@code manifest.json} naming the files that
 * are committed. A run writes new files under new names, then replaces the manifest atomically; files no longer named
 * are deleted after that. Readers go through the manifest, so they always see one whole run.
 *
 * <pre>
 *   DATA/manifest.json          the commit point
 *   DATA/turns/RUN-0.parquet    ...one folder per table
 *   DATA/.staging-RUN/          a run in progress; removed after success and after failure
 *   DATA/.lock                  held by the one ingest that may write
 *   DATA/.committed             made by the first commit: the table files are history, never leftovers
 * </pre>
 */
public final class Dataset {
    private static final String MANIFEST = "manifest.json";
    /**
     * Made at a dataset's first commit and never removed: without a manifest, the table files of a dataset that has
     * one are its history, while those of a dataset that never committed are what its first run left.
     */
    private static final String COMMITTED_MARKER = ".committed";

    private final Path root;

    public Dataset(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The default location: {@code TOKENOMICS_DATA}, else {@code ${XDG_DATA_HOME:-~/.local/share}/tokenomics}. */
    public static Path defaultRoot(Map<String, String> environment) {
        String explicit = environment.get("TOKENOMICS_DATA");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String xdg = environment.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("tokenomics");
    }

    public Path root() {
        return root;
    }

    public Path tableDir(Table table) {
        return root.resolve(table.tableName());
    }

    /**
     * The committed manifest, or empty for a dataset never written. A dataset that committed and has lost its manifest,
     * or whose manifest cannot be read, is an error that says to repair it: read as empty, its history would be
     * reported as nothing and written over.
     */
    public Optional<Manifest> manifest() throws IOException {
        return read(true);
    }

    /**
     * The committed manifest without its file entries, for readers of the tables, or empty for a dataset never
     * written: the entries (one per transcript, the bulk of a large dataset's manifest) come last and are not read.
     */
    public Optional<Manifest> tables() throws IOException {
        return read(false);
    }

    private Optional<Manifest> read(boolean withFiles) throws IOException {
        Path file = root.resolve(MANIFEST);
        if (!Files.exists(file)) {
            if (hasCommitted()) {
                throw new DamagedException(root + " has lost its manifest.json, the list of its committed table files,"
                        + " so nothing was read or changed; run: tokenomics repair --data " + root);
            }
            return Optional.empty();
        }
        try {
            return Optional.of(ManifestJson.read(file, withFiles));
        } catch (IOException e) {
            throw new DamagedException(e.getMessage() + "; nothing was read or changed; run: tokenomics repair --data "
                    + root, e);
        }
    }

    /** Whether a run ever committed here (the marker of {@link #commit}). */
    public boolean hasCommitted() {
        return Files.exists(root.resolve(COMMITTED_MARKER));
    }

    /** Marks a dataset as committed; for datasets a version before the marker wrote. */
    public void markCommitted() throws IOException {
        Path marker = root.resolve(COMMITTED_MARKER);
        if (!Files.exists(marker)) {
            Files.writeString(marker, "tokenomics: this dataset has committed runs; manifest.json names them\n");
        }
    }

    /** A dataset whose manifest is lost or unreadable: reading it or writing it waits for a repair. */
    public static final class DamagedException extends IOException {
        private static final long serialVersionUID = 1L;

        DamagedException(String message) {
            super(message);
        }

        DamagedException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The committed files of a table, absolute. Empty when the table has none yet. */
    public static List<Path> files(Path root, Manifest manifest, Table table) {
        List<Path> files = new ArrayList<>();
        for (String relative : manifest.tables().getOrDefault(table.tableName(), List.of())) {
            files.add(root.resolve(relative));
        }
        return files;
    }

    /** Makes {@code manifest} the committed state: written beside, then renamed over the old one. */
    public void commit(Manifest manifest) throws IOException {
        Files.createDirectories(root);
        Path temporary = root.resolve(MANIFEST + ".tmp-" + manifest.runId());
        ManifestJson.write(manifest, temporary);
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        try {
            Files.move(temporary, root.resolve(MANIFEST), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, root.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING);
        }
        markCommitted();
    }

    /**
     * Takes the writer's lock, waiting up to {@code waitMillis} for another ingest to finish. Returns null when the
     * lock could not be had in time.
     */
    public WriterLock lock(long waitMillis) throws IOException, InterruptedException {
        Files.createDirectories(root);
        long deadline = System.currentTimeMillis() + waitMillis;
        // A file lock belongs to the process: closing any channel of the lock file would release it, so a writer
        // of this JVM waits here, on the set of held roots, and never opens a second channel.
        while (!HELD.add(root)) {
            if (System.currentTimeMillis() >= deadline) {
                return null;
            }
            Thread.sleep(100);
        }
        FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock != null) {
                return new WriterLock(root, channel, lock);
            }
            if (System.currentTimeMillis() >= deadline) {
                channel.close();
                HELD.remove(root);
                return null;
            }
            Thread.sleep(100);
        }
    }

    private static final java.util.Set<Path> HELD = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The exclusive right to write the dataset; released on close. */
    public static final class WriterLock implements AutoCloseable {
        private final Path root;
        private final FileChannel channel;
        private final FileLock lock;

        private WriterLock(Path root, FileChannel channel, FileLock lock) {
            this.root = root;
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
                channel.close();
            } finally {
                HELD.remove(root);
            }
        }
    }
}
