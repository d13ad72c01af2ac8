-- The whole schema of api-contract.md §4 for SQLite. Timestamps are stored as fixed-width UTC text
-- ("YYYY-MM-DD HH:MM:SS.ffffff+00", see common/clock.hpp) so that they sort in time order; uuids as text;
-- movie.genres as the IMDb comma-joined list.

CREATE TABLE users_user (
  id TEXT PRIMARY KEY,
  password TEXT NOT NULL,
  last_login TEXT,
  is_superuser INTEGER NOT NULL DEFAULT 0,
  username TEXT NOT NULL UNIQUE,
  first_name TEXT NOT NULL DEFAULT '',
  last_name TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL UNIQUE,
  is_staff INTEGER NOT NULL DEFAULT 0,
  is_active INTEGER NOT NULL DEFAULT 1,
  date_joined TEXT NOT NULL
);
CREATE UNIQUE INDEX users_user_email_lower_uniq ON users_user (lower(email));

CREATE TABLE platform (
  id INTEGER PRIMARY KEY,
  platform_slug TEXT NOT NULL UNIQUE,
  platform_name TEXT NOT NULL
);

CREATE TABLE movie (
  tconst TEXT PRIMARY KEY,
  primary_title TEXT NOT NULL,
  original_title TEXT,
  start_year INTEGER,
  genres TEXT,
  avg_rating REAL,
  num_votes INTEGER,
  poster_path TEXT,
  poster_last_checked TEXT,
  tmdb_id INTEGER,
  watchmode_id INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX movie_tmdb_id_idx ON movie (tmdb_id) WHERE tmdb_id IS NOT NULL;
CREATE INDEX movie_watchmode_id_idx ON movie (watchmode_id) WHERE watchmode_id IS NOT NULL;
CREATE INDEX movie_start_year_idx ON movie (start_year);

CREATE TABLE genre (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL UNIQUE
);

CREATE TABLE user_platform (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users_user (id) ON DELETE CASCADE,
  platform_id INTEGER NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  UNIQUE (user_id, platform_id)
);

CREATE TABLE user_movie (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users_user (id) ON DELETE CASCADE,
  tconst TEXT NOT NULL REFERENCES movie (tconst) ON DELETE CASCADE,
  watchlisted_at TEXT,
  watchlist_deleted_at TEXT,
  watched_at TEXT,
  added_from_ai_suggestion INTEGER NOT NULL DEFAULT 0,
  user_rating INTEGER CONSTRAINT user_movie_user_rating_check CHECK (user_rating BETWEEN 1 AND 10),
  UNIQUE (user_id, tconst)
);
CREATE INDEX user_movie_active_watchlist_idx ON user_movie (user_id)
  WHERE watchlist_deleted_at IS NULL AND watchlisted_at IS NOT NULL;
CREATE INDEX user_movie_watched_idx ON user_movie (user_id) WHERE watched_at IS NOT NULL;
CREATE INDEX user_movie_tconst_idx ON user_movie (tconst);

CREATE TABLE movie_availability (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tconst TEXT NOT NULL REFERENCES movie (tconst) ON DELETE CASCADE,
  platform_id INTEGER NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  is_available INTEGER,
  last_checked TEXT NOT NULL,
  source TEXT NOT NULL,
  details TEXT,
  UNIQUE (tconst, platform_id)
);
CREATE INDEX movie_availability_available_idx ON movie_availability (tconst, platform_id) WHERE is_available = 1;

CREATE TABLE ai_suggestion_batch (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users_user (id) ON DELETE CASCADE,
  generated_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  prompt TEXT,
  response TEXT
);
CREATE INDEX ai_suggestion_batch_user_idx ON ai_suggestion_batch (user_id, generated_at);

CREATE TABLE integration_error_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  api_type TEXT NOT NULL,
  error_message TEXT NOT NULL,
  error_details TEXT,
  user_id TEXT REFERENCES users_user (id) ON DELETE SET NULL,
  occurred_at TEXT NOT NULL
);
CREATE INDEX integration_error_log_occurred_idx ON integration_error_log (occurred_at);

CREATE TABLE event (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT REFERENCES users_user (id) ON DELETE SET NULL,
  event_type TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  properties TEXT
);

CREATE TABLE token_blacklist_outstandingtoken (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token TEXT NOT NULL,
  created_at TEXT,
  expires_at TEXT NOT NULL,
  user_id TEXT REFERENCES users_user (id) ON DELETE SET NULL,
  jti TEXT NOT NULL UNIQUE
);
CREATE INDEX token_blacklist_outstandingtoken_user_idx ON token_blacklist_outstandingtoken (user_id);

CREATE TABLE token_blacklist_blacklistedtoken (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  blacklisted_at TEXT NOT NULL,
  token_id INTEGER NOT NULL UNIQUE REFERENCES token_blacklist_outstandingtoken (id) ON DELETE CASCADE
);

-- Server-wide settings, e.g. the generated signing key when MYVOD_SECRET_KEY is not set.
CREATE TABLE app_setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

INSERT INTO platform (id, platform_slug, platform_name) VALUES
  (1, 'netflix', 'Netflix'),
  (2, 'hbomax', 'HBO Max'),
  (3, 'disneyplus', 'Disney+'),
  (4, 'primevideo', 'Amazon Prime Video'),
  (5, 'appletvplus', 'Apple TV+');
