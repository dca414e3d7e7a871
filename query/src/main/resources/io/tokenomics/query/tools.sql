-- tools: what tool calls put into the context, and what carrying their results cost. Result tokens are estimated
-- as result_bytes / 4; carry_usd is each result's share of the prompts that carried it until the next compaction
-- (views.sql, tool_result_costs, has the rule).
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: calls by the day of the tool_use (a result without its tool_use: by its own day)
--   project       part of the project name (LIKE pattern with a %)
--   model         LIKE pattern on the model of the response that called the tool
--   top           how many of the largest results to list (default 10)

-- section by_tool: Per tool: calls, result sizes, errors and the cost of carrying results in later prompts
WITH uses AS (
    SELECT u.tool_use_id, u.tool_name, u.ts, t.model, t.project
    FROM tool_uses u LEFT JOIN turns t ON t.message_id = u.message_id
),
calls AS (
    SELECT coalesce(u.tool_name, '(unknown)') AS tool_name,
           u.tool_use_id AS use_id,
           r.tool_use_id AS result_id,
           r.is_error, r.result_bytes, r.result_tokens, r.carry_usd,
           coalesce(u.ts, r.ts) AS ts,
           coalesce(u.model, r.model) AS model,
           coalesce(u.project, r.project) AS project
    FROM uses u FULL JOIN tool_result_costs r ON r.tool_use_id = u.tool_use_id
)
SELECT tool_name,
       count(use_id) AS calls,
       count(result_id) AS results,
       count(*) FILTER (WHERE is_error) / nullif(count(result_id), 0) AS error_rate,
       sum(result_bytes) AS result_bytes,
       sum(result_tokens) AS result_tokens,
       avg(result_bytes) AS avg_result_bytes,
       usd_sum(carry_usd) AS carry_usd
FROM calls
WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
GROUP BY tool_name
ORDER BY carry_usd DESC NULLS LAST, calls DESC, tool_name;

-- section largest_results: The largest single results
SELECT ts,
       session_id,
       project,
       coalesce(tool_name, '(unknown)') AS tool_name,
       result_bytes,
       result_tokens,
       later_turns,
       carry_usd
FROM tool_result_costs
WHERE in_period(CAST(coalesce(use_ts, ts) AS DATE)) AND project_matches(project) AND model_matches(model)
ORDER BY result_bytes DESC, ts, tool_use_id
LIMIT coalesce(getvariable('top'), 10);
