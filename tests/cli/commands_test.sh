#!/usr/bin/env bash
# The CLI commands against a real SQLite file: migrate, create-staff-user, users, run-job, import-imdb (twice:
# idempotent; then other titles), fetch-posters against the fake TMDB, sync-availability against the fake Watchmode, platforms,
# suggestions-prompt, send-test-mail and the mail digest through the fake SMTP relay, import-list of a user's
# IMDb and Letterboxd files, an import by another process while `myvod serve` runs (its next search must see
# the new title), and an online backup that a server then runs on.
set -euo pipefail
# Output is matched with `grep PATTERN >/dev/null`, never `| grep -q`: grep -q stops reading at the first
# match, and a writer still writing then dies of SIGPIPE, which pipefail turns into a failed check.
myvod="$1"
fake_tmdb="$2"
fake_watchmode="$3"
fake_smtp="$4"
data="$5"
work="$(mktemp -d)"
server=""
tmdb=""
watchmode=""
smtp=""
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; [ -n "$tmdb" ] && kill "$tmdb" 2>/dev/null;
      [ -n "$watchmode" ] && kill "$watchmode" 2>/dev/null; [ -n "$smtp" ] && kill "$smtp" 2>/dev/null;
      rm -rf "$work"' EXIT
export MYVOD_DATABASE_URL="sqlite:$work/cli.db"
source "$(dirname "$0")/lib.sh"

"$myvod" migrate 2>&1 | grep "up to date" >/dev/null || fail "migrate"
MYVOD_STAFF_PASSWORD=adminPassword789 "$myvod" create-staff-user --email Admin@Example.com | grep "admin@example.com created" >/dev/null \
  || fail "create-staff-user"
[ "$(sqlite3 "$work/cli.db" "SELECT is_staff, email FROM users_user")" = "1|admin@example.com" ] || fail "staff row"
# Registration's rules, exactly as POST /api/register/ applies them.
duplicate="$(echo "adminPassword789" | "$myvod" create-staff-user --email admin@example.com 2>&1 || true)"
echo "$duplicate" | grep "email: Użytkownik o tym emailu już istnieje" >/dev/null || fail "duplicate staff user: $duplicate"
long="$(MYVOD_STAFF_PASSWORD=adminPassword789 "$myvod" create-staff-user --email "$(printf 'a%.0s' {1..243})@example.com" 2>&1 || true)"
echo "$long" | grep "Ensure this field has no more than 254 characters." >/dev/null || fail "255-character e-mail: $long"
# No similarity check at registration: it needs a user to compare with.
MYVOD_STAFF_PASSWORD=moviefan12 "$myvod" create-staff-user --email moviefan@example.com | grep "created" >/dev/null \
  || fail "password similar to the e-mail"
weak="$(echo "12345678" | "$myvod" create-staff-user --email weak@example.com 2>&1 || true)"
echo "$weak" | grep "This password is too common." >/dev/null || fail "weak password: $weak"

# The operator's account tools.
listed="$("$myvod" users list)"
echo "$listed" | grep -Eq '^admin@example.com +[0-9a-f-]{36} yes +yes +[0-9]{4}-[0-9]{2}-[0-9]{2} never$' || fail "users list: $listed"
echo "$listed" | tail -1 | grep "^2 accounts$" >/dev/null || fail "users list count: $listed"
[ "$("$myvod" users list MOVIEFAN | tail -1)" = "1 account" ] || fail "users list filter"
"$myvod" users demote ADMIN@example.com | grep "admin@example.com is no longer staff" >/dev/null || fail "demote"
"$myvod" users promote moviefan@example.com >/dev/null || fail "promote"
"$myvod" users deactivate moviefan@example.com | grep "can no longer log in" >/dev/null || fail "deactivate"
[ "$(sqlite3 "$work/cli.db" "SELECT email, is_staff, is_active FROM users_user ORDER BY email")" = "admin@example.com|0|1
moviefan@example.com|1|0" ] || fail "flags: $(sqlite3 "$work/cli.db" "SELECT * FROM users_user")"
"$myvod" users reactivate moviefan@example.com >/dev/null || fail "reactivate"
similar="$(MYVOD_PASSWORD=moviefan12 "$myvod" users set-password moviefan@example.com 2>&1 || true)"
echo "$similar" | grep "password: The password is too similar to the username." >/dev/null || fail "set-password similarity: $similar"
before="$(sqlite3 "$work/cli.db" "SELECT password FROM users_user WHERE email = 'moviefan@example.com'")"
echo "Another-night-42" | "$myvod" users set-password moviefan@example.com | grep "password of moviefan@example.com changed" >/dev/null \
  || fail "set-password"
[ "$(sqlite3 "$work/cli.db" "SELECT password FROM users_user WHERE email = 'moviefan@example.com'")" != "$before" ] \
  || fail "set-password kept the hash"
unknown="$("$myvod" users promote nobody@example.com 2>&1 || true)"
[ "$unknown" = "no account with the e-mail nobody@example.com" ] || fail "unknown account: $unknown"
unconfirmed="$("$myvod" users delete moviefan@example.com 2>&1 || true)"
echo "$unconfirmed" | grep "add --yes" >/dev/null || fail "delete without --yes: $unconfirmed"
"$myvod" users delete moviefan@example.com --yes | grep "moviefan@example.com deleted" >/dev/null || fail "delete"
[ "$(sqlite3 "$work/cli.db" "SELECT COUNT(*) FROM users_user")" = "1" ] || fail "deleted row"
"$myvod" users promote admin@example.com >/dev/null
# A reset link for a server without mail: printed, pointing at the web UI.
link="$("$myvod" users reset-link admin@example.com)"
echo "$link" | grep -Eq '^http://127.0.0.1:8000/auth/reset-password\?uid=[A-Za-z0-9_-]+&token=[0-9a-z]+-[0-9a-f]{32}$' \
  || fail "reset-link: $link"
MYVOD_FRONTEND_URL=https://watch.example.org/ "$myvod" users reset-link admin@example.com \
  | grep '^https://watch.example.org/auth/reset-password?uid=' >/dev/null || fail "reset-link with MYVOD_FRONTEND_URL"
"$myvod" users deactivate admin@example.com >/dev/null
inactive="$("$myvod" users reset-link admin@example.com 2>&1 || true)"
[ "$inactive" = "admin@example.com is deactivated: reactivate it first" ] || fail "reset-link of a deactivated account: $inactive"
"$myvod" users reactivate admin@example.com >/dev/null

# Jobs from the command line are recorded like scheduled ones.
housekeeping="$("$myvod" run-job housekeeping)"
echo "$housekeeping" | grep '^housekeeping: succeeded {"expired_tokens":0' >/dev/null || fail "run-job: $housekeeping"
[ "$(sqlite3 "$work/cli.db" "SELECT job, trigger, outcome FROM job_run")" = "housekeeping|cli|succeeded" ] \
  || fail "job_run row"
no_key="$(MYVOD_TMDB_API_KEY= "$myvod" fetch-posters 2>&1 || true)"
echo "$no_key" | grep "MYVOD_TMDB_API_KEY is not set" >/dev/null || fail "fetch-posters without a key: $no_key"

first="$("$myvod" import-imdb --basics "$data/title.basics.tsv.gz" --ratings "$data/title.ratings.tsv.gz")"
echo "$first" | grep "movies: 1269 (imported 1269, updated 0, unchanged 0)" >/dev/null || fail "first import: $first"

# Mail through the fake SMTP relay (STARTTLS on the test's CA): the operator's test mail, then the weekly
# digest for a user whose confirmed address has a notification, and nothing for the same user a second time.
mkdir "$work/mail"
"$fake_smtp" "$work/mail" "$work/smtp-ca.pem" >"$work/smtp.url" &
smtp=$!
for _ in $(seq 100); do [ -s "$work/smtp.url" ] && break; sleep 0.05; done
mail_env=(MYVOD_SMTP_URL="$(cat "$work/smtp.url")" MYVOD_SMTP_CA_FILE="$work/smtp-ca.pem")
env "${mail_env[@]}" "$myvod" send-test-mail ops@example.com | grep "^sent to ops@example.com$" >/dev/null || fail "send-test-mail"
[ -s "$work/mail/1-ops@example.com.eml" ] || fail "test mail not received: $(ls "$work/mail")"
off="$("$myvod" send-test-mail ops@example.com 2>&1 || true)"
[ "$off" = "mail is off: MYVOD_SMTP_URL is not set" ] || fail "send-test-mail without SMTP: $off"
mismatch="$(env "${mail_env[@]}" MYVOD_SMTP_SECURITY=tls "$myvod" send-test-mail ops@example.com 2>&1 || true)"
echo "$mismatch" | grep "MYVOD_SMTP_SECURITY=tls needs an smtps:// URL" >/dev/null || fail "tls on smtp://: $mismatch"
sqlite3 "$work/cli.db" "
  INSERT INTO user_preferences (user_id, email_notifications, language, confirmed_email, digest_since)
    SELECT id, 1, 'en', email, '2026-01-01 00:00:00.000000+00' FROM users_user WHERE email = 'admin@example.com';
  INSERT INTO notification (user_id, tconst, platform_id, created_at)
    SELECT u.id, m.tconst, 1, '2026-02-01 00:00:00.000000+00' FROM users_user u, (SELECT tconst FROM movie ORDER BY tconst LIMIT 1) m
    WHERE u.email = 'admin@example.com';"
digest="$(env "${mail_env[@]}" "$myvod" run-job mail-digest)"
echo "$digest" | grep '^mail-digest: succeeded {"recipients":1,"sent":1,"nothing_new":0,"failed":0}$' >/dev/null || fail "digest: $digest"
grep -q "^List-Unsubscribe-Post: List-Unsubscribe=One-Click" "$work/mail/2-admin@example.com.eml" \
  || fail "digest mail: $(ls "$work/mail")"
again="$(env "${mail_env[@]}" "$myvod" run-job mail-digest)"
echo "$again" | grep '"sent":0,"nothing_new":1' >/dev/null || fail "second digest: $again"

# What the model would be asked for a user: their history, and what streams on their platforms unwatched.
admin_id="$(sqlite3 "$work/cli.db" "SELECT id FROM users_user WHERE email = 'admin@example.com'")"
sqlite3 "$work/cli.db" "INSERT INTO user_platform (user_id, platform_id) VALUES ('$admin_id', 1);
  INSERT INTO user_movie (user_id, tconst, watched_at, user_rating) VALUES ('$admin_id', 'tt0111161', '2026-11-01 00:00:00.000000+00', 9);
  INSERT INTO movie_availability (tconst, platform_id, is_available, last_checked, source)
    VALUES ('tt0111161', 1, 1, '2026-11-01 00:00:00.000000+00', 'test'), ('tt0068646', 1, 1, '2026-11-01 00:00:00.000000+00', 'test')"
prompt="$("$myvod" suggestions-prompt --email admin@example.com 2>"$work/prompt.err")" || fail "suggestions-prompt"
echo "$prompt" | grep "^- The Shawshank Redemption (1994) - Genres: Drama - User's rating: 9/10$" >/dev/null \
  || fail "prompt history: $prompt"
echo "$prompt" | grep '^- \[tt0068646\] The Godfather (1972)' >/dev/null || fail "prompt candidates: $prompt"
echo "$prompt" | grep '^- \[tt0111161\]' >/dev/null && fail "a watched movie offered: $prompt"
grep -q "^prompt built in" "$work/prompt.err" || fail "prompt timing: $(cat "$work/prompt.err")"
unknown="$("$myvod" suggestions-prompt --email nobody@example.com 2>&1 || true)"
echo "$unknown" | grep "no user with the e-mail nobody@example.com" >/dev/null || fail "unknown user: $unknown"
second="$("$myvod" import-imdb --basics "$data/title.basics.tsv.gz" --ratings "$data/title.ratings.tsv.gz")"
echo "$second" | grep "movies: 1269 (imported 0, updated 0, unchanged 1269)" >/dev/null || fail "second import: $second"
[ "$(sqlite3 "$work/cli.db" "SELECT avg_rating, num_votes FROM movie WHERE tconst = 'tt0033467'")" = "8.2|487335" ] \
  || fail "ratings joined"
"$myvod" import-imdb --basics "$work/missing.tsv" >/dev/null 2>&1 && fail "missing file accepted"
# The other titles of the regions asked for (in any case), imported on their own after the basics; a title the
# movie already has is not stored again. Then what the command refuses.
printf 'titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n%s\n%s\n' \
  "tt0033467	1	Obywatel Kane	PL	\N	imdbDisplay	\N	0" "tt0033467	2	Citizen Kane	US	\N	\N	\N	0" >"$work/akas.tsv"
akas="$("$myvod" import-imdb --akas "$work/akas.tsv" --akas-regions pl,US)"
echo "$akas" | grep "other titles: added 1, removed 0" >/dev/null || fail "akas import: $akas"
[ "$(sqlite3 "$work/cli.db" "SELECT region || ':' || title FROM movie_aka")" = "PL:Obywatel Kane" ] || fail "akas stored"
"$myvod" import-imdb --akas "$work/akas.tsv" >/dev/null 2>&1 && fail "akas without regions accepted"
bad_region="$("$myvod" import-imdb --akas "$work/akas.tsv" --akas-regions "PL,P;L" 2>&1 || true)"
echo "$bad_region" | grep "not a region code such as PL or US: P;L" >/dev/null || fail "bad region: $bad_region"
"$myvod" import-imdb >/dev/null 2>&1 && fail "import-imdb without a file accepted"
# Every movie of the sample gets its poster from the fake TMDB, in one recorded run; a second run finds
# nothing missing.
key=0123456789abcdef0123456789abcdef
"$fake_tmdb" "$key" 0 >"$work/tmdb.url" &
tmdb=$!
for _ in $(seq 100); do [ -s "$work/tmdb.url" ] && break; sleep 0.05; done
export MYVOD_TMDB_API_KEY="$key" MYVOD_TMDB_BASE_URL="$(cat "$work/tmdb.url")" MYVOD_TMDB_REQUESTS_PER_SECOND=1000
fetched="$("$myvod" fetch-posters --missing 2>/dev/null)"
echo "$fetched" | grep "posters: found 1269, none 0, failed 0, skipped 0" >/dev/null || fail "fetch-posters: $fetched"
[ "$(sqlite3 "$work/cli.db" "SELECT poster_path FROM movie WHERE tconst = 'tt0033467'")" = \
  "https://image.tmdb.org/t/p/original/33467.jpg" ] || fail "stored poster"
again="$("$myvod" fetch-posters 2>/dev/null)"
echo "$again" | grep "posters: found 0, none 0, failed 0, skipped 0" >/dev/null || fail "second fetch-posters: $again"
[ "$(sqlite3 "$work/cli.db" "SELECT COUNT(*) FROM job_run WHERE job = 'posters' AND outcome = 'succeeded'")" = 2 ] \
  || fail "posters job runs"
unset MYVOD_TMDB_API_KEY MYVOD_TMDB_BASE_URL MYVOD_TMDB_REQUESTS_PER_SECOND

# Availability from the fake Watchmode: 300 sample movies per platform (two pages each), one recorded run,
# then a second run that changes nothing.
no_watchmode="$(MYVOD_WATCHMODE_API_KEY= "$myvod" sync-availability 2>&1 || true)"
echo "$no_watchmode" | grep "availability sync is off" >/dev/null || fail "sync without a key: $no_watchmode"
sqlite3 "$work/cli.db" "SELECT tconst FROM movie ORDER BY tconst" >"$work/tconsts.txt"
"$fake_watchmode" watchmode-key 0 300 "$work/tconsts.txt" >"$work/watchmode.url" &
watchmode=$!
for _ in $(seq 100); do [ -s "$work/watchmode.url" ] && break; sleep 0.05; done
export MYVOD_WATCHMODE_API_KEY=watchmode-key MYVOD_WATCHMODE_BASE_URL="$(cat "$work/watchmode.url")"
synced="$("$myvod" sync-availability --platform netflix --platform hbomax 2>/dev/null)"
echo "$synced" | grep "^Fetching page 2 for hbomax...$" >/dev/null || fail "sync lines: $synced"
# Two of Netflix's were stored as available above, for the prompt.
echo "$synced" | grep -Eq "^netflix +298 +2 +0 +0 +0  succeeded$" || fail "sync summary: $synced"
[ "$(sqlite3 "$work/cli.db" "SELECT COUNT(*) FROM movie_availability WHERE is_available AND platform_id IN (1, 2)")" \
  = 600 ] || fail "availability rows"
resynced="$("$myvod" sync-availability --platform netflix 2>/dev/null)"
echo "$resynced" | grep -Eq "^netflix +0 +300 +0 +0 +0  succeeded$" || fail "second sync: $resynced"
unknown="$("$myvod" sync-availability --platform nope 2>&1 || true)"
echo "$unknown" | grep "ERROR: Platform 'nope' not found in the database." >/dev/null || fail "unknown platform: $unknown"
[ "$(sqlite3 "$work/cli.db" "SELECT trigger || ' ' || outcome FROM job_run WHERE job = 'availability-sync' ORDER BY id" \
  | tr '\n' ,)" = "cli succeeded,cli succeeded,cli failed," ] || fail "sync job runs"
# An operator's platform: listed, synced like the fixed five, and refused when malformed or renaming one of them.
added="$("$myvod" platforms add --slug skyshowtime --name SkyShowtime --watchmode-source-id 371 2>/dev/null)"
echo "$added" | grep "platform skyshowtime added with id 6" >/dev/null || fail "platforms add: $added"
listed="$("$myvod" platforms list 2>/dev/null)"
echo "$listed" | grep -Eq "^6 +skyshowtime +SkyShowtime +371 +-$" || fail "platforms list: $listed"
"$myvod" platforms add --slug "Sky Showtime" --name X >/dev/null 2>&1 && fail "a malformed slug accepted"
"$myvod" platforms set netflix --name Nf >/dev/null 2>&1 && fail "a fixed platform renamed"
changed="$("$myvod" platforms set netflix --tmdb-provider-ids 8,1796 2>/dev/null)"
echo "$changed" | grep "platform netflix changed" >/dev/null || fail "platforms set: $changed"
operators="$("$myvod" sync-availability --platform skyshowtime 2>/dev/null)"
echo "$operators" | grep "^Synchronization for skyshowtime completed" >/dev/null || fail "sync of an operator's platform: $operators"
kill "$watchmode"
watchmode=""
unset MYVOD_WATCHMODE_API_KEY MYVOD_WATCHMODE_BASE_URL

# A user's lists from elsewhere: IMDb ratings (a dry run, then twice: the second changes nothing), then a bare
# Letterboxd CSV, told which list it is by its file name.
fan_rows() { sqlite3 "$work/cli.db" "SELECT tconst, user_rating, substr(watched_at, 1, 10), watchlisted_at IS NOT NULL
  FROM user_movie WHERE user_id = (SELECT id FROM users_user WHERE email = 'lists@example.com') ORDER BY tconst"; }
MYVOD_STAFF_PASSWORD=listsPassword456 "$myvod" create-staff-user --email lists@example.com >/dev/null
printf 'Const,Your Rating,Date Rated,Title,Year,Title Type\r\n%s\r\n%s\r\n' \
  'tt0068646,9,2021-03-04,"The Godfather",1972,Movie' 'tt0903747,8,2021-03-04,Breaking Bad,2008,TV Series' \
  >"$work/ratings.csv"
dry="$("$myvod" import-list --user lists@example.com --source imdb --dry-run "$work/ratings.csv")"
echo "$dry" | grep "^dry run: would add 1, update 0, leave 0 unchanged; skipped 1," >/dev/null || fail "import-list dry run: $dry"
[ -z "$(fan_rows)" ] || fail "a dry run wrote: $(fan_rows)"
imported="$("$myvod" import-list --user lists@example.com --source imdb "$work/ratings.csv")"
echo "$imported" | grep "^ratings line 3: skipped (not_a_movie) tt0903747$" >/dev/null || fail "import-list skipped: $imported"
echo "$imported" | grep "^added 1, updated 0, unchanged 0;" >/dev/null || fail "import-list: $imported"
[ "$(fan_rows)" = "tt0068646|9|2021-03-04|0" ] || fail "imported rows: $(fan_rows)"
again="$("$myvod" import-list --user lists@example.com --source imdb "$work/ratings.csv")"
echo "$again" | grep "^added 0, updated 0, unchanged 1;" >/dev/null || fail "import-list again: $again"
mkdir "$work/letterboxd"
printf 'Date,Name,Year,Letterboxd URI\n2022-01-01,The Godfather Part II,1974,https://boxd.it/x\n' \
  >"$work/letterboxd/watchlist.csv"
"$myvod" import-list --user lists@example.com --source letterboxd "$work/letterboxd/watchlist.csv" \
  | grep "^added 1," >/dev/null || fail "import-list of a Letterboxd watchlist"
[ "$(fan_rows | tail -1)" = "tt0071562|||1" ] || fail "Letterboxd row: $(fan_rows)"
nobody="$("$myvod" import-list --user nobody@example.com --source imdb "$work/ratings.csv" 2>&1 || true)"
[ "$nobody" = "myvod: no account has the e-mail nobody@example.com" ] || fail "import-list for nobody: $nobody"

# Starts `myvod serve` on a free port, logging to $1; sets $server and $port (the server logs the port).
serve_on_a_free_port() {
  MYVOD_LISTEN="127.0.0.1:0" "$myvod" serve >"$1" 2>&1 &
  server=$!
  wait_for_port "$1"
}

# A running server and an import in another process.
serve_on_a_free_port "$work/serve.log"
search() { curl -sf "http://127.0.0.1:$port/api/movies/?search=Zyxwquorp%20Lantern"; }
before="$(search)" || fail "search request failed: $(cat "$work/serve.log")"
echo "$before" | grep "Zyxwquorp" >/dev/null && fail "title present before its import"
printf 'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n%s\n' \
  "tt9900001	movie	Zyxwquorp Lantern	Zyxwquorp Lantern	0	2025	\N	90	Drama" >"$work/new.tsv"
"$myvod" import-imdb --basics "$work/new.tsv" >/dev/null
found="$(search)" || fail "search request failed: $(cat "$work/serve.log")"
echo "$found" | grep '"tconst":"tt9900001","primary_title":"Zyxwquorp Lantern"' >/dev/null || fail "fresh search: $found"

# An online backup while the server runs and registrations write, then a server on the restored copy.
writers=()
for i in 1 2 3 4 5; do
  curl -s -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"email\":\"writer$i@example.com\",\"password\":\"strongPassword123\"}" \
    "http://127.0.0.1:$port/api/register/" &
  writers+=("$!")
done
"$myvod" backup "$work/backup.db" | grep "^backup written to $work/backup.db (" >/dev/null || fail "backup"
wait "${writers[@]}"
again="$("$myvod" backup "$work/backup.db" 2>&1 || true)"
[ "$again" = "myvod: $work/backup.db exists; name a new file" ] || fail "backup over a file: $again"
pg="$(MYVOD_DATABASE_URL=postgresql://nobody@127.0.0.1:1/x "$myvod" backup "$work/pg.sql" 2>&1 || true)"
echo "$pg" | grep "pg_dump" >/dev/null || fail "backup of PostgreSQL: $pg"
[ -z "$(ls "$work" | grep partial || true)" ] || fail "a partial backup was left behind"
kill "$server"
wait "$server" 2>/dev/null || true
server=""
MYVOD_DATABASE_URL="sqlite:$work/backup.db" serve_on_a_free_port "$work/restored.log"
search | grep '"tconst":"tt9900001"' >/dev/null || fail "the backup lacks the imported title"
curl -sf -H 'Content-Type: application/json' -d '{"email":"admin@example.com","password":"adminPassword789"}' \
  "http://127.0.0.1:$port/api/token/" | grep '"refresh"' >/dev/null || fail "the backup's staff user cannot log in"
kill "$server"
wait "$server" 2>/dev/null || true
server=""
echo "1 passed, 0 failed"
