-- The committed files of a table that hold a row of a source file read again from its start: the run replaces or
-- drops such rows.
SELECT DISTINCT filename FROM read_parquet(${files}, union_by_name = true, filename = true)
WHERE file IN (SELECT path FROM reread_files)
