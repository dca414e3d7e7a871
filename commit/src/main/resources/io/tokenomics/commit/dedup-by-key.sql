-- One row per key of a table other than the turns (tool calls by tool_use_id, prompts and compactions by the line's
-- uuid): the rows of keys held once as they are, and the earliest candidate of each repeated key.
WITH ${ctes} repeated AS (${repeated})
SELECT * FROM (${single})
UNION ALL BY NAME
SELECT * EXCLUDE (dedup_key) FROM repeated
QUALIFY row_number() OVER (PARTITION BY dedup_key ORDER BY ${order}) = 1
