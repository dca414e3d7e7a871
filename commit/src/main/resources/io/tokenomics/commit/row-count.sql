-- The rows of table files, from their Parquet footers.
SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(${files})
