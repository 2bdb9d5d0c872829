-- Quotes, backslashes and interpolation syntax in table and column names.
CREATE SCHEMA quotes;
CREATE TABLE quotes."a""b" (id text PRIMARY KEY, "c""d" text, "it's" text, "back\slash" text, "#{x}" text, "$1" text, "50%" text, "a'b""c" text);
CREATE TABLE quotes."it's" (id text PRIMARY KEY, a_b_id text);
INSERT INTO quotes."a""b" (id, "c""d", "it's", "back\slash") VALUES ('q1', '"', '''', '\'), ('q2', NULL, NULL, NULL);
INSERT INTO quotes."it's" VALUES ('i1', 'q1'), ('i2', NULL);
