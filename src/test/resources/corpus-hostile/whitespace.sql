-- Spaces and tabs in schema, table and column names.
CREATE SCHEMA "my data";
CREATE TABLE "my data"."line item" (id text PRIMARY KEY, "unit price" numeric, U&"tab\0009here" text, " padded " text, "two  spaces" text, "order id" text);
CREATE TABLE "my data"."order" (id text PRIMARY KEY, U&"\0009leading tab" text);
INSERT INTO "my data"."order" VALUES ('o1', 'x'), ('o2', NULL);
INSERT INTO "my data"."line item" VALUES ('l1', 1.5, 'a', 'b', 'c', 'o1'), ('l2', NULL, NULL, NULL, NULL, 'o9');
