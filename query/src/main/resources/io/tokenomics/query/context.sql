-- context: how prompts grow over a session. growth_multiplier (sessions view) is the sum of the main thread's
-- prompt sizes over its turns / (its turns x its first prompt): 1 when the prompt never grew, 10 when the average
-- turn resent ten times the first prompt. Every turn pays for its whole prompt again (mostly as cache reads).
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: sessions by the day of their last activity (report time zone)
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern: sessions that used a matching model
--   top           how many sessions to list (default 10)

-- section distribution: Sessions: distribution of growth, largest prompt and compactions
WITH chosen AS (
    SELECT growth_multiplier, max_context_tokens, compactions, turns
    FROM sessions
    WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
      AND growth_multiplier IS NOT NULL
),
stats AS (
    SELECT count(*) AS n,
           [avg(growth_multiplier)] || quantile_cont(growth_multiplier, [0.5, 0.9, 0.95, 0.99])
               || [max(growth_multiplier)] AS growth,
           [avg(max_context_tokens)] || quantile_cont(max_context_tokens, [0.5, 0.9, 0.95, 0.99])
               || [max(max_context_tokens)] AS max_context,
           [avg(compactions)] || quantile_cont(compactions, [0.5, 0.9, 0.95, 0.99]) || [max(compactions)]
               AS compactions,
           [avg(turns)] || quantile_cont(turns, [0.5, 0.9, 0.95, 0.99]) || [max(turns)] AS turns
    FROM chosen
)
SELECT unnest(['mean', 'p50', 'p90', 'p95', 'p99', 'max']) AS statistic,
       unnest(growth) AS growth_multiplier,
       unnest(max_context) AS max_context_tokens,
       unnest(compactions) AS compactions,
       unnest(turns) AS turns
FROM stats
WHERE n > 0;

-- section summary: Sessions that compacted, and what their prompts cost
SELECT count(*) AS sessions,
       count(*) FILTER (WHERE compactions > 0) AS compacted_sessions,
       sum(compactions) AS compactions,
       count(*) FILTER (WHERE max_context_tokens > 100000) AS sessions_above_100k,
       usd_sum(cost_input_usd + cost_cache_write_usd + cost_cache_read_usd) AS prompt_cost_usd,
       usd_sum(cost_input_usd + cost_cache_write_usd + cost_cache_read_usd) / nullif(usd_sum(cost_usd), 0)
           AS prompt_cost_share
FROM sessions
WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models);

-- section worst_sessions: Sessions whose prompts grew the most
SELECT session_id,
       project,
       primary_model,
       turns,
       growth_multiplier,
       max_context_tokens,
       compactions,
       cost_input_usd + cost_cache_write_usd + cost_cache_read_usd AS prompt_cost_usd,
       cost_usd
FROM sessions
WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
  AND growth_multiplier IS NOT NULL
ORDER BY growth_multiplier DESC, session_id
LIMIT coalesce(getvariable('top'), 10);
