-- Self references (parent_id, parent_folder_id, reply_to_message_id), a table referencing another
-- twice (transfer.from_account_id / to_account_id, message sender / recipient), a self join table
-- (user_follow) and a plain join table with a timestamp (message_tag).
CREATE TABLE category (
  id serial PRIMARY KEY,
  parent_id integer REFERENCES category (id),
  name text NOT NULL
);
CREATE TABLE folder (
  id uuid PRIMARY KEY,
  parent_folder_id uuid REFERENCES folder (id),
  name text NOT NULL
);
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  handle text NOT NULL UNIQUE
);
CREATE TABLE account (
  id bigserial PRIMARY KEY,
  owner_user_id bigint NOT NULL REFERENCES users (id),
  iban text
);
CREATE TABLE transfer (
  id bigserial PRIMARY KEY,
  from_account_id bigint NOT NULL REFERENCES account (id),
  to_account_id bigint NOT NULL REFERENCES account (id),
  amount numeric(12,2) NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE message (
  id bigserial PRIMARY KEY,
  sender_user_id bigint NOT NULL REFERENCES users (id),
  recipient_user_id bigint NOT NULL REFERENCES users (id),
  reply_to_message_id bigint REFERENCES message (id),
  body text NOT NULL
);
CREATE TABLE tag (id serial PRIMARY KEY, label text NOT NULL UNIQUE);
CREATE TABLE message_tag (
  message_id bigint NOT NULL REFERENCES message (id),
  tag_id integer NOT NULL REFERENCES tag (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (message_id, tag_id)
);
CREATE TABLE user_follow (
  follower_user_id bigint NOT NULL REFERENCES users (id),
  followed_user_id bigint NOT NULL REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (follower_user_id, followed_user_id)
);

INSERT INTO category (name) VALUES ('Books');
INSERT INTO category (parent_id, name) VALUES (1, 'Fiction');
INSERT INTO folder (id, parent_folder_id, name) VALUES
  ('6f1c1a52-5a0e-4e4b-9d7e-0b7a5a3f9a01', NULL, 'root'),
  ('6f1c1a52-5a0e-4e4b-9d7e-0b7a5a3f9a02', '6f1c1a52-5a0e-4e4b-9d7e-0b7a5a3f9a01', 'docs');
INSERT INTO users (handle) VALUES ('ana'), ('bo');
INSERT INTO account (owner_user_id, iban) VALUES (1, 'DE89370400440532013000'), (2, 'GB82WEST12345698765432');
INSERT INTO transfer (from_account_id, to_account_id, amount) VALUES (1, 2, 25.00);
INSERT INTO message (sender_user_id, recipient_user_id, body) VALUES (1, 2, 'hi');
INSERT INTO message (sender_user_id, recipient_user_id, reply_to_message_id, body) VALUES (2, 1, 1, 'hello');
INSERT INTO tag (label) VALUES ('greeting');
INSERT INTO message_tag (message_id, tag_id) VALUES (1, 1);
INSERT INTO user_follow (follower_user_id, followed_user_id) VALUES (1, 2);
