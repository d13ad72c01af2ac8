-- A user's mail settings (GET/PATCH /api/me/preferences/), kept apart from users_user so that /api/me/ keeps
-- exactly the original's keys. No row: the defaults (no e-mail, Polish).
-- confirmed_email: the address whose confirmation link was followed; the digest goes only to it, so a
-- changed address has to be confirmed again. digest_since: notifications after it go in the next digest.
CREATE TABLE user_preferences (
  user_id TEXT PRIMARY KEY REFERENCES users_user (id) ON DELETE CASCADE,
  email_notifications INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT 'pl',
  confirmed_email TEXT,
  digest_since TEXT
);
-- The digest finds its recipients without reading every user.
CREATE INDEX user_preferences_digest_idx ON user_preferences (user_id) WHERE email_notifications = 1;
-- ... and each recipient's new notifications by time.
CREATE INDEX notification_user_created_idx ON notification (user_id, created_at);
