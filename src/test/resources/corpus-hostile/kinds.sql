-- Views, a materialized view and a partitioned table with its partitions.
CREATE SCHEMA kinds;
CREATE TABLE kinds.event (id bigint NOT NULL, kind text NOT NULL, at date NOT NULL, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);
CREATE TABLE kinds.event_2024 PARTITION OF kinds.event FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE kinds.event_2025 PARTITION OF kinds.event FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE kinds.account (id text PRIMARY KEY, name text);
CREATE TABLE kinds.payment (id text PRIMARY KEY, account_id text, amount integer);
CREATE VIEW kinds.big_payment AS SELECT * FROM kinds.payment WHERE amount > 100;
CREATE MATERIALIZED VIEW kinds.account_total AS SELECT account_id, sum(amount) AS total FROM kinds.payment GROUP BY account_id;
INSERT INTO kinds.event VALUES (1, 'a', '2024-03-01'), (2, 'b', '2025-03-01');
INSERT INTO kinds.account VALUES ('acc_1', 'A'), ('acc_2', NULL);
INSERT INTO kinds.payment VALUES ('pay_1', 'acc_1', 150), ('pay_2', 'acc_1', 5), ('pay_3', 'acc_9', 1);
REFRESH MATERIALIZED VIEW kinds.account_total;
