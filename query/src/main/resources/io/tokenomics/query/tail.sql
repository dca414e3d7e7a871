-- tail: how spend is distributed over sessions and turns: the median is cheap, the tail makes the bill.
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: sessions by the day of their last activity, turns by their own day (report time zone)
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern: sessions that used a matching model (whole sessions), turns of that model
--   top           how many of the costliest sessions and turns to list (default 10)
-- Percentiles are quantile_cont (linear interpolation). Unpriced sessions and turns (cost_usd NULL) are left out of
-- the cost figures, never counted as free. The "top 1 %" of n items is the ceil(n / 100) costliest.

-- section sessions: Sessions: distribution
WITH chosen AS (
    SELECT cost_usd,
           turns,
           input_tokens + output_tokens + cache_write_tokens + cache_read_tokens AS total_tokens,
           duration_s / 60 AS minutes
    FROM sessions
    WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
),
stats AS (
    SELECT count(*) AS n,
           [avg(cost_usd)] || quantile_cont(cost_usd, [0.5, 0.9, 0.95, 0.99]) || [max(cost_usd)] AS cost,
           [avg(turns)] || quantile_cont(turns, [0.5, 0.9, 0.95, 0.99]) || [max(turns)] AS turns,
           [avg(total_tokens)] || quantile_cont(total_tokens, [0.5, 0.9, 0.95, 0.99]) || [max(total_tokens)]
               AS total_tokens,
           [avg(minutes)] || quantile_cont(minutes, [0.5, 0.9, 0.95, 0.99]) || [max(minutes)] AS minutes
    FROM chosen
)
SELECT unnest(['mean', 'p50', 'p90', 'p95', 'p99', 'max']) AS statistic,
       unnest(cost) AS cost_usd,
       unnest(turns) AS turns,
       unnest(total_tokens) AS total_tokens,
       unnest(minutes) AS minutes
FROM stats
WHERE n > 0;

-- section turns: Turns: distribution
WITH chosen AS (
    SELECT cost_usd, context_tokens, output_tokens
    FROM turns
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
      AND model IS DISTINCT FROM '<synthetic>'
),
stats AS (
    SELECT count(*) AS n,
           [avg(cost_usd)] || quantile_cont(cost_usd, [0.5, 0.9, 0.95, 0.99]) || [max(cost_usd)] AS cost,
           [avg(context_tokens)] || quantile_cont(context_tokens, [0.5, 0.9, 0.95, 0.99]) || [max(context_tokens)]
               AS context,
           [avg(output_tokens)] || quantile_cont(output_tokens, [0.5, 0.9, 0.95, 0.99]) || [max(output_tokens)]
               AS output
    FROM chosen
)
SELECT unnest(['mean', 'p50', 'p90', 'p95', 'p99', 'max']) AS statistic,
       unnest(cost) AS cost_usd,
       unnest(context) AS context_tokens,
       unnest(output) AS output_tokens
FROM stats
WHERE n > 0;

-- section concentration: Share of spend in the costliest 1 %, 5 %, 10 %
WITH session_costs AS (
    SELECT cost_usd
    FROM sessions
    WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
      AND cost_usd IS NOT NULL
),
turn_costs AS (
    SELECT cost_usd
    FROM turns
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
      AND cost_usd IS NOT NULL AND model <> '<synthetic>'
),
ranked AS (
    SELECT 'sessions' AS unit, cost_usd, row_number() OVER (ORDER BY cost_usd DESC) AS rank,
           count(*) OVER () AS n
    FROM session_costs
    UNION ALL
    SELECT 'turns', cost_usd, row_number() OVER (ORDER BY cost_usd DESC), count(*) OVER ()
    FROM turn_costs
)
SELECT unit,
       count(*) AS count,
       usd_sum(cost_usd) AS cost_usd,
       sum(cost_usd) FILTER (WHERE rank <= ceil(n * 0.01)) / nullif(usd_sum(cost_usd), 0) AS top_1pct_share,
       sum(cost_usd) FILTER (WHERE rank <= ceil(n * 0.05)) / nullif(usd_sum(cost_usd), 0) AS top_5pct_share,
       sum(cost_usd) FILTER (WHERE rank <= ceil(n * 0.10)) / nullif(usd_sum(cost_usd), 0) AS top_10pct_share,
       quantile_cont(cost_usd, 0.99) / nullif(quantile_cont(cost_usd, 0.5), 0) AS p99_over_p50
FROM ranked
GROUP BY unit
ORDER BY unit;

-- section costliest_sessions: The costliest sessions, and the token class that dominated their cost
SELECT session_id,
       project,
       primary_model,
       turns,
       duration_s / 60 AS minutes,
       cost_usd,
       CASE greatest(cost_input_usd, cost_output_usd, cost_cache_write_usd, cost_cache_read_usd)
           WHEN cost_cache_read_usd THEN 'cache read'
           WHEN cost_cache_write_usd THEN 'cache write'
           WHEN cost_output_usd THEN 'output'
           ELSE 'input'
       END AS dominant_class,
       greatest(cost_input_usd, cost_output_usd, cost_cache_write_usd, cost_cache_read_usd)
           / nullif(cost_usd, 0) AS dominant_share
FROM sessions
WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
  AND cost_usd IS NOT NULL
ORDER BY cost_usd DESC, session_id
LIMIT coalesce(getvariable('top'), 10);

-- section costliest_turns: The costliest turns
SELECT ts,
       session_id,
       project,
       model,
       context_tokens,
       output_tokens,
       cost_usd,
       CASE greatest(cost_input_usd, cost_output_usd, cost_cache_write_usd, cost_cache_read_usd)
           WHEN cost_cache_read_usd THEN 'cache read'
           WHEN cost_cache_write_usd THEN 'cache write'
           WHEN cost_output_usd THEN 'output'
           ELSE 'input'
       END AS dominant_class,
       greatest(cost_input_usd, cost_output_usd, cost_cache_write_usd, cost_cache_read_usd)
           / nullif(cost_usd, 0) AS dominant_share
FROM turns
WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
  AND cost_usd IS NOT NULL
ORDER BY cost_usd DESC, ts, message_id
LIMIT coalesce(getvariable('top'), 10);
