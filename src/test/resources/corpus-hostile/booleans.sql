-- Columns (and a table) named like the atoms and literals nil, true and false, and Ruby's nil?.
CREATE SCHEMA atoms;
CREATE TABLE atoms."nil" (id text PRIMARY KEY, "nil" text, "true" boolean, "false" boolean, "null" text, "undefined" text, "none" text);
CREATE TABLE atoms.holder (id text PRIMARY KEY, nil_id text, "true" text, "nil?" text, "save!" text);
INSERT INTO atoms."nil" VALUES ('n1', 'x', true, false, NULL, NULL, NULL), ('n2', NULL, NULL, NULL, 'y', 'z', 'w');
INSERT INTO atoms.holder VALUES ('h1', 'n1', 't', 'q', 'b'), ('h2', 'n9', NULL, NULL, NULL);
