-- Two synced schemas in one client; billing references stripe across schemas.
CREATE SCHEMA stripe;
CREATE SCHEMA billing;
CREATE TABLE stripe.customer (id text PRIMARY KEY, email text);
CREATE TABLE billing.account (id text PRIMARY KEY, customer_id text, plan text);
INSERT INTO stripe.customer VALUES ('cus_A', 'a@example.com'), ('cus_B', 'b@example.com');
INSERT INTO billing.account VALUES ('acct_1', 'cus_A', 'pro'), ('acct_2', 'cus_B', 'free'), ('acct_3', 'cus_A', 'team');
