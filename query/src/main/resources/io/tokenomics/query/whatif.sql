-- What the same turns would have cost under other prices, by source model (whatif-turns.sql, scenario_turns).
SELECT
    source_model,
    any_value(target_model) AS target_model,
    count(*) AS turns,
    sum(tokens) AS tokens,
    sum(output_tokens) AS output_tokens,
    usd_sum(actual_usd) AS actual_usd,
    usd_sum(counterfactual_usd) AS counterfactual_usd,
    count(*) FILTER (WHERE actual_usd IS NULL) AS actual_unpriced_turns,
    count(*) FILTER (WHERE NOT counterfactual_priced) AS counterfactual_unpriced_turns,
    count(*) FILTER (WHERE avoided_tokens > 0) AS avoided_misses,
    sum(avoided_tokens) AS avoided_miss_tokens
FROM scenario_turns
GROUP BY source_model
ORDER BY actual_usd DESC NULLS LAST, source_model;
