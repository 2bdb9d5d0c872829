-- Comments and defaults that try to end the literal they are written in, in every quoting style.
CREATE SCHEMA s;
CREATE TABLE s.victim (id text PRIMARY KEY);
CREATE TABLE s.note (
  id text PRIMARY KEY,
  victim_id text,
  body text DEFAULT E'x\\''; DROP TABLE s.victim; --',
  dollar text DEFAULT $q$a $$ b $ferry$ c$q$
);
COMMENT ON TABLE s.note IS E'x\\''; DROP TABLE s.victim; --';
COMMENT ON COLUMN s.note.body IS E'x\\''; DROP TABLE s.victim; -- $$ $ferry$ \n #{raise} """ end';
COMMENT ON COLUMN s.note.dollar IS '$$; DROP TABLE s.victim; $$';
COMMENT ON TABLE s.victim IS E'line one\nline two\ttab \\ backslash */ /* -- ';
INSERT INTO s.victim VALUES ('v1'), ('v2');
INSERT INTO s.note (id, victim_id) VALUES ('n1', 'v1'), ('n2', 'v9');
