-- Names that differ only in case or separators: one identifier each after casing.
CREATE SCHEMA collide;
CREATE TABLE collide."Order" (id text PRIMARY KEY, "fooBar" text, foo_bar text, "FooBar" text, "foo bar" text, "foo-bar" text, "fooBar2" text);
CREATE TABLE collide."order" (id text PRIMARY KEY, order_id text, "Order_id" text);
CREATE TABLE collide.user_account (id text PRIMARY KEY, "userAccountId" text);
CREATE TABLE collide."UserAccount" (id text PRIMARY KEY, user_account_id text);
INSERT INTO collide."Order" (id, "fooBar", foo_bar) VALUES ('O1', 'a', 'b'), ('O2', NULL, NULL);
INSERT INTO collide."order" VALUES ('o1', 'o2', 'O1'), ('o2', NULL, NULL);
INSERT INTO collide.user_account VALUES ('u1', NULL), ('u2', 'u1');
INSERT INTO collide."UserAccount" VALUES ('U1', 'u1'), ('U2', NULL);
