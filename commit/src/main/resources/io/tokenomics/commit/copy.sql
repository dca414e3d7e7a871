-- Writes a select to a table file. Level 1: the commit writes every row of a table, and higher levels cost more
-- time than the smaller files save. Row groups of 32 Ki rows: DuckDB's writer holds a row group per thread, and
-- larger groups press on the memory limit.
COPY (${select}) TO ${target} (FORMAT PARQUET, COMPRESSION ZSTD, COMPRESSION_LEVEL 1, ROW_GROUP_SIZE 32768)
