-- A sync tool that writes every table into public with a prefix (stripe_customer, ...), next to
-- the application's own tables. Read with --table-prefix stripe_: customer_id in
-- stripe_subscription points at stripe_customer, and the app's own customer table is not inspected.
CREATE TABLE customer (id serial PRIMARY KEY, name text NOT NULL);
CREATE TABLE app_order (id serial PRIMARY KEY, customer_id integer REFERENCES customer (id), stripe_customer_id text);

CREATE TABLE stripe_customer (
  id text PRIMARY KEY,
  email text,
  name text,
  created timestamptz NOT NULL,
  metadata jsonb
);
CREATE TABLE stripe_product (id text PRIMARY KEY, name text NOT NULL, active boolean NOT NULL DEFAULT true);
CREATE TABLE stripe_price (
  id text PRIMARY KEY,
  product_id text NOT NULL REFERENCES stripe_product (id),
  currency text NOT NULL,
  unit_amount bigint,
  recurring jsonb
);
CREATE TABLE stripe_subscription (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES stripe_customer (id),
  status text NOT NULL,
  created timestamptz NOT NULL
);
CREATE TABLE stripe_subscription_item (
  id text PRIMARY KEY,
  subscription_id text NOT NULL REFERENCES stripe_subscription (id),
  price_id text NOT NULL REFERENCES stripe_price (id),
  quantity integer
);
CREATE TABLE stripe_invoice (
  id text PRIMARY KEY,
  customer_id text NOT NULL REFERENCES stripe_customer (id),
  subscription_id text REFERENCES stripe_subscription (id),
  total bigint NOT NULL,
  status text
);
CREATE TABLE stripe_charge (
  id text PRIMARY KEY,
  customer_id text REFERENCES stripe_customer (id),
  invoice_id text REFERENCES stripe_invoice (id),
  amount bigint NOT NULL,
  paid boolean NOT NULL
);
ALTER TABLE stripe_subscription ADD COLUMN latest_invoice_id text REFERENCES stripe_invoice (id);

INSERT INTO customer (name) VALUES ('Local customer');
INSERT INTO stripe_customer (id, email, name, created) VALUES ('cus_P1aaaaaaaaaaaa', 'a@example.com', 'Ada', now());
INSERT INTO stripe_product (id, name) VALUES ('prod_P1bbbbbbbbbbbb', 'Pro');
INSERT INTO stripe_price (id, product_id, currency, unit_amount) VALUES ('price_P1cccccccccc', 'prod_P1bbbbbbbbbbbb', 'usd', 2000);
INSERT INTO stripe_subscription (id, customer_id, status, created) VALUES ('sub_P1dddddddddddd', 'cus_P1aaaaaaaaaaaa', 'active', now());
INSERT INTO stripe_subscription_item (id, subscription_id, price_id, quantity) VALUES ('si_P1eeeeeeeeeeee', 'sub_P1dddddddddddd', 'price_P1cccccccccc', 1);
INSERT INTO stripe_invoice (id, customer_id, subscription_id, total, status) VALUES ('in_P1ffffffffffff', 'cus_P1aaaaaaaaaaaa', 'sub_P1dddddddddddd', 2000, 'paid');
INSERT INTO stripe_charge (id, customer_id, invoice_id, amount, paid) VALUES ('ch_P1gggggggggggg', 'cus_P1aaaaaaaaaaaa', 'in_P1ffffffffffff', 2000, true);
UPDATE stripe_subscription SET latest_invoice_id = 'in_P1ffffffffffff';
INSERT INTO app_order (customer_id, stripe_customer_id) VALUES (1, 'cus_P1aaaaaaaaaaaa');
