-- Views derived from the tables: what needs a session's order or a join. Registered with every query session.
CREATE VIEW sessions AS
WITH t AS (
    SELECT *,
           row_number() OVER (PARTITION BY session_id, agent_id ORDER BY ts, line_offset) AS thread_turn
    FROM turns
),
first_prompt AS (
    SELECT session_id, context_tokens AS first_context
    FROM t WHERE agent_id IS NULL AND thread_turn = 1
)
SELECT
    t.session_id,
    any_value(t.project ORDER BY t.ts) AS project,
    any_value(t.cwd ORDER BY t.ts) FILTER (WHERE t.cwd IS NOT NULL) AS cwd,
    min(t.ts) AS first_ts,
    max(t.ts) AS last_ts,
    epoch(max(t.ts) - min(t.ts)) AS duration_s,
    count(*) AS turns,
    (SELECT count(*) FROM prompts p WHERE p.session_id = t.session_id) AS prompts,
    list(DISTINCT t.model ORDER BY t.model) FILTER (WHERE t.model IS NOT NULL AND t.model <> '<synthetic>') AS models,
    mode(t.model) FILTER (WHERE t.model IS NOT NULL AND t.model <> '<synthetic>') AS primary_model,
    sum(t.input_tokens) AS input_tokens,
    sum(t.output_tokens) AS output_tokens,
    sum(t.cache_write_5m_tokens + t.cache_write_1h_tokens) AS cache_write_tokens,
    sum(t.cache_read_tokens) AS cache_read_tokens,
    sum(t.cost_usd) AS cost_usd,
    sum(t.cache_read_tokens) / nullif(sum(t.context_tokens), 0) AS cache_hit_ratio,
    max(t.context_tokens) AS max_context_tokens,
    sum(t.context_tokens) / nullif(count(*) * any_value(fp.first_context), 0) AS growth_multiplier,
    sum(t.tool_uses) AS tool_calls,
    (SELECT coalesce(sum(r.result_bytes), 0) FROM tool_results r WHERE r.session_id = t.session_id)
        AS tool_result_bytes,
    sum(t.thinking_chars) AS thinking_chars,
    count(*) FILTER (WHERE t.agent_id IS NOT NULL) AS subagent_turns,
    count(*) FILTER (WHERE t.cost_usd IS NULL AND t.model IS DISTINCT FROM '<synthetic>') AS unpriced_turns
FROM t LEFT JOIN first_prompt fp USING (session_id)
GROUP BY t.session_id;
