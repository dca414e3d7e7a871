-- Tokens and cost per session and model, with the session's first and last activity.
-- Variables: since, until (DATE or NULL, on the session's last activity), project (a part of its name, or a LIKE
-- pattern), model (LIKE pattern), session_id (one session; NULL or unset: all).
WITH filtered AS (
    SELECT * FROM turns
    WHERE project_matches(project) AND model_matches(model)
      AND (getvariable('session_id') IS NULL OR session_id = getvariable('session_id'))
),
per_session AS (
    SELECT session_id,
           any_value(project ORDER BY ts) AS project,
           min(ts) AS first_ts,
           max(ts) AS last_ts
    FROM filtered
    GROUP BY session_id
)
SELECT
    s.session_id,
    s.project,
    s.first_ts,
    s.last_ts,
    f.model,
    sum(f.input_tokens) AS input_tokens,
    sum(f.output_tokens) AS output_tokens,
    sum(f.cache_write_5m_tokens) AS cache_write_5m_tokens,
    sum(f.cache_write_1h_tokens) AS cache_write_1h_tokens,
    sum(f.cache_read_tokens) AS cache_read_tokens,
    sum(f.reasoning_tokens) AS reasoning_tokens,
    usd_sum(f.cost_usd) AS cost_usd,
    usd_sum(f.cost_web_search_usd) AS cost_web_search_usd,
    count(*) AS turns,
    count(*) FILTER (WHERE f.cost_usd IS NULL) AS unpriced_turns,
    string_agg(DISTINCT f.agent, ',' ORDER BY f.agent) AS agents
FROM filtered f JOIN per_session s USING (session_id)
WHERE in_period(CAST(s.last_ts AS DATE))
GROUP BY ALL
ORDER BY s.last_ts, s.session_id, f.model;
