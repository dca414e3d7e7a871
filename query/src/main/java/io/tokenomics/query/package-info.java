/**
 * Stage 5 of the pipeline: DuckDB over the committed Parquet dataset. Tables and views are registered from the
 * manifest, so a query sees one whole run even while an ingest writes the next one. Report SQL lives in resource
 * files beside this package.
 */
package io.tokenomics.query;
