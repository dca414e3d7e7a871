-- What each session's tasks would have cost with its planner turns on one model and its executor turns on another
-- (whatif-turns.sql, scenario_turns, with scenario_prices keyed by phase), beside the recorded planner and executor
-- (views.sql, session_phases). Turns before a session's first prompt belong to no task and are left out, as
-- session_phases leaves them out of its cost.
SELECT
    s.session_id,
    any_value(p.project) AS project,
    any_value(p.planner) AS planner,
    any_value(p.executor) AS executor,
    count(*) FILTER (WHERE s.phase = 'planner') AS planner_turns,
    count(*) FILTER (WHERE s.phase = 'executor') AS executor_turns,
    usd_sum(s.actual_usd) AS actual_usd,
    usd_sum(s.counterfactual_usd) AS counterfactual_usd,
    count(*) FILTER (WHERE s.actual_usd IS NULL) AS actual_unpriced_turns,
    count(*) FILTER (WHERE NOT s.counterfactual_priced) AS counterfactual_unpriced_turns
FROM scenario_turns s JOIN session_phases p USING (session_id)
WHERE s.phase IS NOT NULL
GROUP BY s.session_id
ORDER BY actual_usd DESC NULLS LAST, s.session_id;
