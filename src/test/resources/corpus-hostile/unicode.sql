-- Names outside ASCII: accents, other scripts, an emoji, a name that folds to another one.
CREATE SCHEMA "données";
CREATE TABLE "données"."café" (id text PRIMARY KEY, "crème" text, "顧客" text, "🚀" text, "Straße" text, "strasse" text, "naïve" text);
CREATE TABLE "données"."Übersicht" (id text PRIMARY KEY, "café_id" text, "ñ" integer);
INSERT INTO "données"."café" VALUES ('k1', 'a', 'b', 'c', 'd', 'e', 'f'), ('k2', NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO "données"."Übersicht" VALUES ('u1', 'k1', 1), ('u2', 'k9', NULL);
