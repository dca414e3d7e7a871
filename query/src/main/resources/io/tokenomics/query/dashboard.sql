-- dashboard: the figures of 'tokenomics dashboard' that no other report has: the totals of its header, spend per
-- day and model, spend per agent, and the distributions of session cost and prompt growth as histograms over log-spaced bins. The
-- dashboard takes the rest from the sections of budget.sql (days), tail.sql (sessions, costliest_sessions),
-- cache.sql (hit_ratio), context.sql (distribution), tools.sql (by_tool) and models.sql (by_model).
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: turns by their day, sessions by the day of their last activity (report time zone)
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern: turns of a matching model; sessions that used one
-- A bin covers [10^(bin / k), 10^((bin + 1) / k)), k bins per decade. Sessions that cost nothing or are unpriced
-- (cost_usd NULL) have no bin; totals counts them.

-- section totals: Spend, sessions, turns, tokens and the days covered
WITH chosen AS (
    SELECT *
    FROM turns
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
),
session_costs AS (
    SELECT session_id, usd_sum(cost_usd) AS cost_usd FROM chosen GROUP BY session_id
)
SELECT usd_sum(cost_usd) AS cost_usd,
       (SELECT count(*) FROM session_costs) AS sessions,
       (SELECT count(*) FROM session_costs WHERE coalesce(cost_usd, 0) = 0) AS sessions_without_cost,
       count(*) FILTER (WHERE model IS DISTINCT FROM '<synthetic>') AS turns,
       sum(input_tokens + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens)
           AS total_tokens,
       sum(cache_read_tokens) / nullif(sum(context_tokens), 0) AS cache_hit_ratio,
       count(DISTINCT project) AS projects,
       count(DISTINCT model) FILTER (WHERE model <> '<synthetic>') AS models,
       min(CAST(ts AS DATE)) AS first_day,
       max(CAST(ts AS DATE)) AS last_day,
       count(*) FILTER (WHERE cost_usd IS NULL AND model IS DISTINCT FROM '<synthetic>') AS unpriced_turns
FROM chosen;

-- section model_days: Spend per day and model
SELECT CAST(ts AS DATE) AS day,
       model,
       usd_sum(cost_usd) AS cost_usd,
       count(*) AS turns
FROM turns
WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
  AND model IS DISTINCT FROM '<synthetic>'
GROUP BY ALL
ORDER BY day, model;

-- section agents: Spend, sessions, turns and tokens per agent
SELECT agent,
       usd_sum(cost_usd) AS cost_usd,
       count(DISTINCT session_id) AS sessions,
       count(*) FILTER (WHERE model IS DISTINCT FROM '<synthetic>') AS turns,
       sum(input_tokens + output_tokens + cache_write_5m_tokens + cache_write_1h_tokens + cache_read_tokens)
           AS total_tokens,
       count(*) FILTER (WHERE cost_usd IS NULL AND model IS DISTINCT FROM '<synthetic>') AS unpriced_turns
FROM turns
WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
GROUP BY agent
ORDER BY cost_usd DESC NULLS LAST, agent;

-- section session_cost_bins: Sessions by cost, five bins per decade
WITH chosen AS (
    SELECT cost_usd
    FROM sessions
    WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
      AND cost_usd > 0
)
SELECT CAST(floor(log10(cost_usd) * 5) AS BIGINT) AS bin,
       power(10, bin / 5.0) AS low_usd,
       power(10, (bin + 1) / 5.0) AS high_usd,
       count(*) AS sessions,
       usd_sum(cost_usd) AS cost_usd
FROM chosen
GROUP BY bin
ORDER BY bin;

-- section growth_bins: Sessions by prompt growth (growth_multiplier), ten bins per decade
WITH chosen AS (
    SELECT growth_multiplier, cost_usd
    FROM sessions
    WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
      AND growth_multiplier > 0
)
SELECT CAST(floor(log10(growth_multiplier) * 10) AS BIGINT) AS bin,
       power(10, bin / 10.0) AS low_multiplier,
       power(10, (bin + 1) / 10.0) AS high_multiplier,
       count(*) AS sessions,
       usd_sum(cost_usd) AS cost_usd
FROM chosen
GROUP BY bin
ORDER BY bin;

-- section people: Spend per person (the user written at ingest), with the machines (hosts) their turns came from
SELECT "user",
       usd_sum(cost_usd) AS cost_usd,
       count(DISTINCT session_id) AS sessions,
       count(*) AS turns,
       string_agg(DISTINCT host, ', ' ORDER BY host) AS hosts
FROM turns
WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
  AND model IS DISTINCT FROM '<synthetic>'
GROUP BY "user"
ORDER BY cost_usd DESC NULLS LAST, "user";
