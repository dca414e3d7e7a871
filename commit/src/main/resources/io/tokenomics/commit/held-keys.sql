-- The keys a run brings again whose committed row stays as it is: it comes first in the dedup's order among the
-- staged rows that win, and none of them comes from its own source file (whose lines of a response are summed with
-- it). The staged rows of these keys are left out, and the committed file holding them is not rewritten for them:
-- a resumed session's copies of earlier responses then leave the history's files alone.
CREATE OR REPLACE TEMP TABLE ${held} AS
WITH staged AS (
    SELECT *, ${key} AS dedup_key, false AS committed FROM ${staged} WHERE NOT ${dropped} AND ${key} IS NOT NULL),
committed AS (
    SELECT *, ${key} AS dedup_key, true AS committed FROM read_parquet(${files}, union_by_name = true)
    WHERE ${key} IN (SELECT dedup_key FROM staged)),
ranked AS (
    SELECT dedup_key, committed, row_number() OVER (PARTITION BY dedup_key ORDER BY ${order}) AS rank
    FROM (SELECT * FROM committed UNION ALL BY NAME SELECT * FROM staged SEMI JOIN committed USING (dedup_key)))
SELECT dedup_key FROM ranked WHERE committed AND rank = 1
EXCEPT
-- Every staged row counts here, a losing one's too: a file read again from its start gives up its committed row of a
-- key it brings again (committed-rows.sql), so its row does not stay.
SELECT ${new_key} FROM ${staged} new JOIN committed
    ON ${new_key} = committed.dedup_key AND new.file = committed.file
