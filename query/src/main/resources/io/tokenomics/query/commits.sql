-- commits: what each commit cost: a Bash call that runs git commit (and did not fail) closes a span of its
-- session's turns, from after the session's previous commit up to the commit (views.sql, commits, has the rule).
-- Variables (SET VARIABLE name = value; NULL or unset: no filter):
--   since, until  DATE: commits by the day they were made, turns by their day (report time zone)
--   project       part of the project name (LIKE pattern with a %)
--   top           how many sessions and commits to list (default 10)
-- The model filter does not apply: a commit's span mixes the models that worked towards it. Spend after a session's
-- last commit (or in a session that never committed) is uncommitted.

-- section summary: Commits, what they cost, and the spend no commit followed
WITH chosen AS (
    SELECT * FROM commits
    WHERE in_period(CAST(commit_ts AS DATE)) AND project_matches(project)
),
last_commits AS (
    SELECT session_id, max(commit_ts) AS last_commit_ts FROM commits GROUP BY session_id
),
spend AS (
    SELECT usd_sum(t.cost_usd) AS cost_usd,
           usd_sum(CASE WHEN l.last_commit_ts IS NULL OR t.ts > l.last_commit_ts THEN t.cost_usd END)
               AS uncommitted_usd
    FROM turns t LEFT JOIN last_commits l USING (session_id)
    WHERE in_period(CAST(t.ts AS DATE)) AND project_matches(t.project)
)
SELECT count(*) AS commits,
       count(DISTINCT c.session_id) AS sessions,
       count(DISTINCT c.git_branch) AS branches,
       usd_sum(c.cost_usd) AS committed_usd,
       avg(c.cost_usd) AS mean_commit_usd,
       median(c.cost_usd) AS median_commit_usd,
       quantile_cont(c.cost_usd, 0.9) AS p90_commit_usd,
       avg(c.turns) AS turns_per_commit,
       any_value(s.uncommitted_usd) AS uncommitted_usd,
       any_value(s.uncommitted_usd) / nullif(any_value(s.cost_usd), 0) AS uncommitted_share
FROM chosen c CROSS JOIN spend s;

-- section branches: Cost per commit by git branch (the branch of the response that committed)
SELECT coalesce(git_branch, '-') AS git_branch,
       count(*) AS commits,
       count(DISTINCT session_id) AS sessions,
       usd_sum(cost_usd) AS cost_usd,
       avg(cost_usd) AS mean_commit_usd,
       median(cost_usd) AS median_commit_usd,
       avg(turns) AS turns_per_commit
FROM commits
WHERE in_period(CAST(commit_ts AS DATE)) AND project_matches(project)
GROUP BY ALL
ORDER BY cost_usd DESC NULLS LAST, git_branch;

-- section sessions: Sessions by what their commits cost
SELECT session_id,
       any_value(project) AS project,
       count(*) AS commits,
       usd_sum(cost_usd) AS cost_usd,
       avg(cost_usd) AS mean_commit_usd,
       max(cost_usd) AS max_commit_usd,
       min(commit_ts) AS first_commit_ts,
       max(commit_ts) AS last_commit_ts
FROM commits
WHERE in_period(CAST(commit_ts AS DATE)) AND project_matches(project)
GROUP BY session_id
ORDER BY cost_usd DESC NULLS LAST, session_id
LIMIT coalesce(getvariable('top'), 10);

-- section costliest_commits: The costliest commits
SELECT commit_ts,
       session_id,
       commit_number,
       git_branch,
       project,
       turns,
       epoch(commit_ts - prev_commit_ts) / 60 AS minutes_since_previous,
       cost_usd
FROM commits
WHERE in_period(CAST(commit_ts AS DATE)) AND project_matches(project)
ORDER BY cost_usd DESC NULLS LAST, commit_ts, session_id
LIMIT coalesce(getvariable('top'), 10);
