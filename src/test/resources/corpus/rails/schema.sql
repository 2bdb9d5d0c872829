CREATE TABLE IF NOT EXISTS placeholder_rails (id int PRIMARY KEY);
