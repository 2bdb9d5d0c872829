CREATE TABLE IF NOT EXISTS placeholder_prefixed (id int PRIMARY KEY);
