-- The committed files of a table that hold a row the run replaces: a row of a file read again from its start, or a
-- key the run brings again.
SELECT DISTINCT filename FROM read_parquet(${files}, union_by_name = true, filename = true) WHERE ${condition}
