-- Names that break naive generators: reserved words, spaces, PascalCase, digits, accents, and a
-- column named like the relation. No foreign keys.
CREATE SCHEMA "Hostile Names";
CREATE TABLE "Hostile Names"."Order" ("Id" text PRIMARY KEY, "select" text, "1st place" int, "café" text, "model" text, "CustomerId" text);
CREATE TABLE "Hostile Names"."Customer" ("Id" text PRIMARY KEY, "class" text, "Order Count" int, "enum" text);
CREATE TABLE "Hostile Names"."model" (id text PRIMARY KEY, "order_id" text, "Order" text);
INSERT INTO "Hostile Names"."Customer" VALUES ('c1', 'gold', 2, 'x'), ('c2', NULL, 0, NULL);
INSERT INTO "Hostile Names"."Order" VALUES ('o1', 'a', 1, 'crème', 'm', 'c1'), ('o2', NULL, NULL, NULL, NULL, 'c1'), ('o3', NULL, 3, NULL, NULL, 'zz');
INSERT INTO "Hostile Names"."model" VALUES ('m1', 'o1', 'text'), ('m2', 'o9', NULL);
