-- Self-references on a mixed-case table in a mixed-case schema.
CREATE SCHEMA "Tree";
CREATE TABLE "Tree"."CamelCase" (id text PRIMARY KEY, parent_id text, "CamelCase_id" text, name text);
CREATE TABLE "Tree"."Leaf" (id text PRIMARY KEY, camel_case_id text);
INSERT INTO "Tree"."CamelCase" VALUES ('r', NULL, NULL, 'root'), ('a', 'r', 'r', 'a'), ('b', 'a', NULL, 'b');
INSERT INTO "Tree"."Leaf" VALUES ('l1', 'a'), ('l2', 'zz');
