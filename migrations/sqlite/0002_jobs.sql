-- Scheduled and manual jobs (housekeeping, posters, later availability sync).
-- job_lease: at most one runner of a job across every server on this database; a lease that is not renewed
-- expires, so a crashed runner does not block the job for ever.
CREATE TABLE job_lease (
  job TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

-- One row per run, whatever started it (trigger: scheduled, cli, staff). A scheduled run names its slot,
-- and a slot runs once: a second server that reaches the same slot finds it taken.
CREATE TABLE job_run (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job TEXT NOT NULL,
  trigger TEXT NOT NULL,
  slot TEXT,
  started_at TEXT NOT NULL,
  finished_at TEXT,
  outcome TEXT NOT NULL,
  counts TEXT NOT NULL DEFAULT '{}',
  error TEXT
);
CREATE INDEX job_run_started_idx ON job_run (started_at);
CREATE UNIQUE INDEX job_run_slot_idx ON job_run (job, slot);
