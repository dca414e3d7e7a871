/**
 * Stage 3 and 4 of the pipeline: Arrow batches, the kernels that run over them, and the Parquet dataset they land in.
 *
 * <p>Invariants: every table of the dataset is described once, by a {@link io.tokenomics.columnar.Table} and its
 * column enum; a {@link io.tokenomics.columnar.RowBatch} is filled by one thread, handed off whole and reset; every
 * allocator and DuckDB connection has one owner that closes it. Nothing here knows about JSON or transcripts.
 */
package io.tokenomics.columnar;
