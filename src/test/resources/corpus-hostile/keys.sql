-- No key, a composite key, an id that is not the key, a unique key instead of a primary key.
CREATE SCHEMA keys;
CREATE TABLE keys.country (code text PRIMARY KEY, id integer NOT NULL, name text);
CREATE TABLE keys.city (country_code text NOT NULL, city_no integer NOT NULL, name text, PRIMARY KEY (country_code, city_no));
CREATE TABLE keys.visit (city_country_code text, city_city_no integer, country_id integer, note text);
CREATE TABLE keys.log_line (line text, at timestamptz);
CREATE TABLE keys.tag (slug text NOT NULL UNIQUE, label text);
INSERT INTO keys.country VALUES ('fr', 1, 'France'), ('de', 2, 'Germany');
INSERT INTO keys.city VALUES ('fr', 1, 'Paris'), ('fr', 2, 'Lyon'), ('de', 1, 'Berlin');
INSERT INTO keys.visit VALUES ('fr', 1, 1, 'a'), ('de', 1, 2, 'b'), (NULL, NULL, NULL, 'c');
INSERT INTO keys.log_line VALUES ('x', '2024-01-01T00:00:00Z');
INSERT INTO keys.tag VALUES ('a', 'A'), ('b', NULL);
