-- Poster writes numbered in the order they commit, so that a server showing search results from memory
-- replays only the writes it has not seen: each write takes the next number of the counter (its row lock
-- queues concurrent writers, so the numbers commit in order) and stamps it on the movie's row.
ALTER TABLE movie ADD COLUMN poster_change INTEGER;
CREATE INDEX movie_poster_change_idx ON movie (poster_change) WHERE poster_change IS NOT NULL;
INSERT INTO app_setting (key, value) VALUES ('poster_change', '0');
