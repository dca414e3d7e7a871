package io.tokenomics.lake;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What to publish where.
 *
 * @param data the dataset whose committed rows are published
 * @param lake the lake's folder, made at the first publish
 * @param threads DuckDB's threads
 * @param salt under {@code --anonymize}, the team's secret that user, host and project names are hashed with; null
 *     to publish the names as they are
 * @param lockWaitMillis how long to wait for an ingest of the dataset to finish
 */
public record PublishOptions(Path data, Path lake, int threads, String salt, long lockWaitMillis) {
    public PublishOptions {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(lake, "lake");
        threads = Math.max(1, threads);
        if (salt != null && salt.isEmpty()) {
            throw new IllegalArgumentException("an empty salt hides nothing");
        }
    }
}
