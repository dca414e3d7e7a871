-- One row per response (docs/formats.md, "Dedup"). The rows of keys held once pass as they are; of the rows of a
-- repeated key, the content measures of the candidates in one file are summed (a response's lines can fall into two
-- segments or two runs of a growing file, while copies in other files are not added), and the best candidate wins:
-- a main-chain line, then the most output, then the most tokens, then the earliest position.
WITH ${ctes} summed AS (
    SELECT * REPLACE (
        CAST(sum(tool_uses) OVER per_file AS BIGINT) AS tool_uses,
        CAST(sum(text_chars) OVER per_file AS BIGINT) AS text_chars,
        CAST(sum(thinking_chars) OVER per_file AS BIGINT) AS thinking_chars)
    FROM (${repeated})
    WINDOW per_file AS (PARTITION BY dedup_key, file))
SELECT * FROM (${single})
UNION ALL BY NAME
SELECT * EXCLUDE (dedup_key) FROM summed
QUALIFY row_number() OVER (PARTITION BY dedup_key ORDER BY ${order}) = 1
