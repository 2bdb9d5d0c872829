-- 63-byte names (Postgres's limit), two sharing all but their last character.
CREATE SCHEMA long_names;
CREATE TABLE long_names.a_table_name_that_is_exactly_sixty_three_bytes_long_for_pg_xxx1 (
  id text PRIMARY KEY,
  a_column_name_that_is_exactly_sixty_three_bytes_long_for_pg_xx1 text,
  a_column_name_that_is_exactly_sixty_three_bytes_long_for_pg_xx2 text
);
CREATE TABLE long_names.a_table_name_that_is_exactly_sixty_three_bytes_long_for_pg_xxx2 (
  id text PRIMARY KEY,
  a_table_name_that_is_exactly_sixty_three_bytes_long_for_p_id text
);
INSERT INTO long_names.a_table_name_that_is_exactly_sixty_three_bytes_long_for_pg_xxx1 VALUES ('a1', 'x', 'y'), ('a2', NULL, NULL);
INSERT INTO long_names.a_table_name_that_is_exactly_sixty_three_bytes_long_for_pg_xxx2 VALUES ('b1', 'a1'), ('b2', NULL);
