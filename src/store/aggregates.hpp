#pragma once
// The queries of each aggregate, as small classes over one connection (store.hpp hands them out). Each is
// implemented in the source file of its name.

#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/analytics.hpp"
#include "domain/availability.hpp"
#include "domain/list_files.hpp"
#include "domain/listing.hpp"
#include "domain/movie.hpp"
#include "domain/poster.hpp"
#include "domain/suggestions.hpp"
#include "domain/user.hpp"
#include "domain/user_movie.hpp"
#include "store/database_url.hpp"

namespace soci {
class session;
}

namespace myvod::store {

class Store;
class BoundQuery;

// What every aggregate has: the connection's session and its engine, for the few dialect differences.
class Aggregate {
 public:
  explicit Aggregate(Store& store) : store_(store) {}

 protected:
  soci::session& sql() const;
  Engine engine() const;
  Store& store_;
};

struct NewUser {
  std::string id;
  std::string email;
  std::string password_hash;
  bool is_staff = false;
  Timestamp date_joined;
};

// users.cpp
// An account as the operator's `myvod users list` shows it.
struct UserSummary {
  std::string id;
  std::string email;
  bool is_staff = false;
  bool is_active = true;
  Timestamp date_joined;
  std::optional<Timestamp> last_login;
};

class UserStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  // Every account by e-mail, or those whose e-mail contains `fragment` (case-insensitively).
  std::vector<UserSummary> list(const std::string& fragment);
  // The account with this e-mail, case-insensitively.
  std::optional<domain::User> find_by_email(const std::string& email);
  void set_staff(const std::string& user_id, bool is_staff);
  void set_active(const std::string& user_id, bool is_active);
  std::optional<domain::User> find_by_id(const std::string& id);
  std::optional<domain::User> find_for_login(const std::string& email_or_username);
  bool email_taken(const std::string& email);  // case-insensitive
  bool insert(const NewUser& user);            // false when the email or username is taken
  void set_password(const std::string& user_id, const std::string& password_hash);
  // Sets the new hash only while the stored one is still `current_hash`; false when it changed meanwhile.
  bool replace_password(const std::string& user_id, const std::string& current_hash,
                        const std::string& new_hash);
  bool remove(const std::string& user_id);
  // Locks the account's row until the transaction ends (PostgreSQL; SQLite's write lock already is), so that
  // one user's bulk changes apply one after the other; false when the account is gone.
  bool lock(const std::string& user_id);
};

// platforms.cpp
class PlatformStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  std::vector<domain::Platform> list();
  std::vector<domain::Platform> of_user(const std::string& user_id);
  void replace_for_user(const std::string& user_id, const std::vector<int>& platform_ids);
  // Every platform with the providers' names for its catalogue, by id.
  std::vector<domain::PlatformSource> sources();
  // A platform after the others (its id is the next free one); nothing when the slug is taken.
  std::optional<int> add(const domain::PlatformSource& platform);
  // Replaces the platform's name and provider ids; false when no platform has the slug.
  bool update(const domain::PlatformSource& platform);
};

// availability.cpp: what the availability sync reads and writes, one platform at a time.
struct AvailabilityWrite {
  long long added = 0;               // arriving titles that are in our catalog
  long long unmatched = 0;           // arriving titles that are not
  long long marked_unavailable = 0;  // titles that left
  long long notifications = 0;
};

class AvailabilityStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  std::vector<domain::StoredAvailability> of_platform(int platform_id);
  // Writes a plan made from of_platform() (the caller runs both in one transaction): marks the leaving
  // titles unavailable, refreshes the kept ones, upserts the arriving ones that are in the catalog (with
  // the provider's id in movie.<provider_id_column> when the movie has none yet), and notifies the users
  // who watchlist a newsworthy one and have the platform.
  AvailabilityWrite apply(int platform_id, const domain::AvailabilityPlan& plan, const std::string& source,
                          const std::optional<std::string>& provider_id_column, Timestamp now);
  // The movies of our catalog whose TMDB id is known, by TMDB id.
  std::map<long long, std::string> tconsts_of_tmdb_ids(const std::vector<long long>& tmdb_ids);
  // Records TMDB ids (tconst, id) of movies that have none yet; titles not in the catalog are skipped.
  void remember_tmdb_ids(const std::vector<std::pair<std::string, long long>>& ids);

 private:
  // A timestamp for a column, bound in a SELECT list.
  BoundQuery& bind_timestamp(BoundQuery& query, const std::string& timestamp);
};

struct OutstandingToken {
  std::string jti;
  std::string token;
  std::string user_id;
  Timestamp created_at;
  Timestamp expires_at;
};

// tokens.cpp: refresh-token records and their blacklist.
class TokenStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  void record_outstanding(const OutstandingToken& token);
  bool is_blacklisted(const std::string& jti);
  // Blacklists `old_token` (recording it first if it was never recorded). False when it already was: a
  // concurrent rotation of the same refresh token loses here, on the database's UNIQUE constraint.
  bool blacklist(const OutstandingToken& old_token, Timestamp at);
  // Blacklists every refresh token of the user that has not expired (a password reset ends all sessions).
  long long blacklist_all_of_user(const std::string& user_id, Timestamp at);
};

// settings.cpp
class SettingStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  // Stores `value` under `key` unless a value is there already; returns the value in force.
  std::string get_or_insert(const std::string& key, const std::string& value);
};

// What an import of titles writes: IMDb's ratings come in a file of their own, which may not be given.
enum class MovieColumns { without_ratings, with_ratings };

// One of IMDb's other titles of a movie (title.akas): the title it has in a region.
struct Aka {
  std::string tconst;
  std::string region;  // IMDb's code: PL, US, XWW...
  std::string title;
};

// What applying an import of other titles changed.
struct AkaChanges {
  long long added = 0;
  long long removed = 0;
};

// catalog.cpp: movies, their other titles and genres.
class CatalogStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  long long count_movies();
  // Inserts new titles and updates changed ones; returns how many rows were inserted or changed. A change
  // marks the catalog changed (see version). Without ratings, stored titles keep theirs. Called inside a
  // transaction: on PostgreSQL the batch passes through a staging table of the session, which a
  // transaction-mode pooler keeps only for the length of one.
  long long upsert_movies(const std::vector<domain::Movie>& movies, MovieColumns columns, Timestamp now);
  // Other titles arrive a batch at a time (stage_akas) into a staging table of the session and are then
  // applied at once, so that a file of fifty million lines never sits in memory: the stored other titles of
  // `regions` become those staged, less the ones of no movie and those equal to the movie's primary or
  // original title. Only the difference is written, and a change marks the catalog changed. Called inside one
  // transaction, like upsert_movies.
  void stage_akas(const std::vector<Aka>& akas);
  AkaChanges apply_staged_akas(const std::vector<std::string>& regions);
  // Calls `visit` with the tconst of every movie, in no particular order.
  void for_each_tconst(const std::function<void(const std::string&)>& visit);
  void add_genres(const std::set<std::string>& names);
  std::vector<std::string> list_genres();  // in byte order on both engines
  bool movie_exists(const std::string& tconst);
  // Calls `visit` for every movie (its titles, other titles included, the ranking fields and the poster
  // fields), in tconst order, a bounded batch at a time.
  void for_each_title(const std::function<void(const domain::Movie&)>& visit);
  // The movies of `tconsts` that exist, as answers show them, in no particular order.
  std::vector<domain::Movie> movies(const std::vector<std::string>& tconsts);
  // Calls `visit` for each movie of `year` (those without a year when absent): tconst, both titles, year and
  // votes, which is what matching a title and year needs.
  void for_each_title_of_year(std::optional<int> year,
                              const std::function<void(const domain::Movie&)>& visit);
  // A token that changes with every write to the catalog, so that each server can tell its search index
  // is stale even when another process imported.
  std::string version();
  // The catalog version and the number of the last poster write (PosterStore::save), read by one statement:
  // what a search checks its in-memory copy of the catalog against.
  struct Versions {
    std::string catalog;
    long long poster_change = 0;
  };
  Versions versions();

 private:
  void mark_changed();
};

// posters.cpp: the poster columns of movie (TMDB's answers), apart from the imported catalog.
class PosterStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  struct Target {
    domain::PosterState state;
    std::optional<long long> tmdb_id;
  };
  // Nothing when the movie does not exist.
  std::optional<Target> find(const std::string& tconst);
  // Records TMDB's answer: when it answered, the poster (kept as it was when absent) and TMDB's id (kept
  // when absent). The write takes the next poster-change number (CatalogStore::versions), so that the
  // servers' in-memory search results pick it up.
  void save(const std::string& tconst, const std::optional<long long>& tmdb_id,
            const std::optional<std::string>& poster_path, Timestamp checked_at);
  // The poster fields of the movies written after poster change `seen`, in no particular order.
  std::vector<domain::PosterChange> changes_since(long long seen);
  // Up to `limit` movies after `after` in tconst order: all of them, or (`missing_only`) those without a
  // poster whose last answer is older than `answered_before` or absent.
  std::vector<std::string> page_of_movies(bool missing_only, Timestamp answered_before,
                                          const std::string& after, int limit);
  long long count_movies(bool missing_only, Timestamp answered_before);
};

// integration_log.cpp: failed calls to TMDB, Watchmode, the AI provider, SMTP.
struct IntegrationError {
  std::string api_type;  // "tmdb", "watchmode", "gemini", "openai", "smtp"
  std::string message;
  std::string details_json;  // a JSON object
  std::optional<std::string> user_id;
  Timestamp occurred_at;
};

class IntegrationLogStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  void record(const IntegrationError& error);
  long long count(const std::string& api_type);
};

// notifications.cpp: "now streaming on your services", always of the caller.
struct Notification {
  long long id = 0;
  Timestamp created_at;
  std::optional<Timestamp> read_at;
  domain::Movie movie;
  domain::Platform platform;
};

struct NotificationSlice {
  long long total = 0;
  std::vector<Notification> items;
};

class NotificationStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  // Newest first, with the total through COUNT(*) OVER ().
  NotificationSlice page(const std::string& user_id, bool unread_only, long long offset, int limit);
  long long count(const std::string& user_id, bool unread_only);
  // Marks the caller's unread notifications among `ids` (or all of them, when `ids` is empty) read.
  long long mark_read(const std::string& user_id, const std::vector<long long>& ids, Timestamp now);
};

// preferences.cpp: a user's mail settings (no row: the defaults) and what the weekly digest reads.
struct MailPreferences {
  bool email_notifications = false;
  std::string language = "pl";
  std::optional<std::string> confirmed_email;  // the address whose confirmation link was followed
  std::optional<Timestamp> digest_since;       // the next digest lists notifications after it
};

struct DigestRecipient {
  std::string user_id;
  std::string email;
  std::string language;
  std::optional<Timestamp> since;
};

struct DigestItem {
  std::string title;
  std::optional<int> year;
  std::string platform;
};

class PreferenceStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  MailPreferences of_user(const std::string& user_id);
  // The caller's row, created with the defaults when missing, and locked until the transaction ends, so
  // that two changes at once apply one after the other. Call inside a transaction.
  MailPreferences lock(const std::string& user_id);
  void save(const std::string& user_id, const MailPreferences& preferences);
  // Active users with e-mail notifications on whose current address is the confirmed one, by id.
  std::vector<DigestRecipient> digest_recipients();
  // The user's notifications created in (after, until], oldest first, at most `limit`.
  std::vector<DigestItem> digest_items(const std::string& user_id, std::optional<Timestamp> after,
                                       Timestamp until, int limit);
  void set_digest_since(const std::string& user_id, Timestamp since);
};

// analytics.cpp: the staff's usage figures and the integration error log (api-contract.md §3.15). These
// read every user's rows, by design: only staff reach them.
struct UsageTotals {
  long long active = 0;
  long long joined_before_7_days = 0;  // active users who joined at least 7 days ago
  long long retained_7_days = 0;       // ... and have any user_movie row
  long long joined_before_30_days = 0;
  long long retained_30_days = 0;
  // These count every user, active or not, as the original's do; only their denominator (the active users)
  // filters.
  long long users_with_10_movies = 0;  // counting rows not removed from the watchlist
  long long users_with_movies = 0;
  long long movies = 0;  // rows not removed from the watchlist, over all users
  long long users_added_from_ai = 0;
  long long users_asked_ai = 0;  // users with a suggestion batch
};

struct TopMovie {
  std::string tconst;
  std::string primary_title;
  std::optional<int> start_year;
  long long count = 0;
};

struct ErrorLogFilter {
  std::vector<std::string> api_types;  // none: every type
  std::optional<Timestamp> from;       // occurred at or after
  std::optional<Timestamp> before;     // occurred before
  std::optional<std::string> user_id;
  bool oldest_first = false;
};

struct ErrorLogEntry {
  long long id = 0;
  Timestamp occurred_at;
  std::string api_type;
  std::string error_message;
  std::optional<std::string> user_id;
};

struct ErrorLogSlice {
  long long total = 0;
  std::vector<ErrorLogEntry> items;
};

class AnalyticsStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  UsageTotals usage_totals(Timestamp now);
  // Active users who joined at or after `since`, with their first watchlisting.
  std::vector<domain::Joiner> joiners_since(Timestamp since);
  // The 10 movies most often put on watchlists (kept there) or watched since `since`, most first, then by
  // title and tconst.
  std::vector<TopMovie> top_movies(domain::TopMoviesList list, const std::optional<Timestamp>& since);
  // One page in the filter's order (occurred_at, then id) and the number of entries the filter matches.
  ErrorLogSlice error_logs(const ErrorLogFilter& filter, long long offset, int limit);
  // Up to `limit` entries that come after `after` in the filter's order (from the start when nothing): an
  // export reads the log this way, a piece at a time, with no cursor held open between pieces.
  std::vector<ErrorLogEntry> error_logs_after(const ErrorLogFilter& filter,
                                              const std::optional<ErrorLogEntry>& after, int limit);

 private:
  void append_filter(BoundQuery& query, const ErrorLogFilter& filter);
  std::vector<ErrorLogEntry> read_error_logs(BoundQuery& query);
};

// jobs.cpp: leases (one runner of a job across servers) and runs.
struct JobRun {
  long long id = 0;
  std::string job;
  std::string trigger;  // "scheduled", "cli", "staff"
  Timestamp started_at;
  std::optional<Timestamp> finished_at;
  std::string outcome;      // "running", "succeeded", "failed"
  std::string counts_json;  // a JSON object
  std::optional<std::string> error;
};

class JobStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  // Takes the lease of `job` for `owner` until `until` when it is free, expired or already `owner`'s.
  bool acquire_lease(const std::string& job, const std::string& owner, Timestamp now, Timestamp until);
  void release_lease(const std::string& job, const std::string& owner);
  // Whether someone holds the lease now (it exists and has not expired).
  bool lease_held(const std::string& job, Timestamp now);
  // The new run's id; nothing when `slot` (a scheduled run's time) already has a run of `job`.
  std::optional<long long> start_run(const std::string& job, const std::string& trigger,
                                     const std::optional<Timestamp>& slot, Timestamp now);
  void finish_run(long long id, const std::string& outcome, const std::string& counts_json,
                  const std::optional<std::string>& error, Timestamp now);
  // Newest first; `job` empty: every job.
  std::vector<JobRun> recent_runs(const std::string& job, int limit);
};

// retention.cpp: what the housekeeping job deletes.
// attempts.cpp: the attempts the limits count (service/attempt_limits.hpp), by scope and subject.
class AttemptStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  // The subject's counted attempts, oldest first, with its row locked until the transaction ends: two
  // servers reserving for one subject take turns. A missing row is made, empty, to expire at `expires_at`.
  std::deque<Timestamp> lock(const std::string& scope, const std::string& subject, Timestamp expires_at);
  void save(const std::string& scope, const std::string& subject, const std::deque<Timestamp>& attempts,
            Timestamp expires_at);
};

class RetentionStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  long long delete_expired_tokens(Timestamp now);
  long long delete_error_logs_before(Timestamp cutoff);
  long long delete_job_runs_before(Timestamp cutoff);
  long long delete_suggestion_batches_before(Timestamp cutoff);
  // Leases nobody renewed: a finished suggestion's, or a crashed runner's (an expired lease is free anyway).
  long long delete_expired_leases(Timestamp now);
  // Subjects whose counted attempts have all left their window.
  long long delete_expired_attempts(Timestamp now);
  // Lets SQLite refresh its planner statistics; nothing to do on PostgreSQL, whose autovacuum does it.
  void optimize();
};

struct SuggestionBatch {
  long long id = 0;
  Timestamp generated_at;
  Timestamp expires_at;
  std::string prompt;
  std::string response_json;  // {platform name: [{tconst, justification}, ...]}
};

// suggestions.cpp: what AI suggestions read and keep; every query takes the caller's id.
class SuggestionStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  // The caller's newest batch generated at or after `since`.
  std::optional<SuggestionBatch> latest_since(const std::string& user_id, Timestamp since);
  void insert(const std::string& user_id, const SuggestionBatch& batch);
  // Up to `limit` movies actively on the watchlist or watched, most recently watched first, then most
  // recently added (movies never watched first, as PostgreSQL's DESC orders NULLs).
  std::vector<domain::TasteMovie> taste(const std::string& user_id, int limit);
  // Every movie the caller has marked watched (rows whose watched_at is set).
  std::set<std::string> watched(const std::string& user_id);
  // Up to `limit` movies streaming on the platform that the caller has not watched, most voted first.
  std::vector<domain::Candidate> candidates(const std::string& user_id, int platform_id, int limit);
  // For each of `tconsts`, which of `platform_ids` stream it now.
  std::map<std::string, std::vector<int>> streaming_on(const std::vector<std::string>& tconsts,
                                                       const std::vector<int>& platform_ids);
};

// One item of the watchlist, the watched history or the on-VOD list, with every availability row of its
// movie (by platform id); which of them the client sees is the caller's rule.
struct UserMovieItem {
  std::optional<long long> id;  // absent on the on-VOD list when the caller has no row for the movie
  domain::Movie movie;
  domain::UserMovieState state;
  std::vector<domain::AvailabilityRow> availability;
};

struct UserMovieRow {
  long long id = 0;
  domain::UserMovieState state;
};

// GET /api/user-movies/ filters; the caller is always part of it.
struct UserMovieFilter {
  std::string user_id;
  std::optional<domain::WatchStatus> status;
  domain::UserMovieOrdering ordering = domain::UserMovieOrdering::newest_row;
  std::optional<bool> is_available;               // on the platforms in force
  std::vector<int> platforms_in_force;            // the user's platforms, or the requested ones
  bool available_on_requested_platforms = false;  // platform_ids was given: keep movies available there
  std::vector<std::string> genres;                // any of them
};

// One page of a list and the size of the whole list (0 when the page is empty).
struct ItemSlice {
  long long total = 0;
  std::vector<UserMovieItem> items;
};

// user_movies.cpp: every query takes the caller's id. A list page costs one query for the page and one for
// the availability of its movies, whatever its size.
class UserMovieStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  long long count(const UserMovieFilter& filter);
  ItemSlice list(const UserMovieFilter& filter, long long offset, int limit);
  std::optional<UserMovieItem> find(const std::string& user_id, long long id);
  // The caller's row, locked until the transaction ends (PostgreSQL; SQLite's writer lock already is).
  std::optional<UserMovieRow> lock(const std::string& user_id, const std::string& tconst);
  std::optional<UserMovieRow> lock(const std::string& user_id, long long id);
  // The new row's id; nothing when the user already has a row for the movie (a concurrent insert won).
  std::optional<long long> insert(const std::string& user_id, const std::string& tconst,
                                  const domain::UserMovieState& state);
  void update(const std::string& user_id, long long id, const domain::UserMovieState& state);

  // Every row of the caller by movie, locked until the transaction ends (as lock() does): what an import
  // plans against.
  std::map<std::string, UserMovieRow> lock_all(const std::string& user_id);
  // Inserts the rows a user has none of yet, a few hundred per statement; returns the movies whose row was
  // inserted (a concurrent write may have created the others meanwhile).
  std::set<std::string> insert_many(const std::string& user_id,
                                    const std::vector<std::pair<std::string, domain::UserMovieState>>& rows);
  // Every row of the caller, on a list or not, with its movie, oldest first: what the exports write.
  std::vector<domain::OwnedMovie> exported(const std::string& user_id);
};

// GET /api/on-vod-movies/ filters.
struct OnVodFilter {
  std::string user_id;
  std::vector<int> platform_ids;  // empty: any platform
  domain::OnVodOrdering ordering = domain::OnVodOrdering::added_desc;
  std::vector<std::string> genres;
  bool exclude_watched = false;
  bool exclude_watchlisted = false;
  bool exclude_unassigned = false;
};

// on_vod.cpp
class OnVodStore : Aggregate {
 public:
  using Aggregate::Aggregate;
  long long count(const OnVodFilter& filter);
  ItemSlice list(const OnVodFilter& filter, long long offset, int limit);
};

}  // namespace myvod::store
