package io.tokenomics.ingest;

/** Told as segments are done, from the worker threads; implementations must be thread-safe and cheap. */
public interface ProgressListener {
    ProgressListener NONE = (bytes) -> { };

    /** {@code bytes} more bytes of the run's total have been scanned. */
    void onBytes(long bytes);
}
