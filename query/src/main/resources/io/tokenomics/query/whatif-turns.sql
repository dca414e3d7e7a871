-- scenario_turns: each turn the what-if covers, with its recorded cost and its cost under the scenario.
-- scenario_prices (registered by the what-if command) maps each source model, and in a plan/execute scenario each
-- (phase, source model), to the prices of the model it is repriced as; a turn routed to a self-hosted model has
-- the target 'local', whose rates price every prompt token at its input rate. When the variable by_phase is true,
-- phase is 'planner' for the turns of a session's first task and 'executor' for those of its later tasks (the
-- tasks of views.sql, numbered as session_phases numbers them), NULL for a turn before the session's first prompt;
-- otherwise it is NULL for every turn. The cache scenario is the variable cache_ttl: NULL (as recorded), '5m' or
-- '1h' (every cache write at that TTL), 'none' (no prompt caching: every prompt token is fresh input). Under '1h',
-- the idle misses that a 1-hour cache would not have had read their rewritten tokens instead of writing them
-- (avoided_tokens). Long context follows the request-level rule: a prompt above the model's threshold (200k, or
-- 272k for OpenAI) prices every class at its long-context rate. Variables since, until, project, model filter the
-- turns as in every report; a session's first task is found before them.
CREATE OR REPLACE TEMP VIEW scenario_turns AS
WITH avoidable AS (
    -- Under 1-hour writes, an idle expiry of a 5-minute cache after a pause of at most an hour would have been a
    -- cache read, unless another cause would have broken the cache anyway (views.sql, cache_misses).
    SELECT file, line_offset, rewritten_tokens
    FROM cache_misses
    WHERE getvariable('cache_ttl') = '1h' AND idle_expired AND cache_ttl_s < 3600 AND pause_s <= 3600
      AND NOT (model_switched OR memory_edited OR skill_loaded)
),
task_prompts AS (
    SELECT session_id, uuid, ts AS prompt_ts FROM prompts WHERE agent_id IS NULL
),
phases AS (
    -- Only a plan/execute scenario (variable by_phase) needs them: the join and the ranking cost more than the
    -- repricing itself.
    SELECT file, line_offset,
           CASE WHEN dense_rank() OVER (PARTITION BY session_id ORDER BY prompt_ts, uuid) = 1 THEN 'planner'
                ELSE 'executor' END AS phase
    FROM (SELECT t.file, t.line_offset, t.session_id, p.prompt_ts, p.uuid
          FROM turns t ASOF JOIN task_prompts p ON t.session_id = p.session_id AND t.ts >= p.prompt_ts
          WHERE getvariable('by_phase'))
),
filtered AS (
    SELECT t.*, ph.phase, coalesce(a.rewritten_tokens, 0) AS avoided_tokens
    FROM turns t
    LEFT JOIN phases ph ON ph.file = t.file AND ph.line_offset = t.line_offset
    LEFT JOIN avoidable a ON a.file = t.file AND a.line_offset = t.line_offset
    WHERE in_period(CAST(t.ts AS DATE)) AND project_matches(t.project) AND model_matches(t.model)
),
reshaped AS (
    SELECT f.session_id, f.project, f.phase, f.model, f.cost_usd, f.speed, p.target, p.priced, p.has_long,
           p.threshold, p.fast, p.input, p.output, p.write_5m, p.write_1h, p.read,
           p.input_long, p.output_long, p.write_5m_long, p.write_1h_long, p.read_long,
           f.avoided_tokens,
           f.output_tokens AS o,
           -- An avoided miss reads its rewritten tokens: taken from the writes first, then from the input.
           CASE getvariable('cache_ttl') WHEN 'none' THEN f.context_tokens
                WHEN '1h' THEN f.input_tokens
                    - greatest(f.avoided_tokens - f.cache_write_5m_tokens - f.cache_write_1h_tokens, 0)
                ELSE f.input_tokens END AS i,
           CASE getvariable('cache_ttl') WHEN 'none' THEN 0 WHEN '1h' THEN 0
                WHEN '5m' THEN f.cache_write_5m_tokens + f.cache_write_1h_tokens
                ELSE f.cache_write_5m_tokens END AS w5,
           CASE getvariable('cache_ttl') WHEN 'none' THEN 0 WHEN '5m' THEN 0
                WHEN '1h' THEN greatest(f.cache_write_5m_tokens + f.cache_write_1h_tokens - f.avoided_tokens, 0)
                ELSE f.cache_write_1h_tokens END AS w1,
           CASE getvariable('cache_ttl') WHEN 'none' THEN 0
                ELSE f.cache_read_tokens + f.avoided_tokens END AS r
    FROM filtered f
    LEFT JOIN scenario_prices p
        ON p.source_model IS NOT DISTINCT FROM f.model AND (p.phase IS NULL OR p.phase = f.phase)
),
priced AS (
    SELECT *,
           has_long AND i + w5 + w1 + r > threshold AS is_long,
           CASE WHEN speed = 'fast' THEN fast ELSE 1 END AS multiplier
    FROM reshaped
)
SELECT session_id, project, phase, model AS source_model, target AS target_model,
       i + o + w5 + w1 + r AS tokens,
       o AS output_tokens,
       cost_usd AS actual_usd,
       CASE WHEN priced THEN multiplier * (
              i * CASE WHEN is_long THEN input_long ELSE input END
            + o * CASE WHEN is_long THEN output_long ELSE output END
            + w5 * CASE WHEN is_long THEN write_5m_long ELSE write_5m END
            + w1 * CASE WHEN is_long THEN write_1h_long ELSE write_1h END
            + r * CASE WHEN is_long THEN read_long ELSE read END) END AS counterfactual_usd,
       coalesce(priced, false) AS counterfactual_priced,
       avoided_tokens
FROM priced;
