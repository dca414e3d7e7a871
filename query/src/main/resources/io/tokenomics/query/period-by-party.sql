-- Tokens and cost per period, person or machine, and model (daily, weekly, monthly --by user|host), in the session
-- time zone (SET TimeZone).
-- Variables (SET VARIABLE name = value; NULL or unset: no filter): since, until (DATE, on the turn's day), project,
-- model (LIKE patterns); period ('day', 'week' or 'month'), week_start (0-6, 0 = Sunday), party ('user' or 'host').
WITH days AS (
    SELECT CAST(ts AS DATE) AS day, *
    FROM turns
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
)
SELECT
    CASE getvariable('period')
        WHEN 'month' THEN strftime(day, '%Y-%m')
        WHEN 'week' THEN strftime(day - CAST((dayofweek(day) - coalesce(getvariable('week_start'), 0) + 7) % 7
            AS INTEGER), '%Y-%m-%d')
        ELSE strftime(day, '%Y-%m-%d')
    END AS period,
    CASE getvariable('party') WHEN 'host' THEN host ELSE "user" END AS party,
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
ORDER BY period, party, model;
