-- models: spend and turns per model, and sessions that switch model (plan with one, execute with another)
-- against sessions that stay with one.
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: turns by their day, sessions by the day of their last activity (report time zone)
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern: turns of a matching model; sessions that used one
--   top           how many model sequences to list (default 10)
-- A session switches model when its main thread used more than one model (sub-agents often run on a smaller
-- model by design; that is no switch). Placeholder replies (<synthetic>) are no model.

-- section by_model: Spend and turns per model
WITH chosen AS (
    SELECT *
    FROM turns
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
      AND model IS DISTINCT FROM '<synthetic>'
)
SELECT model,
       count(*) AS turns,
       count(DISTINCT session_id) AS sessions,
       sum(input_tokens) AS input_tokens,
       sum(output_tokens) AS output_tokens,
       sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cache_write_tokens,
       sum(cache_read_tokens) AS cache_read_tokens,
       avg(context_tokens) AS avg_context_tokens,
       usd_sum(cost_usd) AS cost_usd,
       usd_sum(cost_usd) / CAST(sum(sum(CAST(cost_usd AS DECIMAL(38, 12)))) OVER () AS DOUBLE) AS cost_share,
       usd_sum(cost_usd) / count(cost_usd) AS cost_per_turn_usd,
       count(*) FILTER (WHERE cost_usd IS NULL) AS unpriced_turns
FROM chosen
GROUP BY model
ORDER BY cost_usd DESC NULLS LAST, model;

-- section switching: Sessions that switch model against single-model sessions
WITH main_models AS (
    SELECT session_id, count(DISTINCT model) AS main_models
    FROM turns
    WHERE agent_id IS NULL AND model IS NOT NULL AND model <> '<synthetic>'
    GROUP BY session_id
),
chosen AS (
    SELECT s.*, coalesce(m.main_models, 0) AS main_models
    FROM sessions s LEFT JOIN main_models m USING (session_id)
    WHERE in_period(CAST(s.last_ts AS DATE)) AND project_matches(s.project) AND any_model_matches(s.models)
)
SELECT CASE WHEN main_models > 1 THEN 'switches model' ELSE 'one model' END AS session_kind,
       count(*) AS sessions,
       sum(turns) AS turns,
       sum(turns) / count(*) AS turns_per_session,
       usd_sum(cost_usd) AS cost_usd,
       usd_sum(cost_usd) / count(cost_usd) AS cost_per_session_usd,
       quantile_cont(cost_usd, 0.5) AS median_cost_usd,
       usd_sum(cost_usd) / CAST(sum(sum(CAST(cost_usd AS DECIMAL(38, 12)))) OVER () AS DOUBLE) AS cost_share
FROM chosen
GROUP BY ALL
ORDER BY session_kind;

-- section sequences: How sessions switch: the main thread's models in the order first used
WITH firsts AS (
    SELECT session_id, model, min(ts) AS first_used
    FROM turns
    WHERE agent_id IS NULL AND model IS NOT NULL AND model <> '<synthetic>'
    GROUP BY ALL
),
sequences AS (
    SELECT session_id, string_agg(model, ' > ' ORDER BY first_used, model) AS models_in_order, count(*) AS n
    FROM firsts
    GROUP BY session_id
)
SELECT q.models_in_order,
       count(*) AS sessions,
       sum(s.turns) AS turns,
       usd_sum(s.cost_usd) AS cost_usd,
       usd_sum(s.cost_usd) / count(s.cost_usd) AS cost_per_session_usd
FROM sequences q JOIN sessions s USING (session_id)
WHERE q.n > 1
  AND in_period(CAST(s.last_ts AS DATE)) AND project_matches(s.project) AND any_model_matches(s.models)
GROUP BY q.models_in_order
ORDER BY cost_usd DESC NULLS LAST, sessions DESC, q.models_in_order
LIMIT coalesce(getvariable('top'), 10);

-- section plan_execute: Plan with one model, execute with another: turns and cost per task by planner (the model of a session's first task) and executor (of its later tasks), against sessions that kept one model, per project
WITH chosen AS (
    SELECT *
    FROM session_phases
    WHERE executor IS NOT NULL AND planner IS NOT NULL
      AND in_period(CAST(last_prompt_ts AS DATE)) AND project_matches(project)
      AND any_model_matches([planner, executor])
)
SELECT project,
       CASE WHEN planner = executor THEN 'one model' ELSE 'plan > execute' END AS session_kind,
       planner AS planner_model,
       executor AS executor_model,
       count(*) AS sessions,
       sum(tasks) AS tasks,
       sum(turns) / sum(tasks) AS turns_per_task,
       usd_sum(cost_usd) AS cost_usd,
       usd_sum(cost_usd) / sum(tasks) FILTER (WHERE cost_usd IS NOT NULL) AS cost_per_task_usd,
       median(cost_usd / tasks) AS median_session_cost_per_task_usd
FROM chosen
GROUP BY ALL
ORDER BY project, session_kind DESC, cost_usd DESC NULLS LAST, planner_model, executor_model;
