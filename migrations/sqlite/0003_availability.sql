-- Availability sync and its notifications.
-- Each platform names its catalogue at the providers: Watchmode's source id and TMDB's watch-provider ids
-- (comma-joined: a service can have several, e.g. HBO Max 1899 and the older 384). An operator may add
-- platforms beyond the fixed five and set these for them.
ALTER TABLE platform ADD COLUMN watchmode_source_id INTEGER;
ALTER TABLE platform ADD COLUMN tmdb_provider_ids TEXT;
UPDATE platform SET watchmode_source_id = 203, tmdb_provider_ids = '8' WHERE id = 1;
UPDATE platform SET watchmode_source_id = 387, tmdb_provider_ids = '1899,384' WHERE id = 2;
UPDATE platform SET watchmode_source_id = 372, tmdb_provider_ids = '337' WHERE id = 3;
UPDATE platform SET watchmode_source_id = 26, tmdb_provider_ids = '119' WHERE id = 4;
UPDATE platform SET watchmode_source_id = 371, tmdb_provider_ids = '350' WHERE id = 5;

-- A sync reads a platform's whole state at once.
CREATE INDEX movie_availability_platform_idx ON movie_availability (platform_id, is_available);

-- "Now streaming on your services": one row per user, movie and platform that became available while the
-- movie was on the user's watchlist.
CREATE TABLE notification (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT NOT NULL REFERENCES users_user (id) ON DELETE CASCADE,
  tconst TEXT NOT NULL REFERENCES movie (tconst) ON DELETE CASCADE,
  platform_id INTEGER NOT NULL REFERENCES platform (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notification_user_idx ON notification (user_id, id);
CREATE INDEX notification_unread_idx ON notification (user_id) WHERE read_at IS NULL;
