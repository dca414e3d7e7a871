package io.tokenomics.ingest;

/** Told how a run progresses, from the worker threads; implementations must be thread-safe and cheap. */
public interface ProgressListener {
    ProgressListener NONE = (bytes) -> { };

    /** The scan is about to read {@code bytes} bytes of {@code files} files. */
    default void onStart(long files, long bytes) {
    }

    /** {@code bytes} more bytes of the run's total have been scanned. */
    void onBytes(long bytes);

    /** The scan is done; the commit follows. */
    default void onScanned() {
    }
}
