-- Tables synced into public with a prefix, next to the app's own customer table.
CREATE TABLE public.customer (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.stripe_customer (id text PRIMARY KEY, email text);
CREATE TABLE public.stripe_invoice (id text PRIMARY KEY, customer_id text, total bigint);
INSERT INTO public.customer (name) VALUES ('app user');
INSERT INTO public.stripe_customer VALUES ('cus_A', 'a@example.com'), ('cus_B', NULL);
INSERT INTO public.stripe_invoice VALUES ('in_1', 'cus_A', 100), ('in_2', 'cus_A', 200), ('in_3', NULL, 0);
