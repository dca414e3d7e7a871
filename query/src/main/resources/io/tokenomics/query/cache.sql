-- cache: how much of each prompt came from the prompt cache, and what broke it. The hit ratio is
-- cache_read / (input + cache writes + cache read). A miss is a mid-thread invalidation as views.sql defines
-- cache_miss (thread_turns): the read dropped below half of the previous prompt while the prompt stayed large, and
-- no compaction came between. cache_miss_usd is what each miss cost beyond reading the cache. Each miss has a cause
-- (views.sql, cache_misses): idle_expiry, model_switch, memory_edit, skill_load or unexplained.
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: turns by their day, sessions by the day of their last activity (report time zone)
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern: turns of a matching model; sessions that used one
--   top           how many sessions and misses to list (default 10)

-- section hit_ratio: Hit ratio, misses and the 5 m / 1 h write mix, in total and by model, project and day
WITH chosen AS (
    SELECT CAST(ts AS DATE) AS day, *
    FROM thread_turns
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
      AND model IS DISTINCT FROM '<synthetic>'
),
grouped AS (
    SELECT CASE
               WHEN grouping(day) = 0 THEN 'day'
               WHEN grouping(model) = 0 THEN 'model'
               WHEN grouping(project) = 0 THEN 'project'
               ELSE 'total'
           END AS grouped_by,
           coalesce(CAST(day AS VARCHAR), model, project) AS key,
           count(*) AS turns,
           sum(input_tokens) AS input_tokens,
           sum(cache_write_5m_tokens) AS write_5m_tokens,
           sum(cache_write_1h_tokens) AS write_1h_tokens,
           sum(cache_read_tokens) AS read_tokens,
           sum(cache_read_tokens) / nullif(sum(context_tokens), 0) AS hit_ratio,
           sum(cache_write_1h_tokens) / nullif(sum(cache_write_5m_tokens + cache_write_1h_tokens), 0)
               AS write_1h_share,
           count(*) FILTER (WHERE cache_miss) AS misses,
           usd_sum(cache_miss_usd) AS miss_usd,
           usd_sum(cost_usd) AS cost_usd
    FROM chosen
    GROUP BY GROUPING SETS ((), (day), (model), (project))
)
SELECT *
FROM grouped
ORDER BY list_position(['total', 'model', 'project', 'day'], grouped_by), key;

-- section causes: What broke the cache: misses and their cost per cause (views.sql, cache_misses, has the rules)
WITH chosen AS (
    SELECT *
    FROM cache_misses
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
)
SELECT cause,
       count(*) AS misses,
       count(DISTINCT session_id) AS sessions,
       sum(rewritten_tokens) AS rewritten_tokens,
       usd_sum(miss_usd) AS miss_usd,
       usd_sum(miss_usd) / nullif(sum(usd_sum(miss_usd)) OVER (), 0) AS cost_share,
       median(pause_s) / 60 AS median_pause_minutes
FROM chosen
GROUP BY cause
ORDER BY miss_usd DESC NULLS LAST, misses DESC, cause;

-- section sessions: Sessions whose cache misses cost the most, and the cause that cost them most
WITH main_causes AS (
    SELECT session_id, first(cause ORDER BY cause_usd DESC, misses DESC, cause) AS main_cause
    FROM (SELECT session_id, cause, coalesce(usd_sum(miss_usd), 0) AS cause_usd, count(*) AS misses
          FROM cache_misses GROUP BY ALL)
    GROUP BY session_id
)
SELECT session_id,
       project,
       primary_model,
       turns,
       cache_hit_ratio,
       cache_misses,
       main_cause,
       cache_miss_usd,
       cost_usd
FROM sessions LEFT JOIN main_causes USING (session_id)
WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
  AND cache_misses > 0
ORDER BY cache_miss_usd DESC NULLS LAST, cache_misses DESC, session_id
LIMIT coalesce(getvariable('top'), 10);

-- section misses: The costliest misses, with the pause before them and their cause
SELECT ts,
       session_id,
       agent_id,
       model,
       pause_s / 60 AS pause_minutes,
       prev_context_tokens,
       context_tokens,
       cache_read_tokens,
       cause,
       miss_usd AS cache_miss_usd
FROM cache_misses
WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
ORDER BY miss_usd DESC NULLS LAST, ts, message_id
LIMIT coalesce(getvariable('top'), 10);

-- section cause_days: Cache misses and their cost per day and cause
SELECT CAST(ts AS DATE) AS day,
       cause,
       count(*) AS misses,
       sum(rewritten_tokens) AS rewritten_tokens,
       usd_sum(miss_usd) AS miss_usd
FROM cache_misses
WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
GROUP BY ALL
ORDER BY day, cause;
