-- The attempts the limits count (log-ins, password-reset requests, confirmation mails), in the database so
-- that every server on it counts against one budget: N servers behind a balancer must not allow N times
-- the limit. One row per limited subject ('key:' an e-mail or a user id, 'address:' a client address)
-- within a scope ('login', 'password_reset', 'confirmation'). A reservation takes the subject's row lock
-- (the upsert in store/attempts.cpp) for its transaction only, which a PgBouncer in transaction mode keeps,
-- unlike a session's advisory lock. attempts: the counted attempts' times, microseconds since the epoch,
-- oldest first. expires_at: when the last of them leaves the window, after which the row is dropped.
CREATE TABLE attempt_window (
  scope text NOT NULL,
  subject text NOT NULL,
  attempts text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (scope, subject)
);
CREATE INDEX attempt_window_expires_idx ON attempt_window (expires_at);
