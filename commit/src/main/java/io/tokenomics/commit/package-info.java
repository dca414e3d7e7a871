/**
 * The commit stage: what a run staged (Arrow IPC files per worker and table, with the hashes of their dedup keys)
 * becomes Parquet files of the dataset, deduplicated globally against the committed rows, and a new manifest that
 * replaces the old one atomically. {@link io.tokenomics.commit.Commit} is the facade; the SQL is kept as resources
 * beside it. See docs/architecture.md ("Commit").
 *
 * <p>Invariants: a key's rows are in one file of a table, so that the dedup stays global; the manifest is the
 * commit point, so a run that dies before it leaves the previous dataset intact; every file a run writes carries
 * the run's id in its name.
 */
package io.tokenomics.commit;
