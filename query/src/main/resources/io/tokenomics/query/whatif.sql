-- What the same turns would have cost under other prices. scenario_prices (registered by the what-if command) maps
-- each source model to the prices of the model it is repriced as; the cache scenario is the variable cache_ttl:
-- NULL (as recorded), '5m' or '1h' (every cache write at that TTL), 'none' (no prompt caching: every prompt token
-- is fresh input). Long context follows the request-level rule: a prompt above the model's threshold (200k, or 272k
-- for OpenAI) prices every class at its long-context rate. Variables since, until, project, model filter the turns as in every report.
WITH filtered AS (
    SELECT * FROM turns
    WHERE in_period(CAST(ts AS DATE)) AND project_matches(project) AND model_matches(model)
),
reshaped AS (
    SELECT f.model, f.cost_usd, f.speed, p.target, p.priced, p.has_long, p.threshold, p.fast,
           p.input, p.output, p.write_5m, p.write_1h, p.read,
           p.input_long, p.output_long, p.write_5m_long, p.write_1h_long, p.read_long,
           f.output_tokens AS o,
           CASE getvariable('cache_ttl') WHEN 'none' THEN f.context_tokens ELSE f.input_tokens END AS i,
           CASE getvariable('cache_ttl') WHEN 'none' THEN 0 WHEN '1h' THEN 0
                WHEN '5m' THEN f.cache_write_5m_tokens + f.cache_write_1h_tokens
                ELSE f.cache_write_5m_tokens END AS w5,
           CASE getvariable('cache_ttl') WHEN 'none' THEN 0 WHEN '5m' THEN 0
                WHEN '1h' THEN f.cache_write_5m_tokens + f.cache_write_1h_tokens
                ELSE f.cache_write_1h_tokens END AS w1,
           CASE getvariable('cache_ttl') WHEN 'none' THEN 0 ELSE f.cache_read_tokens END AS r
    FROM filtered f LEFT JOIN scenario_prices p ON p.source_model IS NOT DISTINCT FROM f.model
),
priced AS (
    SELECT *,
           has_long AND i + w5 + w1 + r > threshold AS is_long,
           CASE WHEN speed = 'fast' THEN fast ELSE 1 END AS multiplier
    FROM reshaped
)
SELECT
    model AS source_model,
    any_value(target) AS target_model,
    count(*) AS turns,
    sum(i + o + w5 + w1 + r) AS tokens,
    usd_sum(cost_usd) AS actual_usd,
    usd_sum(CASE WHEN priced THEN multiplier * (
            i * CASE WHEN is_long THEN input_long ELSE input END
          + o * CASE WHEN is_long THEN output_long ELSE output END
          + w5 * CASE WHEN is_long THEN write_5m_long ELSE write_5m END
          + w1 * CASE WHEN is_long THEN write_1h_long ELSE write_1h END
          + r * CASE WHEN is_long THEN read_long ELSE read END) END) AS counterfactual_usd,
    count(*) FILTER (WHERE cost_usd IS NULL) AS actual_unpriced_turns,
    count(*) FILTER (WHERE NOT coalesce(priced, false)) AS counterfactual_unpriced_turns
FROM priced
GROUP BY model
ORDER BY actual_usd DESC NULLS LAST, source_model;
