-- The settings of the commit's DuckDB. Row order carries no meaning in a table file, so row groups are written in
-- parallel; memory is bounded and spills to the run's staging folder, so that the peak does not follow the corpus.
SET preserve_insertion_order = false;
SET memory_limit = '128MB';
SET temp_directory = ${temp_directory};
