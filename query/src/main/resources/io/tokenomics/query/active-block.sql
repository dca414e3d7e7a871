-- active-block: the turns since the last idle time longer than a block, in time order: the only turns the block
-- running now can hold. blocks.sql gives every turn, for every block; folding these few (BillingBlocks.active)
-- gives the same last block, because a turn more than a block's length after the one before it starts a block of
-- its own, whatever came earlier.
-- Variables: block_us (a block's length, in microseconds); project, model as in blocks.sql.
WITH matching AS (
    SELECT ts FROM turns WHERE project_matches(project) AND model_matches(model)
),
starts AS (
    SELECT ts, lag(ts) OVER (ORDER BY ts) AS previous FROM matching
)
SELECT epoch_us(ts) AS ts_us,
       model,
       input_tokens,
       output_tokens,
       cache_write_5m_tokens + cache_write_1h_tokens AS cache_creation_tokens,
       cache_read_tokens,
       cost_usd
FROM turns
WHERE project_matches(project) AND model_matches(model)
  AND ts >= (SELECT max(ts) FROM starts
             WHERE previous IS NULL OR epoch_us(ts) - epoch_us(previous) > getvariable('block_us'))
ORDER BY ts, file, line_offset;
