-- blocks: the turns, in time order, that the blocks report folds into 5-hour billing windows as ccusage does: a
-- block starts at the UTC hour (floored) of its first turn; a turn more than 5 hours after its block's start, or
-- more than 5 hours after the previous turn, starts a new block. The folding is sequential (each block's start
-- depends on the block before), so it runs in Java (io.tokenomics.query.BillingBlocks) over these rows.
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern on the model
-- since and until are applied to the blocks (by the day their block starts), not here: a period must not cut a
-- block in two.

-- section turns: Turns in time order (ts_us: microseconds since 1970, UTC)
SELECT epoch_us(ts) AS ts_us,
       model,
       input_tokens,
       output_tokens,
       cache_write_5m_tokens + cache_write_1h_tokens AS cache_creation_tokens,
       cache_read_tokens,
       cost_usd
FROM turns
WHERE project_matches(project) AND model_matches(model)
ORDER BY ts, file, line_offset;
