/**
 * The lake: many machines' datasets in one folder of Hive-partitioned ZSTD Parquet, which DuckDB, Spark and Trino
 * read as tables. {@link io.tokenomics.lake.Lake} publishes a dataset into it and lists its files for reading;
 * {@link io.tokenomics.lake.LakeDdl} prints the statements that declare it in an engine.
 *
 * <p>Invariants: a machine writes only under its own host name, and only new files, each renamed into place whole;
 * a reader counts a response once whichever machines published it, by the dataset's own dedup rule; a file that
 * cannot be counted stops a reader with its name, never gives a wrong total.
 */
package io.tokenomics.lake;
