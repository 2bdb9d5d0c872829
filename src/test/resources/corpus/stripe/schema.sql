-- A Stripe-shaped synced schema: tables named after Stripe objects, columns named as the API names
-- its fields, text ids with Stripe's prefixes, expandable references as <field>_id text, nested
-- objects as jsonb, amounts as bigint (minor units), timestamps as timestamptz, lists of ids as
-- text[]. Tables are created and filled first, then the FOREIGN KEY constraints are added at the
-- end (the references form cycles: product.default_price_id <-> price.product_id), so tests can
-- also drop them and see what inference recovers. Loadable with one execute.
CREATE SCHEMA stripe;
SET search_path TO stripe;

CREATE TABLE account (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'account',
  business_type text,
  business_profile jsonb,
  capabilities jsonb,
  charges_enabled boolean NOT NULL DEFAULT false,
  country text,
  created timestamptz,
  default_currency text,
  details_submitted boolean NOT NULL DEFAULT false,
  email text,
  metadata jsonb NOT NULL DEFAULT '{}',
  payouts_enabled boolean NOT NULL DEFAULT false,
  type text
);

CREATE TABLE customer (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'customer',
  address jsonb,
  balance bigint NOT NULL DEFAULT 0,
  created timestamptz NOT NULL,
  currency text,
  default_source_id text,
  delinquent boolean,
  description text,
  email text,
  invoice_prefix text,
  invoice_settings jsonb,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  name text,
  phone text,
  preferred_locales text[],
  shipping jsonb,
  tax_exempt text
);

CREATE TABLE product (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'product',
  active boolean NOT NULL DEFAULT true,
  created timestamptz NOT NULL,
  default_price_id text,
  description text,
  images text[],
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  name text NOT NULL,
  package_dimensions jsonb,
  shippable boolean,
  statement_descriptor text,
  tax_code text,
  type text,
  unit_label text,
  updated timestamptz,
  url text
);

CREATE TABLE price (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'price',
  active boolean NOT NULL DEFAULT true,
  billing_scheme text,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  custom_unit_amount jsonb,
  livemode boolean NOT NULL DEFAULT false,
  lookup_key text,
  metadata jsonb NOT NULL DEFAULT '{}',
  nickname text,
  product_id text NOT NULL,
  recurring jsonb,
  tax_behavior text,
  tiers_mode text,
  transform_quantity jsonb,
  type text NOT NULL,
  unit_amount bigint,
  unit_amount_decimal numeric
);

CREATE TABLE plan (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'plan',
  active boolean NOT NULL DEFAULT true,
  aggregate_usage text,
  amount bigint,
  amount_decimal numeric,
  billing_scheme text,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  interval text NOT NULL,
  interval_count integer NOT NULL DEFAULT 1,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  nickname text,
  product_id text NOT NULL,
  tiers_mode text,
  trial_period_days integer,
  usage_type text
);

CREATE TABLE coupon (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'coupon',
  amount_off bigint,
  applies_to jsonb,
  created timestamptz NOT NULL,
  currency text,
  duration text NOT NULL,
  duration_in_months integer,
  livemode boolean NOT NULL DEFAULT false,
  max_redemptions integer,
  metadata jsonb NOT NULL DEFAULT '{}',
  name text,
  percent_off numeric,
  redeem_by timestamptz,
  times_redeemed integer NOT NULL DEFAULT 0,
  valid boolean NOT NULL DEFAULT true
);

CREATE TABLE promotion_code (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'promotion_code',
  active boolean NOT NULL DEFAULT true,
  code text NOT NULL,
  coupon_id text NOT NULL,
  created timestamptz NOT NULL,
  customer_id text,
  expires_at timestamptz,
  livemode boolean NOT NULL DEFAULT false,
  max_redemptions integer,
  metadata jsonb NOT NULL DEFAULT '{}',
  restrictions jsonb,
  times_redeemed integer NOT NULL DEFAULT 0
);

CREATE TABLE tax_rate (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'tax_rate',
  active boolean NOT NULL DEFAULT true,
  country text,
  created timestamptz NOT NULL,
  description text,
  display_name text NOT NULL,
  inclusive boolean NOT NULL,
  jurisdiction text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  percentage numeric NOT NULL,
  state text,
  tax_type text
);

CREATE TABLE payment_method (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'payment_method',
  billing_details jsonb,
  card jsonb,
  created timestamptz NOT NULL,
  customer_id text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  type text NOT NULL,
  us_bank_account jsonb
);

CREATE TABLE subscription (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'subscription',
  application_fee_percent numeric,
  billing_cycle_anchor timestamptz,
  cancel_at timestamptz,
  cancel_at_period_end boolean NOT NULL DEFAULT false,
  canceled_at timestamptz,
  collection_method text,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  current_period_end timestamptz,
  current_period_start timestamptz,
  customer_id text NOT NULL,
  days_until_due integer,
  default_payment_method_id text,
  default_tax_rates text[],
  description text,
  discount jsonb,
  ended_at timestamptz,
  latest_invoice_id text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  pause_collection jsonb,
  pending_setup_intent_id text,
  start_date timestamptz,
  status text NOT NULL,
  trial_end timestamptz,
  trial_start timestamptz
);

CREATE TABLE subscription_item (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'subscription_item',
  billing_thresholds jsonb,
  created timestamptz NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  plan_id text,
  price_id text NOT NULL,
  quantity integer,
  subscription_id text NOT NULL,
  tax_rates text[]
);

CREATE TABLE invoice (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'invoice',
  account_country text,
  account_name text,
  amount_due bigint NOT NULL,
  amount_paid bigint NOT NULL,
  amount_remaining bigint NOT NULL,
  attempt_count integer NOT NULL DEFAULT 0,
  attempted boolean NOT NULL DEFAULT false,
  auto_advance boolean,
  billing_reason text,
  charge_id text,
  collection_method text,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  customer_id text NOT NULL,
  customer_email text,
  default_payment_method_id text,
  default_tax_rates text[],
  description text,
  discounts text[],
  due_date timestamptz,
  hosted_invoice_url text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  number text,
  paid boolean NOT NULL DEFAULT false,
  payment_intent_id text,
  period_end timestamptz,
  period_start timestamptz,
  status text,
  subscription_id text,
  subtotal bigint NOT NULL,
  tax bigint,
  total bigint NOT NULL
);

CREATE TABLE invoice_item (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'invoiceitem',
  amount bigint NOT NULL,
  currency text NOT NULL,
  customer_id text NOT NULL,
  date timestamptz NOT NULL,
  description text,
  discountable boolean NOT NULL DEFAULT true,
  invoice_id text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  period jsonb,
  price_id text,
  proration boolean NOT NULL DEFAULT false,
  quantity integer NOT NULL DEFAULT 1,
  subscription_id text,
  subscription_item_id text,
  tax_rates text[],
  unit_amount bigint
);

CREATE TABLE invoice_line_item (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'line_item',
  amount bigint NOT NULL,
  currency text NOT NULL,
  description text,
  discountable boolean NOT NULL DEFAULT true,
  invoice_id text NOT NULL,
  invoice_item_id text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  period jsonb,
  plan_id text,
  price_id text,
  proration boolean NOT NULL DEFAULT false,
  quantity integer,
  subscription_id text,
  subscription_item_id text,
  tax_amounts jsonb,
  type text NOT NULL
);

CREATE TABLE payment_intent (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'payment_intent',
  amount bigint NOT NULL,
  amount_capturable bigint NOT NULL DEFAULT 0,
  amount_received bigint NOT NULL DEFAULT 0,
  capture_method text,
  client_secret text,
  confirmation_method text,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  customer_id text,
  description text,
  invoice_id text,
  last_payment_error jsonb,
  latest_charge_id text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  on_behalf_of_id text,
  payment_method_id text,
  payment_method_types text[],
  setup_future_usage text,
  status text NOT NULL
);

CREATE TABLE charge (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'charge',
  amount bigint NOT NULL,
  amount_captured bigint NOT NULL DEFAULT 0,
  amount_refunded bigint NOT NULL DEFAULT 0,
  application_fee_amount bigint,
  balance_transaction_id text,
  billing_details jsonb,
  calculated_statement_descriptor text,
  captured boolean NOT NULL DEFAULT false,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  customer_id text,
  description text,
  disputed boolean NOT NULL DEFAULT false,
  failure_code text,
  failure_message text,
  invoice_id text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  on_behalf_of_id text,
  outcome jsonb,
  paid boolean NOT NULL DEFAULT false,
  payment_intent_id text,
  payment_method_id text,
  payment_method_details jsonb,
  receipt_email text,
  receipt_url text,
  refunded boolean NOT NULL DEFAULT false,
  status text NOT NULL,
  transfer_data_destination_id text
);

CREATE TABLE setup_intent (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'setup_intent',
  cancellation_reason text,
  client_secret text,
  created timestamptz NOT NULL,
  customer_id text,
  description text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  payment_method_id text,
  payment_method_types text[],
  status text NOT NULL,
  usage text
);

CREATE TABLE refund (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'refund',
  amount bigint NOT NULL,
  balance_transaction_id text,
  charge_id text,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  metadata jsonb NOT NULL DEFAULT '{}',
  payment_intent_id text,
  reason text,
  receipt_number text,
  status text
);

CREATE TABLE dispute (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'dispute',
  amount bigint NOT NULL,
  charge_id text NOT NULL,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  evidence jsonb,
  evidence_details jsonb,
  is_charge_refundable boolean NOT NULL DEFAULT false,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  payment_intent_id text,
  reason text NOT NULL,
  status text NOT NULL
);

CREATE TABLE balance_transaction (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'balance_transaction',
  amount bigint NOT NULL,
  available_on timestamptz NOT NULL,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  description text,
  exchange_rate numeric,
  fee bigint NOT NULL DEFAULT 0,
  fee_details jsonb,
  net bigint NOT NULL,
  reporting_category text NOT NULL,
  source_id text,
  status text NOT NULL,
  type text NOT NULL
);

CREATE TABLE payout (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'payout',
  amount bigint NOT NULL,
  arrival_date timestamptz NOT NULL,
  automatic boolean NOT NULL DEFAULT true,
  balance_transaction_id text,
  created timestamptz NOT NULL,
  currency text NOT NULL,
  description text,
  destination_id text,
  failure_balance_transaction_id text,
  failure_code text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  method text NOT NULL,
  source_type text NOT NULL,
  statement_descriptor text,
  status text NOT NULL,
  type text NOT NULL
);

CREATE TABLE discount (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'discount',
  checkout_session_id text,
  coupon_id text NOT NULL,
  customer_id text,
  "end" timestamptz,
  invoice_id text,
  invoice_item_id text,
  promotion_code_id text,
  start timestamptz NOT NULL,
  subscription_id text
);

CREATE TABLE checkout_session (
  id text PRIMARY KEY,
  object text NOT NULL DEFAULT 'checkout.session',
  amount_subtotal bigint,
  amount_total bigint,
  cancel_url text,
  client_reference_id text,
  created timestamptz NOT NULL,
  currency text,
  customer_id text,
  customer_email text,
  expires_at timestamptz NOT NULL,
  invoice_id text,
  livemode boolean NOT NULL DEFAULT false,
  metadata jsonb NOT NULL DEFAULT '{}',
  mode text NOT NULL,
  payment_intent_id text,
  payment_method_types text[],
  payment_status text NOT NULL,
  setup_intent_id text,
  status text,
  subscription_id text,
  success_url text,
  url text
);

INSERT INTO account (id, business_type, business_profile, charges_enabled, country, created, default_currency, details_submitted, email, payouts_enabled, type) VALUES
  ('acct_1NxAmzRdLs2kQ9Fa', 'company', '{"name": "Acme Platform", "url": "https://acme.example"}', true, 'US', '2023-03-01 09:00:00+00', 'usd', true, 'ops@acme.example', true, 'standard'),
  ('acct_1NxB7tPq0WmZr3Yc', 'individual', '{"name": "Riverside Studio"}', true, 'GB', '2023-05-12 14:30:00+00', 'gbp', true, 'hello@riverside.example', true, 'express');

INSERT INTO customer (id, address, balance, created, currency, default_source_id, delinquent, description, email, invoice_prefix, invoice_settings, name, phone, preferred_locales, tax_exempt) VALUES
  ('cus_Ox1aB2cD3eF4gH', '{"city": "Austin", "country": "US", "line1": "500 Congress Ave", "postal_code": "78701", "state": "TX"}', 0, '2023-06-01 10:00:00+00', 'usd', 'card_1Ox1aB2cKd93LmQp', false, 'Jenny Rosen', 'jenny.rosen@example.com', 'A1B2C3D4', '{"default_payment_method": "pm_1Ox1aPaYmEnT0001"}', 'Jenny Rosen', '+15555550101', '{en}', 'none'),
  ('cus_Ox1iJ5kL6mN7oP', '{"city": "London", "country": "GB", "line1": "1 Canal St", "postal_code": "E1 6AN"}', -500, '2023-07-15 11:20:00+00', 'gbp', NULL, false, NULL, 'sam.okafor@example.com', 'E5F6G7H8', NULL, 'Sam Okafor', NULL, '{en-GB}', 'none'),
  ('cus_Ox1qR8sT9uV0wX', NULL, 0, '2023-09-09 08:45:00+00', 'usd', 'card_1Ox1qR8sZx71PoNm', true, 'Ops team', 'billing@northwind.example', 'I9J0K1L2', NULL, 'Northwind Traders', '+15555550199', '{en,fr}', 'exempt');

INSERT INTO product (id, active, created, default_price_id, description, images, name, shippable, tax_code, type, unit_label, updated) VALUES
  ('prod_OxStarterA1b2', true, '2023-02-01 00:00:00+00', 'price_1OxStarterMonthly', 'Starter plan', '{https://files.example/starter.png}', 'Starter', NULL, 'txcd_10103001', 'service', 'seat', '2023-02-01 00:00:00+00'),
  ('prod_OxGrowthC3d4', true, '2023-02-01 00:00:00+00', 'price_1OxGrowthMonthly', 'Growth plan', '{}', 'Growth', NULL, 'txcd_10103001', 'service', 'seat', '2023-04-01 00:00:00+00');

INSERT INTO price (id, active, billing_scheme, created, currency, lookup_key, nickname, product_id, recurring, tax_behavior, type, unit_amount, unit_amount_decimal) VALUES
  ('price_1OxStarterMonthly', true, 'per_unit', '2023-02-01 00:00:00+00', 'usd', 'starter_monthly', 'Starter monthly', 'prod_OxStarterA1b2', '{"interval": "month", "interval_count": 1, "usage_type": "licensed"}', 'exclusive', 'recurring', 1500, 1500),
  ('price_1OxGrowthMonthly', true, 'per_unit', '2023-02-01 00:00:00+00', 'usd', 'growth_monthly', 'Growth monthly', 'prod_OxGrowthC3d4', '{"interval": "month", "interval_count": 1, "usage_type": "licensed"}', 'exclusive', 'recurring', 4900, 4900),
  ('price_1OxSetupFeeOnce', true, 'per_unit', '2023-02-03 00:00:00+00', 'usd', NULL, 'Setup fee', 'prod_OxGrowthC3d4', NULL, 'unspecified', 'one_time', 20000, 20000);

INSERT INTO plan (id, active, amount, amount_decimal, billing_scheme, created, currency, interval, interval_count, nickname, product_id, usage_type) VALUES
  ('plan_OxLegacyStarter', true, 1200, 1200, 'per_unit', '2022-11-01 00:00:00+00', 'usd', 'month', 1, 'Legacy starter', 'prod_OxStarterA1b2', 'licensed');

INSERT INTO coupon (id, amount_off, created, currency, duration, duration_in_months, max_redemptions, name, percent_off, times_redeemed) VALUES
  ('SUMMER25', NULL, '2023-05-01 00:00:00+00', NULL, 'repeating', 3, 100, 'Summer 25% off', 25, 1),
  ('Z4OJNZTR', 500, '2023-08-01 00:00:00+00', 'usd', 'once', NULL, NULL, '$5 off', NULL, 0);

INSERT INTO promotion_code (id, code, coupon_id, created, customer_id, expires_at, restrictions, times_redeemed) VALUES
  ('promo_1OxSummerCodeQ7', 'SUMMER', 'SUMMER25', '2023-05-01 00:00:00+00', NULL, '2023-09-01 00:00:00+00', '{"first_time_transaction": true}', 1);

INSERT INTO tax_rate (id, country, created, description, display_name, inclusive, jurisdiction, percentage, state, tax_type) VALUES
  ('txr_1OxTexasSales8x', 'US', '2023-01-10 00:00:00+00', 'Texas sales tax', 'Sales tax', false, 'TX', 8.25, 'TX', 'sales_tax'),
  ('txr_1OxUkVat20pct9y', 'GB', '2023-01-10 00:00:00+00', 'UK VAT', 'VAT', true, 'GB', 20, NULL, 'vat');

INSERT INTO payment_method (id, billing_details, card, created, customer_id, type) VALUES
  ('pm_1Ox1aPaYmEnT0001', '{"email": "jenny.rosen@example.com", "name": "Jenny Rosen"}', '{"brand": "visa", "last4": "4242", "exp_month": 8, "exp_year": 2026}', '2023-06-01 10:05:00+00', 'cus_Ox1aB2cD3eF4gH', 'card'),
  ('pm_1Ox1iPaYmEnT0002', '{"name": "Sam Okafor"}', '{"brand": "mastercard", "last4": "4444", "exp_month": 1, "exp_year": 2027}', '2023-07-15 11:25:00+00', 'cus_Ox1iJ5kL6mN7oP', 'card'),
  ('pm_1Ox1qPaYmEnT0003', '{"name": "Northwind Traders"}', NULL, '2023-09-09 08:50:00+00', 'cus_Ox1qR8sT9uV0wX', 'us_bank_account');

INSERT INTO subscription (id, billing_cycle_anchor, cancel_at_period_end, collection_method, created, currency, current_period_end, current_period_start, customer_id, default_payment_method_id, default_tax_rates, latest_invoice_id, pending_setup_intent_id, start_date, status) VALUES
  ('sub_1OxJennyStarter01', '2023-06-01 10:10:00+00', false, 'charge_automatically', '2023-06-01 10:10:00+00', 'usd', '2023-11-01 10:10:00+00', '2023-10-01 10:10:00+00', 'cus_Ox1aB2cD3eF4gH', 'pm_1Ox1aPaYmEnT0001', '{txr_1OxTexasSales8x}', 'in_1OxJennyOct2023', NULL, '2023-06-01 10:10:00+00', 'active'),
  ('sub_1OxNorthwindGro2', '2023-09-09 09:00:00+00', true, 'send_invoice', '2023-09-09 09:00:00+00', 'usd', '2023-11-09 09:00:00+00', '2023-10-09 09:00:00+00', 'cus_Ox1qR8sT9uV0wX', NULL, '{}', 'in_1OxNorthwindOct23', 'seti_1OxNorthwindBank', '2023-09-09 09:00:00+00', 'past_due');

INSERT INTO subscription_item (id, created, plan_id, price_id, quantity, subscription_id, tax_rates) VALUES
  ('si_OxJennyStarterA', '2023-06-01 10:10:00+00', 'plan_OxLegacyStarter', 'price_1OxStarterMonthly', 1, 'sub_1OxJennyStarter01', '{}'),
  ('si_OxNorthwindGrB', '2023-09-09 09:00:00+00', NULL, 'price_1OxGrowthMonthly', 5, 'sub_1OxNorthwindGro2', '{txr_1OxTexasSales8x}');

INSERT INTO invoice (id, account_country, account_name, amount_due, amount_paid, amount_remaining, attempt_count, attempted, auto_advance, billing_reason, charge_id, collection_method, created, currency, customer_id, customer_email, default_payment_method_id, default_tax_rates, discounts, due_date, number, paid, payment_intent_id, period_end, period_start, status, subscription_id, subtotal, tax, total) VALUES
  ('in_1OxJennyOct2023', 'US', 'Acme Platform', 1624, 1624, 0, 1, true, false, 'subscription_cycle', 'ch_3OxJennyOct2023', 'charge_automatically', '2023-10-01 10:10:00+00', 'usd', 'cus_Ox1aB2cD3eF4gH', 'jenny.rosen@example.com', 'pm_1Ox1aPaYmEnT0001', '{txr_1OxTexasSales8x}', '{}', NULL, 'A1B2C3D4-0005', true, 'pi_3OxJennyOct2023', '2023-10-01 10:10:00+00', '2023-09-01 10:10:00+00', 'paid', 'sub_1OxJennyStarter01', 1500, 124, 1624),
  ('in_1OxNorthwindOct23', 'US', 'Acme Platform', 38500, 0, 38500, 0, false, true, 'subscription_cycle', NULL, 'send_invoice', '2023-10-09 09:00:00+00', 'usd', 'cus_Ox1qR8sT9uV0wX', 'billing@northwind.example', NULL, '{}', '{di_1OxNorthwindSum25}', '2023-11-08 09:00:00+00', 'I9J0K1L2-0002', false, 'pi_3OxNorthwindOct23', '2023-10-09 09:00:00+00', '2023-09-09 09:00:00+00', 'open', 'sub_1OxNorthwindGro2', 44500, 0, 38500);

INSERT INTO invoice_item (id, amount, currency, customer_id, date, description, invoice_id, price_id, proration, quantity, subscription_id, subscription_item_id, tax_rates, unit_amount) VALUES
  ('ii_1OxNorthwindSetup', 20000, 'usd', 'cus_Ox1qR8sT9uV0wX', '2023-09-09 09:00:00+00', 'Setup fee', 'in_1OxNorthwindOct23', 'price_1OxSetupFeeOnce', false, 1, 'sub_1OxNorthwindGro2', NULL, '{}', 20000),
  ('ii_1OxJennyCredit01', -200, 'usd', 'cus_Ox1aB2cD3eF4gH', '2023-08-15 12:00:00+00', 'Goodwill credit', NULL, NULL, false, 1, 'sub_1OxJennyStarter01', 'si_OxJennyStarterA', '{}', -200);

INSERT INTO invoice_line_item (id, amount, currency, description, invoice_id, invoice_item_id, period, plan_id, price_id, proration, quantity, subscription_id, subscription_item_id, tax_amounts, type) VALUES
  ('il_1OxJennyOct2023A', 1500, 'usd', '1 seat × Starter', 'in_1OxJennyOct2023', NULL, '{"start": 1693563000, "end": 1696155000}', 'plan_OxLegacyStarter', 'price_1OxStarterMonthly', false, 1, 'sub_1OxJennyStarter01', 'si_OxJennyStarterA', '[{"amount": 124, "inclusive": false, "tax_rate": "txr_1OxTexasSales8x"}]', 'subscription'),
  ('il_1OxNorthwindOctA', 24500, 'usd', '5 seats × Growth', 'in_1OxNorthwindOct23', NULL, '{"start": 1694250000, "end": 1696842000}', NULL, 'price_1OxGrowthMonthly', false, 5, 'sub_1OxNorthwindGro2', 'si_OxNorthwindGrB', '[]', 'subscription'),
  ('il_1OxNorthwindOctB', 20000, 'usd', 'Setup fee', 'in_1OxNorthwindOct23', 'ii_1OxNorthwindSetup', '{"start": 1694250000, "end": 1694250000}', NULL, 'price_1OxSetupFeeOnce', false, 1, NULL, NULL, '[]', 'invoiceitem');

INSERT INTO payment_intent (id, amount, amount_capturable, amount_received, capture_method, client_secret, confirmation_method, created, currency, customer_id, description, invoice_id, latest_charge_id, on_behalf_of_id, payment_method_id, payment_method_types, status) VALUES
  ('pi_3OxJennyOct2023', 1624, 0, 1624, 'automatic', 'pi_3OxJennyOct2023_secret_x1', 'automatic', '2023-10-01 10:10:05+00', 'usd', 'cus_Ox1aB2cD3eF4gH', 'Subscription update', 'in_1OxJennyOct2023', 'ch_3OxJennyOct2023', 'acct_1NxB7tPq0WmZr3Yc', 'pm_1Ox1aPaYmEnT0001', '{card}', 'succeeded'),
  ('pi_3OxNorthwindOct23', 38500, 0, 0, 'automatic', 'pi_3OxNorthwindOct23_secret_y2', 'automatic', '2023-10-09 09:00:05+00', 'usd', 'cus_Ox1qR8sT9uV0wX', 'Subscription update', 'in_1OxNorthwindOct23', NULL, NULL, NULL, '{card,us_bank_account}', 'requires_payment_method'),
  ('pi_3OxSamOneOff0001', 2500, 0, 2500, 'automatic', 'pi_3OxSamOneOff0001_secret_z3', 'automatic', '2023-08-20 16:00:00+00', 'gbp', 'cus_Ox1iJ5kL6mN7oP', 'Workshop ticket', NULL, 'ch_3OxSamOneOff0001', 'acct_1NxB7tPq0WmZr3Yc', 'pm_1Ox1iPaYmEnT0002', '{card}', 'succeeded');

INSERT INTO charge (id, amount, amount_captured, amount_refunded, application_fee_amount, balance_transaction_id, billing_details, calculated_statement_descriptor, captured, created, currency, customer_id, description, disputed, invoice_id, on_behalf_of_id, outcome, paid, payment_intent_id, payment_method_id, payment_method_details, receipt_url, refunded, status, transfer_data_destination_id) VALUES
  ('ch_3OxJennyOct2023', 1624, 1624, 0, NULL, 'txn_3OxJennyOct2023', '{"name": "Jenny Rosen"}', 'ACME PLATFORM', true, '2023-10-01 10:10:06+00', 'usd', 'cus_Ox1aB2cD3eF4gH', 'Subscription update', true, 'in_1OxJennyOct2023', 'acct_1NxB7tPq0WmZr3Yc', '{"network_status": "approved_by_network", "type": "authorized"}', true, 'pi_3OxJennyOct2023', 'pm_1Ox1aPaYmEnT0001', '{"type": "card", "card": {"brand": "visa", "last4": "4242"}}', 'https://pay.example/receipts/ch_3OxJennyOct2023', false, 'succeeded', 'acct_1NxB7tPq0WmZr3Yc'),
  ('ch_3OxSamOneOff0001', 2500, 2500, 1000, 250, 'txn_3OxSamOneOff0001', '{"name": "Sam Okafor"}', 'RIVERSIDE STUDIO', true, '2023-08-20 16:00:02+00', 'gbp', 'cus_Ox1iJ5kL6mN7oP', 'Workshop ticket', false, NULL, 'acct_1NxB7tPq0WmZr3Yc', '{"network_status": "approved_by_network", "type": "authorized"}', true, 'pi_3OxSamOneOff0001', 'pm_1Ox1iPaYmEnT0002', '{"type": "card", "card": {"brand": "mastercard", "last4": "4444"}}', 'https://pay.example/receipts/ch_3OxSamOneOff0001', false, 'succeeded', 'acct_1NxAmzRdLs2kQ9Fa');

INSERT INTO setup_intent (id, client_secret, created, customer_id, description, payment_method_id, payment_method_types, status, usage) VALUES
  ('seti_1OxNorthwindBank', 'seti_1OxNorthwindBank_secret_q9', '2023-09-09 08:55:00+00', 'cus_Ox1qR8sT9uV0wX', 'Bank account for invoices', 'pm_1Ox1qPaYmEnT0003', '{us_bank_account}', 'requires_confirmation', 'off_session');

INSERT INTO refund (id, amount, balance_transaction_id, charge_id, created, currency, payment_intent_id, reason, status) VALUES
  ('re_3OxSamOneOff0001', 1000, 'txn_3OxSamRefund0001', 'ch_3OxSamOneOff0001', '2023-08-25 10:00:00+00', 'gbp', 'pi_3OxSamOneOff0001', 'requested_by_customer', 'succeeded');

INSERT INTO dispute (id, amount, charge_id, created, currency, evidence, evidence_details, is_charge_refundable, payment_intent_id, reason, status) VALUES
  ('dp_1OxJennyOct2023', 1624, 'ch_3OxJennyOct2023', '2023-10-20 13:00:00+00', 'usd', '{"customer_name": "Jenny Rosen"}', '{"due_by": 1698710400, "has_evidence": false}', false, 'pi_3OxJennyOct2023', 'fraudulent', 'needs_response');

INSERT INTO balance_transaction (id, amount, available_on, created, currency, description, fee, fee_details, net, reporting_category, source_id, status, type) VALUES
  ('txn_3OxJennyOct2023', 1624, '2023-10-03 00:00:00+00', '2023-10-01 10:10:06+00', 'usd', 'Subscription update', 77, '[{"amount": 77, "type": "stripe_fee"}]', 1547, 'charge', 'ch_3OxJennyOct2023', 'available', 'charge'),
  ('txn_3OxSamOneOff0001', 2500, '2023-08-22 00:00:00+00', '2023-08-20 16:00:02+00', 'gbp', 'Workshop ticket', 58, '[{"amount": 58, "type": "stripe_fee"}]', 2442, 'charge', 'ch_3OxSamOneOff0001', 'available', 'charge'),
  ('txn_3OxSamRefund0001', -1000, '2023-08-25 00:00:00+00', '2023-08-25 10:00:00+00', 'gbp', 'REFUND FOR CHARGE (Workshop ticket)', 0, '[]', -1000, 'refund', 're_3OxSamOneOff0001', 'available', 'refund'),
  ('txn_1OxPayoutSep2023', -3989, '2023-09-30 00:00:00+00', '2023-09-28 00:00:00+00', 'usd', 'STRIPE PAYOUT', 0, '[]', -3989, 'payout', 'po_1OxSep2023Weekly', 'available', 'payout');

INSERT INTO payout (id, amount, arrival_date, automatic, balance_transaction_id, created, currency, description, destination_id, failure_balance_transaction_id, method, source_type, statement_descriptor, status, type) VALUES
  ('po_1OxSep2023Weekly', 3989, '2023-09-30 00:00:00+00', true, 'txn_1OxPayoutSep2023', '2023-09-28 00:00:00+00', 'usd', 'STRIPE PAYOUT', 'ba_1NxAmzBankUs0001', NULL, 'standard', 'card', NULL, 'paid', 'bank_account');

INSERT INTO discount (id, checkout_session_id, coupon_id, customer_id, "end", invoice_id, invoice_item_id, promotion_code_id, start, subscription_id) VALUES
  ('di_1OxNorthwindSum25', 'cs_test_a1OxNorthwindCheckout', 'SUMMER25', 'cus_Ox1qR8sT9uV0wX', '2023-12-09 09:00:00+00', 'in_1OxNorthwindOct23', NULL, 'promo_1OxSummerCodeQ7', '2023-09-09 09:00:00+00', 'sub_1OxNorthwindGro2');

INSERT INTO checkout_session (id, amount_subtotal, amount_total, cancel_url, client_reference_id, created, currency, customer_id, customer_email, expires_at, invoice_id, mode, payment_intent_id, payment_method_types, payment_status, setup_intent_id, status, subscription_id, success_url) VALUES
  ('cs_test_a1OxNorthwindCheckout', 24500, 18375, 'https://acme.example/cancel', 'order_7741', '2023-09-09 08:58:00+00', 'usd', 'cus_Ox1qR8sT9uV0wX', 'billing@northwind.example', '2023-09-10 08:58:00+00', 'in_1OxNorthwindOct23', 'subscription', NULL, '{card,us_bank_account}', 'paid', 'seti_1OxNorthwindBank', 'complete', 'sub_1OxNorthwindGro2', 'https://acme.example/welcome');

-- The references, as constraints (synced tables have none; the accuracy test drops these).
ALTER TABLE product ADD FOREIGN KEY (default_price_id) REFERENCES price (id);
ALTER TABLE price ADD FOREIGN KEY (product_id) REFERENCES product (id);
ALTER TABLE plan ADD FOREIGN KEY (product_id) REFERENCES product (id);
ALTER TABLE promotion_code ADD FOREIGN KEY (coupon_id) REFERENCES coupon (id);
ALTER TABLE promotion_code ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE payment_method ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE subscription ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE subscription ADD FOREIGN KEY (default_payment_method_id) REFERENCES payment_method (id);
ALTER TABLE subscription ADD FOREIGN KEY (latest_invoice_id) REFERENCES invoice (id);
ALTER TABLE subscription ADD FOREIGN KEY (pending_setup_intent_id) REFERENCES setup_intent (id);
ALTER TABLE subscription_item ADD FOREIGN KEY (plan_id) REFERENCES plan (id);
ALTER TABLE subscription_item ADD FOREIGN KEY (price_id) REFERENCES price (id);
ALTER TABLE subscription_item ADD FOREIGN KEY (subscription_id) REFERENCES subscription (id);
ALTER TABLE invoice ADD FOREIGN KEY (charge_id) REFERENCES charge (id);
ALTER TABLE invoice ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE invoice ADD FOREIGN KEY (default_payment_method_id) REFERENCES payment_method (id);
ALTER TABLE invoice ADD FOREIGN KEY (payment_intent_id) REFERENCES payment_intent (id);
ALTER TABLE invoice ADD FOREIGN KEY (subscription_id) REFERENCES subscription (id);
ALTER TABLE invoice_item ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE invoice_item ADD FOREIGN KEY (invoice_id) REFERENCES invoice (id);
ALTER TABLE invoice_item ADD FOREIGN KEY (price_id) REFERENCES price (id);
ALTER TABLE invoice_item ADD FOREIGN KEY (subscription_id) REFERENCES subscription (id);
ALTER TABLE invoice_item ADD FOREIGN KEY (subscription_item_id) REFERENCES subscription_item (id);
ALTER TABLE invoice_line_item ADD FOREIGN KEY (invoice_id) REFERENCES invoice (id);
ALTER TABLE invoice_line_item ADD FOREIGN KEY (invoice_item_id) REFERENCES invoice_item (id);
ALTER TABLE invoice_line_item ADD FOREIGN KEY (plan_id) REFERENCES plan (id);
ALTER TABLE invoice_line_item ADD FOREIGN KEY (price_id) REFERENCES price (id);
ALTER TABLE invoice_line_item ADD FOREIGN KEY (subscription_id) REFERENCES subscription (id);
ALTER TABLE invoice_line_item ADD FOREIGN KEY (subscription_item_id) REFERENCES subscription_item (id);
ALTER TABLE payment_intent ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE payment_intent ADD FOREIGN KEY (invoice_id) REFERENCES invoice (id);
ALTER TABLE payment_intent ADD FOREIGN KEY (latest_charge_id) REFERENCES charge (id);
ALTER TABLE payment_intent ADD FOREIGN KEY (on_behalf_of_id) REFERENCES account (id);
ALTER TABLE payment_intent ADD FOREIGN KEY (payment_method_id) REFERENCES payment_method (id);
ALTER TABLE charge ADD FOREIGN KEY (balance_transaction_id) REFERENCES balance_transaction (id);
ALTER TABLE charge ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE charge ADD FOREIGN KEY (invoice_id) REFERENCES invoice (id);
ALTER TABLE charge ADD FOREIGN KEY (on_behalf_of_id) REFERENCES account (id);
ALTER TABLE charge ADD FOREIGN KEY (payment_intent_id) REFERENCES payment_intent (id);
ALTER TABLE charge ADD FOREIGN KEY (payment_method_id) REFERENCES payment_method (id);
ALTER TABLE charge ADD FOREIGN KEY (transfer_data_destination_id) REFERENCES account (id);
ALTER TABLE setup_intent ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE setup_intent ADD FOREIGN KEY (payment_method_id) REFERENCES payment_method (id);
ALTER TABLE refund ADD FOREIGN KEY (balance_transaction_id) REFERENCES balance_transaction (id);
ALTER TABLE refund ADD FOREIGN KEY (charge_id) REFERENCES charge (id);
ALTER TABLE refund ADD FOREIGN KEY (payment_intent_id) REFERENCES payment_intent (id);
ALTER TABLE dispute ADD FOREIGN KEY (charge_id) REFERENCES charge (id);
ALTER TABLE dispute ADD FOREIGN KEY (payment_intent_id) REFERENCES payment_intent (id);
ALTER TABLE payout ADD FOREIGN KEY (balance_transaction_id) REFERENCES balance_transaction (id);
ALTER TABLE payout ADD FOREIGN KEY (failure_balance_transaction_id) REFERENCES balance_transaction (id);
ALTER TABLE discount ADD FOREIGN KEY (checkout_session_id) REFERENCES checkout_session (id);
ALTER TABLE discount ADD FOREIGN KEY (coupon_id) REFERENCES coupon (id);
ALTER TABLE discount ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE discount ADD FOREIGN KEY (invoice_id) REFERENCES invoice (id);
ALTER TABLE discount ADD FOREIGN KEY (invoice_item_id) REFERENCES invoice_item (id);
ALTER TABLE discount ADD FOREIGN KEY (promotion_code_id) REFERENCES promotion_code (id);
ALTER TABLE discount ADD FOREIGN KEY (subscription_id) REFERENCES subscription (id);
ALTER TABLE checkout_session ADD FOREIGN KEY (customer_id) REFERENCES customer (id);
ALTER TABLE checkout_session ADD FOREIGN KEY (invoice_id) REFERENCES invoice (id);
ALTER TABLE checkout_session ADD FOREIGN KEY (payment_intent_id) REFERENCES payment_intent (id);
ALTER TABLE checkout_session ADD FOREIGN KEY (setup_intent_id) REFERENCES setup_intent (id);
ALTER TABLE checkout_session ADD FOREIGN KEY (subscription_id) REFERENCES subscription (id);

RESET search_path;
