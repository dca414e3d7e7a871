-- The named queries over a table's candidate rows when DuckDB finds the repeated keys itself: every candidate with
-- its dedup key, materialized once (a staged stream can be scanned only once), and the keys held more than once.
keyed AS MATERIALIZED (SELECT *, ${key} AS dedup_key FROM (${candidates})),
repeated_keys AS (SELECT dedup_key FROM keyed WHERE dedup_key IS NOT NULL GROUP BY dedup_key HAVING count(*) > 1),
