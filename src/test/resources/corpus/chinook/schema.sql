CREATE TABLE IF NOT EXISTS placeholder_chinook (id int PRIMARY KEY);
