/**
 * tokenomics on Apache Spark: {@link io.tokenomics.spark.LakeIngest} reads transcript folders that outgrow one machine
 * with the ingest itself on Spark's executors, keeps one row per key across all of them in Spark, and writes the
 * lake's layout. Spark is provided by {@code spark-submit}.
 *
 * <p>Invariants: no second parser (each executor runs {@code Ingest} on whole files); the dedup is the lake's SQL
 * ({@link io.tokenomics.lake.LakeDdl#deduplicated}); a file reaches the lake only by a rename of a whole file.
 */
package io.tokenomics.spark;
