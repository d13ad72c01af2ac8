-- The staff's analytics: recent activity is read by time, so the 7- and 30-day figures do not scan every
-- row; all-time counts per movie read an index in movie order instead of sorting the rows; the error log
-- pages in (occurred_at, id) order, its tie-breaker included.
CREATE INDEX user_movie_watchlisted_at_idx ON user_movie (watchlisted_at, tconst)
  WHERE watchlist_deleted_at IS NULL AND watchlisted_at IS NOT NULL;
CREATE INDEX user_movie_watched_at_idx ON user_movie (watched_at, tconst) WHERE watched_at IS NOT NULL;
CREATE INDEX user_movie_kept_tconst_idx ON user_movie (tconst)
  WHERE watchlist_deleted_at IS NULL AND watchlisted_at IS NOT NULL;
CREATE INDEX user_movie_watched_tconst_idx ON user_movie (tconst) WHERE watched_at IS NOT NULL;
CREATE INDEX users_user_date_joined_idx ON users_user (date_joined);
DROP INDEX integration_error_log_occurred_idx;
CREATE INDEX integration_error_log_occurred_idx ON integration_error_log (occurred_at, id);
