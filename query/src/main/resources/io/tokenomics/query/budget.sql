-- budget: spend per day against its 7-day rolling average, sessions above a limit, and the month to date.
-- Variables (SET VARIABLE name = value; NULL or unset: no filter, or the default said):
--   since, until    DATE: the days listed (report time zone); the month to date is the month of until (default:
--                   today), counted up to that day
--   project         part of the project name (LIKE pattern with a %)
--   model           LIKE pattern: turns of a matching model; sessions that used one
--   session_limit   USD: sessions costing more are listed (NULL: none)
--   monthly_budget  USD: the month to date and its projection are compared with it (NULL: no comparison)
-- The rolling average of a day is the mean spend of the 7 calendar days ending with it (days without use count as
-- $0, days before the first use are not counted); a day above 2x its average is a spike. Averages look at the
-- days before --since too, so the first days listed are not averaged over nothing.

-- section days: Spend per day, its 7-day rolling average, and the days above twice the average
WITH spend AS (
    SELECT CAST(ts AS DATE) AS day, usd_sum(cost_usd) AS cost_usd, count(*) AS turns
    FROM turns
    WHERE project_matches(project) AND model_matches(model)
    GROUP BY ALL
),
calendar AS (
    SELECT CAST(d AS DATE) AS day
    FROM (SELECT min(day) AS first_day, max(day) AS last_day FROM spend) bounds,
         generate_series(bounds.first_day, bounds.last_day, INTERVAL 1 DAY) days(d)
),
rolling AS (
    SELECT c.day,
           coalesce(s.cost_usd, 0) AS cost_usd,
           coalesce(s.turns, 0) AS turns,
           avg(coalesce(s.cost_usd, 0)) OVER (ORDER BY c.day ROWS BETWEEN 6 PRECEDING AND CURRENT ROW)
               AS rolling_7d_usd
    FROM calendar c LEFT JOIN spend s USING (day)
)
SELECT day,
       turns,
       cost_usd,
       rolling_7d_usd,
       cost_usd / nullif(rolling_7d_usd, 0) AS multiple_of_average,
       cost_usd > 2 * rolling_7d_usd AS spike
FROM rolling
WHERE in_period(day)
ORDER BY day;

-- section sessions_over_limit: Sessions above the session limit
SELECT session_id,
       project,
       primary_model,
       last_ts,
       turns,
       cost_usd,
       cost_usd - getvariable('session_limit') AS over_limit_usd
FROM sessions
WHERE in_period(CAST(last_ts AS DATE)) AND project_matches(project) AND any_model_matches(models)
  AND cost_usd > getvariable('session_limit')
ORDER BY cost_usd DESC, session_id;

-- section month_to_date: The month to date against the monthly budget, and where the month is heading
WITH as_of AS (
    SELECT coalesce(getvariable('until'), CAST(get_current_timestamp() AS DATE)) AS day
),
month AS (
    SELECT CAST(date_trunc('month', day) AS DATE) AS first_day,
           day AS as_of,
           day - CAST(date_trunc('month', day) AS DATE) + 1 AS days_elapsed,
           CAST(last_day(day) AS DATE) - CAST(date_trunc('month', day) AS DATE) + 1 AS days_in_month
    FROM as_of
),
spent AS (
    SELECT coalesce(usd_sum(t.cost_usd), 0) AS cost_usd
    FROM turns t, month m
    WHERE CAST(t.ts AS DATE) BETWEEN m.first_day AND m.as_of
      AND project_matches(t.project) AND model_matches(t.model)
)
SELECT strftime(m.first_day, '%Y-%m') AS month,
       m.as_of,
       m.days_elapsed,
       m.days_in_month,
       s.cost_usd AS spent_usd,
       s.cost_usd / m.days_elapsed * m.days_in_month AS projected_usd,
       getvariable('monthly_budget') AS budget_usd,
       s.cost_usd / getvariable('monthly_budget') AS budget_used_share,
       s.cost_usd / m.days_elapsed * m.days_in_month / getvariable('monthly_budget') AS projected_share
FROM month m, spent s;
