CREATE TABLE IF NOT EXISTS placeholder_dvdrental (id int PRIMARY KEY);
