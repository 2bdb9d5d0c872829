-- A Rails application's schema: plural tables, bigint ids, created_at/updated_at, belongs_to
-- references (user_id), has_one (profiles.user_id unique), polymorphic pairs (comments.commentable,
-- taggings.taggable, active_storage_attachments.record), a namespaced engine (active_storage_*),
-- and a has_and_belongs_to_many join table without a key (categories_posts).
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email character varying NOT NULL DEFAULT '',
  encrypted_password character varying NOT NULL DEFAULT '',
  name character varying,
  admin boolean DEFAULT false,
  created_at timestamp(6) NOT NULL,
  updated_at timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX index_users_on_email ON users (email);

CREATE TABLE profiles (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  bio text,
  website character varying,
  created_at timestamp(6) NOT NULL,
  updated_at timestamp(6) NOT NULL
);
CREATE UNIQUE INDEX index_profiles_on_user_id ON profiles (user_id);

CREATE TABLE posts (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  title character varying NOT NULL,
  body text,
  published_at timestamp(6),
  comments_count integer NOT NULL DEFAULT 0,
  created_at timestamp(6) NOT NULL,
  updated_at timestamp(6) NOT NULL
);
CREATE INDEX index_posts_on_user_id ON posts (user_id);

CREATE TABLE photos (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  caption character varying,
  created_at timestamp(6) NOT NULL,
  updated_at timestamp(6) NOT NULL
);

CREATE TABLE comments (
  id bigserial PRIMARY KEY,
  commentable_type character varying NOT NULL,
  commentable_id bigint NOT NULL,
  user_id bigint NOT NULL REFERENCES users (id),
  body text NOT NULL,
  created_at timestamp(6) NOT NULL,
  updated_at timestamp(6) NOT NULL
);
CREATE INDEX index_comments_on_commentable ON comments (commentable_type, commentable_id);

CREATE TABLE tags (
  id bigserial PRIMARY KEY,
  name character varying NOT NULL,
  taggings_count integer DEFAULT 0
);

CREATE TABLE taggings (
  id bigserial PRIMARY KEY,
  tag_id bigint REFERENCES tags (id),
  taggable_type character varying,
  taggable_id bigint,
  tagger_type character varying,
  tagger_id bigint,
  context character varying(128),
  created_at timestamp
);

CREATE TABLE categories (
  id bigserial PRIMARY KEY,
  name character varying NOT NULL,
  created_at timestamp(6) NOT NULL,
  updated_at timestamp(6) NOT NULL
);

CREATE TABLE categories_posts (
  category_id bigint NOT NULL REFERENCES categories (id),
  post_id bigint NOT NULL REFERENCES posts (id)
);

CREATE TABLE active_storage_blobs (
  id bigserial PRIMARY KEY,
  key character varying NOT NULL,
  filename character varying NOT NULL,
  content_type character varying,
  metadata text,
  service_name character varying NOT NULL,
  byte_size bigint NOT NULL,
  checksum character varying,
  created_at timestamp(6) NOT NULL
);

CREATE TABLE active_storage_attachments (
  id bigserial PRIMARY KEY,
  name character varying NOT NULL,
  record_type character varying NOT NULL,
  record_id bigint NOT NULL,
  blob_id bigint NOT NULL REFERENCES active_storage_blobs (id),
  created_at timestamp(6) NOT NULL
);

CREATE TABLE schema_migrations (version character varying PRIMARY KEY);
CREATE TABLE ar_internal_metadata (
  key character varying PRIMARY KEY,
  value character varying,
  created_at timestamp(6) NOT NULL,
  updated_at timestamp(6) NOT NULL
);

INSERT INTO users (email, name, created_at, updated_at) VALUES
  ('dhh@example.com', 'David', now(), now()), ('matz@example.com', 'Yukihiro', now(), now());
INSERT INTO profiles (user_id, bio, created_at, updated_at) VALUES (1, 'Creator of Rails', now(), now());
INSERT INTO posts (user_id, title, body, created_at, updated_at) VALUES
  (1, 'Hello Rails', 'First post', now(), now()), (2, 'Hello Ruby', 'Second post', now(), now());
INSERT INTO photos (user_id, caption, created_at, updated_at) VALUES (2, 'Sunset', now(), now());
INSERT INTO comments (commentable_type, commentable_id, user_id, body, created_at, updated_at) VALUES
  ('Post', 1, 2, 'Nice!', now(), now()), ('Photo', 1, 1, 'Great shot', now(), now());
INSERT INTO tags (name) VALUES ('ruby'), ('rails');
INSERT INTO taggings (tag_id, taggable_type, taggable_id, tagger_type, tagger_id, context, created_at) VALUES
  (1, 'Post', 2, 'User', 2, 'tags', now()), (2, 'Post', 1, 'User', 1, 'tags', now());
INSERT INTO categories (name, created_at, updated_at) VALUES ('News', now(), now());
INSERT INTO categories_posts (category_id, post_id) VALUES (1, 1), (1, 2);
INSERT INTO active_storage_blobs (key, filename, content_type, service_name, byte_size, created_at) VALUES
  ('x1y2z3', 'avatar.png', 'image/png', 'local', 2048, now());
INSERT INTO active_storage_attachments (name, record_type, record_id, blob_id, created_at) VALUES ('avatar', 'User', 1, 1, now());
