-- The columns of a turns file that the token histograms count.
SELECT ts, model, input_tokens, output_tokens, cache_write_5m_tokens, cache_write_1h_tokens, cache_read_tokens
FROM read_parquet(${file})
