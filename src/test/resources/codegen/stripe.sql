-- A Stripe-shaped schema as Ferry syncs it: text ids, <field>_id references, NO foreign keys.
CREATE SCHEMA stripe;
CREATE TYPE stripe.subscription_status AS ENUM ('active', 'past_due', 'canceled', '3d-secure');
CREATE TABLE stripe.customer (id text PRIMARY KEY, email varchar(320), created timestamptz, metadata jsonb,
  balance bigint NOT NULL DEFAULT 0, default_source_id text, referred_by_id text, description text DEFAULT 'none');
CREATE TABLE stripe.source (id text PRIMARY KEY, customer_id text, kind text);
CREATE TABLE stripe.payment_method (id text PRIMARY KEY, customer_id text, type text, card jsonb);
CREATE TABLE stripe.subscription (id text PRIMARY KEY, customer_id text NOT NULL, status stripe.subscription_status,
  default_payment_method_id text, items text[], amount numeric(12,2), ratio real, trial_end timestamp(0), started date,
  raw json, token uuid, blob bytea, duration interval, ip inet, default_tax_rates text[]);
CREATE INDEX subscription_customer_id_idx ON stripe.subscription (customer_id);
CREATE TABLE stripe.charge (id text PRIMARY KEY, customer_id text, payment_method_id text, amount bigint NOT NULL,
  receipt_url text, created timestamptz(3) NOT NULL);
CREATE TABLE stripe.tax_rate (id text PRIMARY KEY, percentage numeric);
CREATE TABLE stripe.subscription_item (subscription_id text, position int, quantity int, PRIMARY KEY (subscription_id, position));
CREATE TABLE stripe.event_log (seq bigint, payload jsonb);
-- a join table without a key whose columns may be NULL: Prisma cannot address it (@@ignore)
CREATE TABLE stripe.customer_tax_rate (customer_id text, tax_rate_id text);
CREATE TABLE stripe.balance_snapshot (customer_id text NOT NULL, taken date NOT NULL, amount bigint,
  CONSTRAINT balance_snapshot_customer_taken UNIQUE (customer_id, taken));

INSERT INTO stripe.customer VALUES
  ('cus_A', 'a@example.com', '2024-01-01 10:00:00+00', '{"plan":"gold"}', 10, 'src_1', NULL),
  ('cus_B', 'b@example.com', '2024-02-01 11:00:00+00', '{}', 0, 'src_missing', 'cus_A');
INSERT INTO stripe.source VALUES ('src_1', 'cus_A', 'card'), ('src_2', 'cus_A', 'bank'), ('src_3', 'cus_B', 'card');
INSERT INTO stripe.payment_method VALUES ('pm_1', 'cus_A', 'card', '{"brand":"visa"}'), ('pm_2', 'cus_B', 'card', NULL);
INSERT INTO stripe.subscription (id, customer_id, status, default_payment_method_id, items, default_tax_rates) VALUES
  ('sub_1', 'cus_A', 'active', 'pm_1', '{si_1,si_2}', '{txr_1}'),
  ('sub_2', 'cus_A', 'canceled', NULL, '{si_3}', NULL),
  ('sub_3', 'cus_B', '3d-secure', 'pm_2', '{}', '{}'),
  ('sub_4', 'cus_gone', 'active', 'pm_gone', NULL, NULL);
INSERT INTO stripe.charge VALUES
  ('ch_1', 'cus_A', 'pm_1', 1000, 'https://pay.example/r/1', '2024-03-01 10:00:00+00'),
  ('ch_2', 'cus_A', NULL, 500, NULL, '2024-03-02 10:00:00+00'),
  ('ch_3', 'cus_A', 'pm_1', 700, 'https://pay.example/r/3', '2024-03-03 10:00:00+00'),
  ('ch_4', 'cus_B', 'pm_2', 900, 'https://pay.example/r/4', '2024-03-04 10:00:00+00');
INSERT INTO stripe.tax_rate VALUES ('txr_1', 19.0);
INSERT INTO stripe.subscription_item VALUES ('sub_1', 1, 2), ('sub_1', 2, 1), ('sub_3', 1, 5);
INSERT INTO stripe.balance_snapshot VALUES ('cus_A', '2024-01-01', 5);
