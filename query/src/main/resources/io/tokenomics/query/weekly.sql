-- Tokens and cost per week and model. A week starts on the day week_start names (0 = Sunday, as dayofweek counts,
-- ccusage's default; 1 = Monday, ...), in the session time zone (SET TimeZone).
-- Variables (SET VARIABLE name = value; NULL or unset: no filter): since, until (DATE, on the turn's day),
-- project, model (LIKE patterns), week_start (0-6, default 0).
WITH days AS (
    SELECT CAST(ts AS DATE) AS day, *
    FROM turns
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
)
SELECT
    strftime(day - CAST((dayofweek(day) - coalesce(getvariable('week_start'), 0) + 7) % 7 AS INTEGER), '%Y-%m-%d')
        AS week,
    model,
    sum(input_tokens) AS input_tokens,
    sum(output_tokens) AS output_tokens,
    sum(cache_write_5m_tokens) AS cache_write_5m_tokens,
    sum(cache_write_1h_tokens) AS cache_write_1h_tokens,
    sum(cache_read_tokens) AS cache_read_tokens,
    sum(reasoning_tokens) AS reasoning_tokens,
    usd_sum(cost_usd) AS cost_usd,
    usd_sum(cost_web_search_usd) AS cost_web_search_usd,
    count(*) AS turns,
    count(*) FILTER (WHERE cost_usd IS NULL) AS unpriced_turns,
    string_agg(DISTINCT agent, ',' ORDER BY agent) AS agents
FROM days
GROUP BY ALL
ORDER BY week, model;
