-- The committed rows of a table with a key that a merge keeps: all of them but those of a file read again from its
-- start whose key that reading brings again (the new candidate replaces the old one).
SELECT * FROM ${committed} WHERE file NOT IN (SELECT path FROM reread_files)
UNION ALL BY NAME
SELECT old.* FROM (SELECT * FROM ${committed} WHERE file IN (SELECT path FROM reread_files)) old
ANTI JOIN ${staged} new ON old.file = new.file AND ${old_key} = ${new_key}
