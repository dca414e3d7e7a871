package io.tokenomics.ingest;

import io.tokenomics.ingest.source.Source;
import java.nio.file.Path;

/**
 * A transcript file found by discovery, with what its path says about it. The line fields win over these: they
 * are the fallbacks for lines without {@code sessionId} or {@code agentId} (docs/formats.md).
 *
 * @param path the file, absolute and normalized
 * @param size its size when listed; the scan never reads beyond it, whatever the file grows to meanwhile (a
 *     database: with its write-ahead log's, and written out whole)
 * @param mtimeMillis its modification time when listed (a database: the later of its own and its write-ahead log's)
 * @param project the project directory name (lossy: never decoded back into a path)
 * @param session the session the path names: the folder below the project, or the file's stem
 * @param agent the sub-agent id the file name names ({@code agent-<id>.jsonl}), or null
 * @param source the agent it is a log of
 * @param identity the file system's identity of the file (device and inode), empty where the platform has none
 */
public record SourceFile(Path path, long size, long mtimeMillis, String project, String session, String agent,
        Source source, String identity) {

    /** The file's name as the dataset records it: lossless, also for a path that is not valid UTF-8. */
    public String name() {
        return FileNames.of(path);
    }
}
