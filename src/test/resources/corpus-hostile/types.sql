-- Enums (one with no values, one with hostile labels), domains, enum arrays, a composite type,
-- generated, identity and serial columns.
CREATE SCHEMA types;
CREATE TYPE types.empty_state AS ENUM ();
CREATE TYPE types.mood AS ENUM ('happy', 'very sad', 'nil', 'true', '1st', 'a"b', 'it''s', 'back\slash', 'Happy', 'HAPPY');
CREATE TYPE types.pair AS (left_part integer, right_part text);
CREATE DOMAIN types.email AS text;
CREATE DOMAIN types.mood_domain AS types.mood;
CREATE TABLE types.thing (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  seq serial,
  state types.empty_state,
  mood types.mood,
  moods types.mood[],
  mood_d types.mood_domain,
  email types.email,
  pair types.pair,
  pairs types.pair[],
  price integer,
  doubled integer GENERATED ALWAYS AS (price * 2) STORED,
  tags text[] DEFAULT '{}'
);
CREATE TABLE types.thing_note (id integer PRIMARY KEY, thing_id integer, body text);
INSERT INTO types.thing (mood, moods, mood_d, email, pair, pairs, price) VALUES
  ('happy', '{happy,"very sad"}', 'nil', 'a@b.c', ROW(1, 'x'), ARRAY[ROW(2, 'y')::types.pair], 21), (NULL, NULL, NULL, NULL, NULL, NULL, NULL);
INSERT INTO types.thing_note VALUES (1, 1, 'a'), (2, 3, 'b');
