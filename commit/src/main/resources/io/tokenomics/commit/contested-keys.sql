-- The committed rows of a table whose key the run brings again, with the file that holds each and whether it is
-- held: it still comes first in the dedup's order among the staged rows that win, and no staged row comes from its
-- own source file (whose lines of a response are summed with it). A held key's staged rows are left out and its
-- file is not rewritten for it: a resumed session's copies of earlier responses then leave the history's files
-- alone. The committed files are filtered on the key column first, so that the key is worked out for those rows only.
CREATE OR REPLACE TEMP TABLE ${contested} AS
WITH staged AS (
    SELECT ${order_columns}, ${dropped}, ${key} AS dedup_key FROM ${staged} WHERE ${key} IS NOT NULL),
contested AS (
    SELECT * FROM (
        SELECT filename, ${order_columns}, ${key} AS dedup_key, true AS committed
        FROM read_parquet(${files}, union_by_name = true, filename = true) WHERE ${prefilter})
    WHERE dedup_key IN (SELECT dedup_key FROM staged)),
ranked AS (
    SELECT dedup_key, committed, filename, row_number() OVER (PARTITION BY dedup_key ORDER BY ${order}) AS rank
    FROM (SELECT * FROM contested
          UNION ALL BY NAME
          SELECT * EXCLUDE (${dropped}), false AS committed FROM staged SEMI JOIN contested USING (dedup_key)
          WHERE NOT ${dropped}))
-- Every staged row counts in the test of the source file, a losing one's too: a file read again from its start gives
-- up its committed row of a key it brings again (committed-rows.sql), so that row does not stay.
SELECT filename, dedup_key, rank = 1 AND dedup_key NOT IN (
        SELECT staged.dedup_key FROM staged JOIN contested
        ON staged.dedup_key = contested.dedup_key AND staged.file = contested.file) AS held
FROM ranked WHERE committed
