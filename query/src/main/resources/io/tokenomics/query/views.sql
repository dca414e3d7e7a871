-- Views derived from the tables: what needs a session's order or a join. Registered with every query session.

-- A sum of dollars that does not depend on the order of its terms: DuckDB adds doubles in the order its threads
-- happen to deliver them, so the last digits of a sum changed between two runs on the same data. Each term is
-- rounded to 12 decimals (a millionth of a millionth of a dollar) and added exactly, as a DECIMAL.
CREATE MACRO usd_sum(x) AS CAST(sum(CAST(x AS DECIMAL(38, 12))) AS DOUBLE);

-- The report filters, read from the variables ReportFilter sets (SET VARIABLE since = DATE '2026-10-01', ...).
-- A variable that is NULL or was never set does not filter.
CREATE MACRO in_period(day) AS
    (getvariable('since') IS NULL OR day >= getvariable('since'))
    AND (getvariable('until') IS NULL OR day <= getvariable('until'));
-- project: a part of the project's name, in any case (--project spotter), or a LIKE pattern when it holds a %.
CREATE MACRO project_matches(p) AS getvariable('project') IS NULL
    OR CASE WHEN contains(getvariable('project'), '%') THEN p LIKE getvariable('project')
            ELSE contains(lower(p), lower(getvariable('project'))) END;
CREATE MACRO model_matches(m) AS getvariable('model') IS NULL OR m LIKE getvariable('model');
CREATE MACRO any_model_matches(model_list) AS
    getvariable('model') IS NULL OR len(list_filter(model_list, lambda m: m LIKE getvariable('model'))) > 0;

-- thread_turns: every turn with its place in its thread and the request before it in that thread. A thread is one
-- conversation: (session_id, agent_id), agent_id NULL on the main thread. Placeholder replies (<synthetic>) are no
-- API requests, so they are never "the previous turn".
--
-- cache_miss marks a mid-thread cache invalidation: a turn for which all of these hold
--   1. it is not the first request of its thread (a previous non-synthetic turn exists);
--   2. its cache read dropped: cache_read_tokens < 0.5 * previous context_tokens. "About zero" is relative: when a
--      conversation's cache expires, the system prompt and tools (10k to 25k tokens, cached by every session of the
--      same setup) are usually still read, so a threshold of a few percent or an absolute 1024 misses most real
--      expiries (an Opus 4.6 session in the fixtures reads 21,460 of 111,391 prompt tokens after a 45-minute pause);
--   3. its prompt stayed large: context_tokens > 10000 and context_tokens > 0.5 * previous context_tokens (a prompt
--      that shrank more than that was rebuilt on purpose);
--   4. no compaction of the same thread (compactions with the same session_id and agent_id) has its ts between the
--      previous turn's ts and this turn's ts, both included: a compaction replaces the prompt, so its cache is new.
-- cache_miss_usd is what a miss cost beyond reading the cache: the tokens the turn could have read
-- (least(previous context, this context) - cache read) times the turn's price per uncached prompt token (input and
-- cache writes) minus its cache-read price (as paid on this turn, else 0.1 x its input price, Anthropic's ratio).
-- NULL when the model is unpriced.
-- prev_model is the previous request's model; prev_write_1h whether the thread's last cache write before this turn
-- was mostly 1-hour writes (its 1 h tokens outnumber its 5 m ones), NULL before the thread's first write.
CREATE VIEW thread_turns AS
WITH ordered AS (
    SELECT *,
           row_number() OVER thread AS thread_turn,
           lag(CASE WHEN model IS DISTINCT FROM '<synthetic>' THEN ts END IGNORE NULLS) OVER thread AS prev_ts,
           lag(CASE WHEN model IS DISTINCT FROM '<synthetic>' THEN context_tokens END IGNORE NULLS) OVER thread
               AS prev_context_tokens,
           lag(CASE WHEN model IS DISTINCT FROM '<synthetic>' THEN model END IGNORE NULLS) OVER thread AS prev_model,
           lag(CASE WHEN model IS DISTINCT FROM '<synthetic>' AND cache_write_5m_tokens + cache_write_1h_tokens > 0
                    THEN cache_write_1h_tokens > cache_write_5m_tokens END IGNORE NULLS) OVER thread
               AS prev_write_1h
    FROM turns
    WINDOW thread AS (PARTITION BY session_id, agent_id ORDER BY ts, line_offset)
),
dropped AS (
    SELECT *,
           prev_context_tokens IS NOT NULL
           AND model IS DISTINCT FROM '<synthetic>'
           AND cache_read_tokens < 0.5 * prev_context_tokens
           AND context_tokens > 10000
           AND context_tokens > 0.5 * prev_context_tokens AS cache_dropped
    FROM ordered
),
missed AS (
    SELECT d.*,
           d.cache_dropped AND NOT EXISTS (
               SELECT 1 FROM compactions c
               WHERE c.session_id = d.session_id AND c.agent_id IS NOT DISTINCT FROM d.agent_id
                 AND c.ts BETWEEN d.prev_ts AND d.ts) AS cache_miss
    FROM dropped d
)
SELECT * EXCLUDE (cache_dropped),
       CASE WHEN cache_miss THEN
           (least(prev_context_tokens, context_tokens) - cache_read_tokens)
           * ((cost_input_usd + cost_cache_write_usd)
                  / nullif(input_tokens + cache_write_5m_tokens + cache_write_1h_tokens, 0)
              - coalesce(cost_cache_read_usd / nullif(cache_read_tokens, 0),
                         0.1 * cost_input_usd / nullif(input_tokens, 0)))
       END AS cache_miss_usd
FROM missed;

-- sessions: one row per session over all its threads. growth_multiplier looks at the main thread only (sub-agents
-- start their own small prompts): the sum of its prompt sizes over its turns / (its turns x its first prompt size),
-- 1 for a prompt that never grew. primary_model is the model of most turns (ties: the first by name). agent is the
-- agent that wrote the session (that of its first turn).
CREATE VIEW sessions AS
WITH per_model AS (
    SELECT session_id, model, count(*) AS model_turns
    FROM turns
    WHERE model IS NOT NULL AND model <> '<synthetic>'
    GROUP BY ALL
),
models AS (
    SELECT session_id,
           list(model ORDER BY model) AS models,
           first(model ORDER BY model_turns DESC, model) AS primary_model
    FROM per_model
    GROUP BY session_id
),
main_thread AS (
    SELECT session_id,
           sum(context_tokens) / nullif(count(*) * first(context_tokens ORDER BY ts, line_offset), 0)
               AS growth_multiplier
    FROM turns
    WHERE agent_id IS NULL AND model IS DISTINCT FROM '<synthetic>'
    GROUP BY session_id
),
prompt_counts AS (
    SELECT session_id, count(*) AS prompts FROM prompts GROUP BY session_id
),
result_bytes AS (
    SELECT session_id, sum(result_bytes) AS tool_result_bytes FROM tool_results GROUP BY session_id
),
compaction_counts AS (
    SELECT session_id, count(*) AS compactions FROM compactions GROUP BY session_id
),
totals AS (
    SELECT
        session_id,
        arg_min(agent, ts) AS agent,
        arg_min(project, ts) AS project,
        arg_min(cwd, ts) FILTER (WHERE cwd IS NOT NULL) AS cwd,
        min(ts) AS first_ts,
        max(ts) AS last_ts,
        epoch(max(ts) - min(ts)) AS duration_s,
        count(*) AS turns,
        sum(input_tokens) AS input_tokens,
        sum(output_tokens) AS output_tokens,
        sum(cache_write_5m_tokens + cache_write_1h_tokens) AS cache_write_tokens,
        sum(cache_read_tokens) AS cache_read_tokens,
        usd_sum(cost_usd) AS cost_usd,
        usd_sum(cost_input_usd) AS cost_input_usd,
        usd_sum(cost_output_usd) AS cost_output_usd,
        usd_sum(cost_cache_write_usd) AS cost_cache_write_usd,
        usd_sum(cost_cache_read_usd) AS cost_cache_read_usd,
        sum(cache_read_tokens) / nullif(sum(context_tokens), 0) AS cache_hit_ratio,
        count(*) FILTER (WHERE cache_miss) AS cache_misses,
        usd_sum(cache_miss_usd) AS cache_miss_usd,
        max(context_tokens) AS max_context_tokens,
        CAST(sum(tool_uses) AS BIGINT) AS tool_calls,
        CAST(sum(thinking_chars) AS BIGINT) AS thinking_chars,
        count(*) FILTER (WHERE agent_id IS NOT NULL) AS subagent_turns,
        count(*) FILTER (WHERE cost_usd IS NULL AND model IS DISTINCT FROM '<synthetic>') AS unpriced_turns
    FROM thread_turns
    GROUP BY session_id
)
SELECT
    t.session_id, t.agent, t.project, t.cwd, t.first_ts, t.last_ts, t.duration_s, t.turns,
    coalesce(p.prompts, 0) AS prompts,
    m.models, m.primary_model,
    t.input_tokens, t.output_tokens, t.cache_write_tokens, t.cache_read_tokens,
    t.cost_usd, t.cache_hit_ratio, t.cache_misses, t.max_context_tokens, g.growth_multiplier,
    t.tool_calls,
    coalesce(r.tool_result_bytes, 0) AS tool_result_bytes,
    t.thinking_chars, t.subagent_turns,
    coalesce(c.compactions, 0) AS compactions,
    t.cost_input_usd, t.cost_output_usd, t.cost_cache_write_usd, t.cost_cache_read_usd,
    t.cache_miss_usd, t.unpriced_turns
FROM totals t
LEFT JOIN models m USING (session_id)
LEFT JOIN main_thread g USING (session_id)
LEFT JOIN prompt_counts p USING (session_id)
LEFT JOIN result_bytes r USING (session_id)
LEFT JOIN compaction_counts c USING (session_id);

-- tool_calls: each tool_use with its result (NULL result columns: no result was logged; NULL tool_name: a result
-- whose tool_use line was not kept).
CREATE VIEW tool_calls AS
SELECT
    coalesce(u.session_id, r.session_id) AS session_id,
    coalesce(u.agent_id, r.agent_id) AS agent_id,
    coalesce(u.tool_use_id, r.tool_use_id) AS tool_use_id,
    u.tool_name,
    u.ts AS use_ts,
    u.input_bytes,
    r.ts AS result_ts,
    r.result_bytes,
    r.is_error
FROM tool_uses u FULL JOIN tool_results r ON r.tool_use_id = u.tool_use_id;

-- tool_result_costs: one row per tool result with what carrying it cost. Its tokens are estimated as
-- result_bytes / 4. Once returned, a result is part of every later prompt of its thread until the thread's next
-- compaction, and each of those turns pays for it in proportion to its share of the prompt:
--   carry_usd = result_tokens x sum over those turns of (prompt cost / context_tokens),
-- a turn's prompt cost being cost_input_usd + cost_cache_write_usd + cost_cache_read_usd (unpriced turns add
-- nothing). tool_name, model and project come from the tool_use and the response that made it (NULL when that line
-- was not kept; project then falls back to the session's first turn).
CREATE VIEW tool_result_costs AS
WITH thread_events AS (
    SELECT session_id, coalesce(agent_id, '') AS thread_agent, ts, line_offset, 0 AS is_compaction,
           (cost_input_usd + cost_cache_write_usd + cost_cache_read_usd) / nullif(context_tokens, 0)
               AS usd_per_prompt_token
    FROM turns
    WHERE model IS DISTINCT FROM '<synthetic>'
    UNION ALL
    SELECT session_id, coalesce(agent_id, ''), ts, line_offset, 1, NULL
    FROM compactions
),
segmented AS (
    SELECT *,
           sum(is_compaction) OVER (PARTITION BY session_id, thread_agent
                                    ORDER BY ts, is_compaction DESC, line_offset ROWS UNBOUNDED PRECEDING) AS segment
    FROM thread_events
),
carried_from AS (
    SELECT session_id, thread_agent, ts,
           sum(usd_per_prompt_token) OVER rest AS usd_per_token_to_segment_end,
           count(*) OVER rest AS later_turns
    FROM segmented
    WHERE is_compaction = 0
    WINDOW rest AS (PARTITION BY session_id, thread_agent, segment ORDER BY ts, line_offset
                    ROWS BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)
),
session_projects AS (
    SELECT session_id, arg_min(project, ts) AS project FROM turns GROUP BY session_id
)
SELECT r.session_id,
       r.agent_id,
       r.tool_use_id,
       u.tool_name,
       t.model,
       coalesce(t.project, p.project) AS project,
       u.ts AS use_ts,
       r.ts,
       r.result_bytes,
       r.is_error,
       r.result_bytes / 4.0 AS result_tokens,
       coalesce(c.later_turns, 0) AS later_turns,
       r.result_bytes / 4.0 * c.usd_per_token_to_segment_end AS carry_usd
FROM tool_results r
ASOF LEFT JOIN carried_from c
    ON c.session_id = r.session_id AND c.thread_agent = coalesce(r.agent_id, '') AND c.ts > r.ts
LEFT JOIN tool_uses u ON u.tool_use_id = r.tool_use_id
LEFT JOIN turns t ON t.message_id = u.message_id
LEFT JOIN session_projects p ON p.session_id = r.session_id;

-- tasks: one row per task: a human prompt of a session's main thread and every turn of the session (sub-agents
-- included) from that prompt until the next one. A prompt that got no response is no task; turns before a
-- session's first prompt belong to no task.
CREATE VIEW tasks AS
WITH task_prompts AS (
    SELECT session_id, uuid, ts AS prompt_ts, chars FROM prompts WHERE agent_id IS NULL
)
SELECT p.session_id,
       p.uuid AS prompt_uuid,
       p.prompt_ts,
       any_value(p.chars) AS prompt_chars,
       arg_min(t.project, t.ts) AS project,
       list(DISTINCT t.model ORDER BY t.model) FILTER (WHERE t.model IS NOT NULL AND t.model <> '<synthetic>')
           AS models,
       count(*) AS turns,
       count(*) FILTER (WHERE t.agent_id IS NOT NULL) AS subagent_turns,
       CAST(sum(t.tool_uses) AS BIGINT) AS tool_calls,
       sum(t.input_tokens + t.output_tokens + t.cache_write_5m_tokens + t.cache_write_1h_tokens
           + t.cache_read_tokens) AS tokens,
       max(t.ts) AS last_ts,
       epoch(max(t.ts) - p.prompt_ts) AS duration_s,
       usd_sum(t.cost_usd) AS cost_usd,
       count(*) FILTER (WHERE t.cost_usd IS NULL AND t.model IS DISTINCT FROM '<synthetic>') AS unpriced_turns
FROM turns t ASOF JOIN task_prompts p ON t.session_id = p.session_id AND t.ts >= p.prompt_ts
GROUP BY p.session_id, p.uuid, p.prompt_ts;

-- cache_misses: one row per cache miss (thread_turns.cache_miss) with its cause, the first of these that holds:
--   idle_expiry   the pause since the thread's previous request (pause_s) exceeds the lifetime of the cache it
--                 relied on (cache_ttl_s): 1 hour when the thread's last cache write before the miss was mostly
--                 1-hour writes (prev_write_1h), else 5 minutes;
--   model_switch  the previous request used another model: a cache belongs to one model;
--   memory_edit   since the previous request, a Write, Edit, MultiEdit or NotebookEdit call of the session targeted
--                 a memory file (tool_uses.target_is_memory_file): Claude Code puts those files in the prompt;
--   skill_load    since the previous request, a Skill call of the session ran: a skill's text joins the prompt;
--   unexplained   none of these.
-- The flags say which conditions hold, the cause only names the first. "Since the previous request": a call made
-- by a response of the session (any thread) whose ts is at or after the previous request's and before the miss's,
-- so the previous response's own calls count and the miss's own do not; a call whose response was not kept is
-- placed at its own ts. rewritten_tokens: the prompt tokens the turn could have read from the cache and paid at the
-- write or input price instead, least(previous context, context) - cache read; miss_usd: what that cost beyond a
-- cache read (thread_turns.cache_miss_usd). file and line_offset name the turn, for joins.
CREATE VIEW cache_misses AS
WITH cause_calls AS (
    SELECT u.session_id,
           coalesce(t.ts, u.ts) AS call_ts,
           u.tool_name = 'Skill' AS is_skill_load,
           u.tool_name IN ('Write', 'Edit', 'MultiEdit', 'NotebookEdit') AND coalesce(u.target_is_memory_file, false)
               AS is_memory_edit
    FROM tool_uses u LEFT JOIN turns t ON t.message_id = u.message_id
    WHERE u.tool_name = 'Skill'
       OR (u.tool_name IN ('Write', 'Edit', 'MultiEdit', 'NotebookEdit') AND u.target_is_memory_file)
),
flagged AS (
    SELECT m.*,
           CASE WHEN m.prev_write_1h THEN 3600 ELSE 300 END AS cache_ttl_s,
           epoch(m.ts - m.prev_ts) AS pause_s,
           m.prev_model IS DISTINCT FROM m.model AS model_switched,
           EXISTS (SELECT 1 FROM cause_calls c WHERE c.session_id = m.session_id AND c.is_memory_edit
                     AND c.call_ts >= m.prev_ts AND c.call_ts < m.ts) AS memory_edited,
           EXISTS (SELECT 1 FROM cause_calls c WHERE c.session_id = m.session_id AND c.is_skill_load
                     AND c.call_ts >= m.prev_ts AND c.call_ts < m.ts) AS skill_loaded
    FROM thread_turns m
    WHERE m.cache_miss
)
SELECT session_id, agent, agent_id, project, git_branch, thread_turn AS turn, ts, message_id, model, prev_model,
       pause_s, cache_ttl_s,
       CASE WHEN pause_s > cache_ttl_s THEN 'idle_expiry'
            WHEN model_switched THEN 'model_switch'
            WHEN memory_edited THEN 'memory_edit'
            WHEN skill_loaded THEN 'skill_load'
            ELSE 'unexplained' END AS cause,
       pause_s > cache_ttl_s AS idle_expired, model_switched, memory_edited, skill_loaded,
       prev_context_tokens, context_tokens, cache_read_tokens,
       least(prev_context_tokens, context_tokens) - cache_read_tokens AS rewritten_tokens,
       cache_miss_usd AS miss_usd,
       file, line_offset
FROM flagged;

-- is_test_or_build(program): whether a Bash call's program word (tool_uses.program) runs tests or a build.
CREATE MACRO is_test_or_build(program) AS program IN ('pytest', 'py.test', 'tox', 'nox', 'jest', 'vitest', 'mocha',
    'playwright', 'npm', 'npx', 'pnpm', 'yarn', 'bun', 'deno', 'tsc', 'mvn', 'mvnw', 'gradle', 'gradlew',
    'sbt', 'ant', 'make', 'cmake', 'ctest', 'ninja', 'bazel', 'bazelisk', 'cargo', 'go', 'dotnet', 'msbuild',
    'swift', 'xcodebuild', 'mix', 'rebar3', 'rspec', 'rake', 'bundle', 'phpunit', 'composer', 'stack', 'cabal',
    'lein', 'zig', 'flutter', 'dart');

-- task_loops: one row per task (the view tasks: its columns) with what it took to get the task right:
--   failed_results    tool results of the task with is_error;
--   edits             Write, Edit, MultiEdit and NotebookEdit calls that name a target file;
--   re_edits          those that hit a file already edited in the task (the same tool_uses.target_path_hash):
--                     edits - edited files;
--   test_runs         Bash calls whose program runs tests or a build (is_test_or_build);
--   corrective_loops  re_edits: each is a return to the agent's own work of the same task;
--   is_spiral         corrective_loops >= 3: a debug spiral;
--   primary_model     the model that cost the task most (ties: most turns, then the name).
-- A call belongs to the task of its response's ts (its own ts when the response was not kept), a result to the
-- task of its own ts, as turns do in tasks.
CREATE VIEW task_loops AS
WITH task_prompts AS (
    SELECT session_id, uuid, ts AS prompt_ts FROM prompts WHERE agent_id IS NULL
),
calls AS (
    SELECT u.session_id, coalesce(t.ts, u.ts) AS call_ts, u.tool_name, u.target_path_hash, u.program
    FROM tool_uses u LEFT JOIN turns t ON t.message_id = u.message_id
),
task_calls AS (
    SELECT p.session_id, p.uuid AS prompt_uuid,
           count(*) FILTER (WHERE c.tool_name IN ('Write', 'Edit', 'MultiEdit', 'NotebookEdit')
                              AND c.target_path_hash IS NOT NULL) AS edits,
           count(DISTINCT c.target_path_hash) FILTER (WHERE c.tool_name IN ('Write', 'Edit', 'MultiEdit',
                                                                            'NotebookEdit')) AS edited_files,
           count(*) FILTER (WHERE c.tool_name = 'Bash' AND is_test_or_build(c.program)) AS test_runs
    FROM calls c ASOF JOIN task_prompts p ON c.session_id = p.session_id AND c.call_ts >= p.prompt_ts
    GROUP BY ALL
),
task_failures AS (
    SELECT p.session_id, p.uuid AS prompt_uuid, count(*) FILTER (WHERE r.is_error) AS failed_results
    FROM tool_results r ASOF JOIN task_prompts p ON r.session_id = p.session_id AND r.ts >= p.prompt_ts
    GROUP BY ALL
),
task_models AS (
    SELECT session_id, prompt_uuid, first(model ORDER BY model_usd DESC NULLS LAST, model_turns DESC, model)
               AS primary_model
    FROM (SELECT p.session_id, p.uuid AS prompt_uuid, t.model, coalesce(usd_sum(t.cost_usd), 0) AS model_usd,
                 count(*) AS model_turns
          FROM turns t ASOF JOIN task_prompts p ON t.session_id = p.session_id AND t.ts >= p.prompt_ts
          WHERE t.model IS NOT NULL AND t.model <> '<synthetic>'
          GROUP BY ALL)
    GROUP BY ALL
)
SELECT k.*,
       m.primary_model,
       coalesce(f.failed_results, 0) AS failed_results,
       coalesce(c.edits, 0) AS edits,
       coalesce(c.edits - c.edited_files, 0) AS re_edits,
       coalesce(c.test_runs, 0) AS test_runs,
       coalesce(c.edits - c.edited_files, 0) AS corrective_loops,
       coalesce(c.edits - c.edited_files, 0) >= 3 AS is_spiral
FROM tasks k
LEFT JOIN task_calls c USING (session_id, prompt_uuid)
LEFT JOIN task_failures f USING (session_id, prompt_uuid)
LEFT JOIN task_models m USING (session_id, prompt_uuid);

-- commits: one row per commit: a Bash call whose git subcommand is commit (tool_uses.git_subcommand) and whose
-- result is not an error. Its cost is that of its session's turns (sub-agents included) after the session's
-- previous commit, up to and including the response that committed (its ts). commit_number counts a session's
-- commits from 1; git_branch and project are those of that response (NULL when it was not kept).
CREATE VIEW commits AS
WITH commit_calls AS (
    SELECT u.session_id, u.agent_id, coalesce(t.ts, u.ts) AS commit_ts, t.git_branch, t.project, u.tool_use_id
    FROM tool_uses u
    LEFT JOIN turns t ON t.message_id = u.message_id
    LEFT JOIN tool_results r ON r.tool_use_id = u.tool_use_id
    WHERE u.git_subcommand = 'commit' AND NOT coalesce(r.is_error, false)
),
numbered AS (
    SELECT *,
           row_number() OVER (PARTITION BY session_id ORDER BY commit_ts, tool_use_id) AS commit_number,
           lag(commit_ts) OVER (PARTITION BY session_id ORDER BY commit_ts, tool_use_id) AS prev_commit_ts
    FROM commit_calls
),
spans AS (
    SELECT c.session_id, c.commit_number,
           count(*) AS turns,
           usd_sum(t.cost_usd) AS cost_usd,
           count(*) FILTER (WHERE t.cost_usd IS NULL AND t.model IS DISTINCT FROM '<synthetic>') AS unpriced_turns
    FROM turns t ASOF JOIN numbered c ON c.session_id = t.session_id AND c.commit_ts >= t.ts
    GROUP BY ALL
)
SELECT n.session_id, n.commit_number, n.commit_ts, n.prev_commit_ts, n.git_branch, n.project, n.agent_id,
       n.tool_use_id,
       coalesce(s.turns, 0) AS turns,
       coalesce(s.cost_usd, 0) AS cost_usd,
       coalesce(s.unpriced_turns, 0) AS unpriced_turns
FROM numbered n LEFT JOIN spans s USING (session_id, commit_number);

-- session_phases: one row per session with at least one task: its planner, the model that cost its first task
-- most (task_loops.primary_model), and its executor, the model whose later tasks cost most (ties: more tasks, then
-- the name; NULL for a session of one task); tasks, turns and cost over all its tasks.
CREATE VIEW session_phases AS
WITH numbered AS (
    SELECT *, row_number() OVER (PARTITION BY session_id ORDER BY prompt_ts, prompt_uuid) AS task_number
    FROM task_loops
),
planners AS (
    SELECT session_id, primary_model AS planner, project FROM numbered WHERE task_number = 1
),
executors AS (
    SELECT session_id, first(primary_model ORDER BY model_usd DESC NULLS LAST, model_tasks DESC, primary_model)
               AS executor
    FROM (SELECT session_id, primary_model, coalesce(usd_sum(cost_usd), 0) AS model_usd, count(*) AS model_tasks
          FROM numbered
          WHERE task_number > 1 AND primary_model IS NOT NULL
          GROUP BY ALL)
    GROUP BY session_id
),
totals AS (
    SELECT session_id, count(*) AS tasks, sum(turns) AS turns, usd_sum(cost_usd) AS cost_usd,
           count(*) FILTER (WHERE cost_usd IS NULL) AS unpriced_tasks, max(prompt_ts) AS last_prompt_ts
    FROM numbered
    GROUP BY session_id
)
SELECT t.session_id, p.project, p.planner, e.executor, t.tasks, t.turns, t.cost_usd, t.unpriced_tasks,
       t.last_prompt_ts
FROM totals t JOIN planners p USING (session_id) LEFT JOIN executors e USING (session_id);
