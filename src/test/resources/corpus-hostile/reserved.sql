-- Reserved words of every target language and of SQL as schema, table and column names.
CREATE SCHEMA "select";
CREATE TABLE "select"."class" (
  id text PRIMARY KEY, "end" text, def text, self text, "when" text, fn text, "do" text, "__struct__" text,
  "__meta__" text, type text, model text, "String" text, "enum" text, new text, "delete" text, save text,
  errors text, hash text, object_id text, "Int" integer, "begin" text, "module" text, "import" text, "alias" text
);
CREATE TABLE "select"."String" (id text PRIMARY KEY, class_id text, "order" integer, "group" text, "user" text);
CREATE TABLE "select"."end" (id text PRIMARY KEY, string_id text, "limit" integer, "offset" integer);
INSERT INTO "select"."class" (id, "end", def, type) VALUES ('c1', 'e', 'd', 'Admin'), ('c2', NULL, NULL, NULL);
INSERT INTO "select"."String" VALUES ('s1', 'c1', 1, 'g', 'u'), ('s2', 'c9', 2, NULL, NULL);
INSERT INTO "select"."end" VALUES ('e1', 's1', 1, 2), ('e2', NULL, NULL, NULL);
