-- The shape of pagila (the Postgres port of Sakila, the DVD rental sample): integer serial keys
-- named <table>_id, smallint references, role-named references (original_language_id,
-- manager_staff_id), film_actor and film_category join tables with last_update metadata.
CREATE TABLE actor (
  actor_id serial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  last_update timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE category (
  category_id serial PRIMARY KEY,
  name text NOT NULL,
  last_update timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE country (
  country_id serial PRIMARY KEY,
  country text NOT NULL,
  last_update timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE city (
  city_id serial PRIMARY KEY,
  city text NOT NULL,
  country_id smallint NOT NULL REFERENCES country (country_id),
  last_update timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE address (
  address_id serial PRIMARY KEY,
  address text NOT NULL,
  address2 text,
  district text NOT NULL,
  city_id smallint NOT NULL REFERENCES city (city_id),
  postal_code text,
  phone text NOT NULL,
  last_update timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE language (
  language_id serial PRIMARY KEY,
  name character(20) NOT NULL,
  last_update timestamptz NOT NULL DEFAULT now()
);

CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG-13', 'R', 'NC-17');

CREATE TABLE film (
  film_id serial PRIMARY KEY,
  title text NOT NULL,
  description text,
  release_year integer,
  language_id smallint NOT NULL REFERENCES language (language_id),
  original_language_id smallint REFERENCES language (language_id),
  rental_duration smallint NOT NULL DEFAULT 3,
  rental_rate numeric(4,2) NOT NULL DEFAULT 4.99,
  length smallint,
  replacement_cost numeric(5,2) NOT NULL DEFAULT 19.99,
  rating mpaa_rating DEFAULT 'G',
  last_update timestamptz NOT NULL DEFAULT now(),
  special_features text[],
  fulltext tsvector
);

CREATE TABLE film_actor (
  actor_id smallint NOT NULL REFERENCES actor (actor_id),
  film_id smallint NOT NULL REFERENCES film (film_id),
  last_update timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, film_id)
);

CREATE TABLE film_category (
  film_id smallint NOT NULL REFERENCES film (film_id),
  category_id smallint NOT NULL REFERENCES category (category_id),
  last_update timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (film_id, category_id)
);

CREATE TABLE staff (
  staff_id serial PRIMARY KEY,
  first_name text NOT NULL,
  last_name text NOT NULL,
  address_id smallint NOT NULL REFERENCES address (address_id),
  email text,
  store_id smallint NOT NULL,
  active boolean NOT NULL DEFAULT true,
  username text NOT NULL,
  password text,
  last_update timestamptz NOT NULL DEFAULT now(),
  picture bytea
);

CREATE TABLE store (
  store_id serial PRIMARY KEY,
  manager_staff_id smallint NOT NULL UNIQUE REFERENCES staff (staff_id),
  address_id smallint NOT NULL REFERENCES address (address_id),
  last_update timestamptz NOT NULL DEFAULT now()
);

ALTER TABLE staff ADD FOREIGN KEY (store_id) REFERENCES store (store_id) DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE customer (
  customer_id serial PRIMARY KEY,
  store_id smallint NOT NULL REFERENCES store (store_id),
  first_name text NOT NULL,
  last_name text NOT NULL,
  email text,
  address_id smallint NOT NULL REFERENCES address (address_id),
  activebool boolean NOT NULL DEFAULT true,
  create_date date NOT NULL DEFAULT CURRENT_DATE,
  last_update timestamptz DEFAULT now(),
  active integer
);

CREATE TABLE inventory (
  inventory_id serial PRIMARY KEY,
  film_id smallint NOT NULL REFERENCES film (film_id),
  store_id smallint NOT NULL REFERENCES store (store_id),
  last_update timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE rental (
  rental_id serial PRIMARY KEY,
  rental_date timestamptz NOT NULL,
  inventory_id integer NOT NULL REFERENCES inventory (inventory_id),
  customer_id smallint NOT NULL REFERENCES customer (customer_id),
  return_date timestamptz,
  staff_id smallint NOT NULL REFERENCES staff (staff_id),
  last_update timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE payment (
  payment_id serial PRIMARY KEY,
  customer_id smallint NOT NULL REFERENCES customer (customer_id),
  staff_id smallint NOT NULL REFERENCES staff (staff_id),
  rental_id integer REFERENCES rental (rental_id),
  amount numeric(5,2) NOT NULL,
  payment_date timestamptz NOT NULL
);

BEGIN;
INSERT INTO country (country) VALUES ('Canada'), ('Australia');
INSERT INTO city (city, country_id) VALUES ('Lethbridge', 1), ('Woodridge', 2);
INSERT INTO address (address, district, city_id, postal_code, phone) VALUES
  ('47 MySakila Drive', 'Alberta', 1, '', '14033335568'),
  ('28 MySQL Boulevard', 'QLD', 2, '', '6172235589'),
  ('1913 Hanoi Way', 'Nagasaki', 1, '35200', '28303384290');
INSERT INTO staff (first_name, last_name, address_id, email, store_id, username) VALUES
  ('Mike', 'Hillyer', 1, 'Mike.Hillyer@sakilastaff.com', 1, 'Mike'),
  ('Jon', 'Stephens', 2, 'Jon.Stephens@sakilastaff.com', 2, 'Jon');
INSERT INTO store (manager_staff_id, address_id) VALUES (1, 1), (2, 2);
COMMIT;
INSERT INTO language (name) VALUES ('English'), ('Italian');
INSERT INTO actor (first_name, last_name) VALUES ('PENELOPE', 'GUINESS'), ('NICK', 'WAHLBERG');
INSERT INTO category (name) VALUES ('Action'), ('Animation');
INSERT INTO film (title, description, release_year, language_id, original_language_id, rental_duration, rental_rate, length, rating, special_features) VALUES
  ('ACADEMY DINOSAUR', 'A Epic Drama of a Feminist And a Mad Scientist', 2006, 1, NULL, 6, 0.99, 86, 'PG', '{"Deleted Scenes","Behind the Scenes"}'),
  ('ACE GOLDFINGER', 'A Astounding Epistle of a Database Administrator', 2006, 1, 2, 3, 4.99, 48, 'G', '{Trailers}');
INSERT INTO film_actor (actor_id, film_id) VALUES (1, 1), (2, 1), (2, 2);
INSERT INTO film_category (film_id, category_id) VALUES (1, 1), (2, 2);
INSERT INTO customer (store_id, first_name, last_name, email, address_id, active) VALUES
  (1, 'MARY', 'SMITH', 'MARY.SMITH@sakilacustomer.org', 3, 1);
INSERT INTO inventory (film_id, store_id) VALUES (1, 1), (2, 2);
INSERT INTO rental (rental_date, inventory_id, customer_id, return_date, staff_id) VALUES
  ('2022-05-24 22:53:30+00', 1, 1, '2022-05-26 22:04:30+00', 1);
INSERT INTO payment (customer_id, staff_id, rental_id, amount, payment_date) VALUES (1, 1, 1, 2.99, '2022-05-25 11:30:37+00');
