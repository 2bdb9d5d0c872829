CREATE TABLE IF NOT EXISTS placeholder_selfref (id int PRIMARY KEY);
