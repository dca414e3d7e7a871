-- tasks: what one human prompt costs: the prompt and every turn (sub-agents included) until the next prompt
-- (views.sql, tasks, has the rule).
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: tasks by the day of their prompt (report time zone)
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern: tasks with a turn of a matching model
--   top           how many of the costliest tasks to list (default 10)
-- Percentiles are quantile_cont; unpriced tasks (cost_usd NULL) are left out of the cost figures. Corrective loops,
-- failed results, test runs and spirals are those of views.sql, task_loops.

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

-- section loops: Tasks by corrective loops (edits of a file already edited in the task): the cost of getting it wrong
WITH chosen AS (
    SELECT *,
           CASE WHEN corrective_loops <= 2 THEN CAST(corrective_loops AS VARCHAR)
                WHEN corrective_loops <= 5 THEN '3-5'
                WHEN corrective_loops <= 10 THEN '6-10'
                ELSE '11+' END AS loops
    FROM task_loops
    WHERE in_period(CAST(prompt_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
)
SELECT loops AS corrective_loops,
       count(*) AS tasks,
       count(*) / sum(count(*)) OVER () AS task_share,
       avg(turns) AS turns_per_task,
       sum(failed_results) AS failed_results,
       sum(test_runs) AS test_runs,
       usd_sum(cost_usd) AS cost_usd,
       usd_sum(cost_usd) / nullif(sum(usd_sum(cost_usd)) OVER (), 0) AS cost_share,
       median(cost_usd) AS median_task_usd
FROM chosen
GROUP BY loops
ORDER BY min(corrective_loops);

-- section spirals: Debug spirals (tasks with 3 or more corrective loops) and their share of spend, by model
WITH chosen AS (
    SELECT *
    FROM task_loops
    WHERE in_period(CAST(prompt_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
)
SELECT CASE WHEN grouping(primary_model) = 1 THEN 'total' ELSE coalesce(primary_model, '-') END AS model,
       count(*) AS tasks,
       count(*) FILTER (WHERE is_spiral) AS spirals,
       count(*) FILTER (WHERE is_spiral) / count(*) AS spiral_task_share,
       avg(turns) FILTER (WHERE is_spiral) AS turns_per_spiral,
       avg(turns) FILTER (WHERE NOT is_spiral) AS turns_per_other_task,
       usd_sum(CASE WHEN is_spiral THEN cost_usd END) / nullif(count(*) FILTER (WHERE is_spiral), 0)
           AS mean_spiral_usd,
       usd_sum(cost_usd) AS cost_usd,
       usd_sum(CASE WHEN is_spiral THEN cost_usd END) AS spiral_cost_usd,
       usd_sum(CASE WHEN is_spiral THEN cost_usd END) / nullif(usd_sum(cost_usd), 0) AS spiral_cost_share
FROM chosen
GROUP BY GROUPING SETS ((primary_model), ())
ORDER BY grouping(primary_model), cost_usd DESC NULLS LAST, model;
