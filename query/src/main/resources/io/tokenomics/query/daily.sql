-- Tokens and cost per day and model. The day is the turn's time in the session time zone (SET TimeZone).
-- Variables (SET VARIABLE name = value): since, until (DATE or NULL), project (part of the name, or LIKE with a %),
-- model (LIKE pattern or NULL).
SELECT
    CAST(ts AS DATE) AS day,
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
FROM turns
WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
GROUP BY ALL
ORDER BY day, model;
