-- tasks: what one human prompt costs: the prompt and every turn (sub-agents included) until the next prompt
-- (views.sql, tasks, has the rule).
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: tasks by the day of their prompt (report time zone)
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern: tasks with a turn of a matching model
--   top           how many of the costliest tasks to list (default 10)
-- Percentiles are quantile_cont; unpriced tasks (cost_usd NULL) are left out of the cost figures.

-- section summary: Tasks and how their cost is spread
WITH chosen AS (
    SELECT *,
           row_number() OVER (ORDER BY cost_usd DESC NULLS LAST) AS rank,
           count(cost_usd) OVER () AS priced
    FROM tasks
    WHERE in_period(CAST(prompt_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
)
SELECT count(*) AS tasks,
       count(DISTINCT session_id) AS sessions,
       sum(turns) / count(*) AS turns_per_task,
       usd_sum(cost_usd) AS cost_usd,
       sum(cost_usd) FILTER (WHERE rank <= ceil(priced * 0.10)) / nullif(usd_sum(cost_usd), 0) AS top_10pct_share,
       quantile_cont(cost_usd, 0.99) / nullif(quantile_cont(cost_usd, 0.5), 0) AS p99_over_p50
FROM chosen
HAVING count(*) > 0;

-- section distribution: Tasks: distribution of cost, turns, tokens and duration
WITH stats AS (
    SELECT count(*) AS n,
           [avg(cost_usd)] || quantile_cont(cost_usd, [0.5, 0.9, 0.95, 0.99]) || [max(cost_usd)] AS cost,
           [avg(turns)] || quantile_cont(turns, [0.5, 0.9, 0.95, 0.99]) || [max(turns)] AS turns,
           [avg(tokens)] || quantile_cont(tokens, [0.5, 0.9, 0.95, 0.99]) || [max(tokens)] AS tokens,
           [avg(duration_s / 60)] || quantile_cont(duration_s / 60, [0.5, 0.9, 0.95, 0.99])
               || [max(duration_s / 60)] AS minutes
    FROM tasks
    WHERE in_period(CAST(prompt_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
)
SELECT unnest(['mean', 'p50', 'p90', 'p95', 'p99', 'max']) AS statistic,
       unnest(cost) AS cost_usd,
       unnest(turns) AS turns,
       unnest(tokens) AS total_tokens,
       unnest(minutes) AS minutes
FROM stats
WHERE n > 0;

-- section costliest_tasks: The costliest tasks
SELECT prompt_ts,
       session_id,
       project,
       prompt_chars,
       turns,
       subagent_turns,
       tool_calls,
       duration_s / 60 AS minutes,
       cost_usd
FROM tasks
WHERE in_period(CAST(prompt_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
  AND cost_usd IS NOT NULL
ORDER BY cost_usd DESC, prompt_ts, session_id
LIMIT coalesce(getvariable('top'), 10);
