#pragma once
// The availability sync: for each platform, pull the provider's whole list of what streams there now, then
// write what changed in one short transaction (never holding SQLite's write lock across network calls).
// A pull that fails on any page, or is stopped, changes nothing for that platform: a title missing from a
// partial listing has not left (the original marked everything unavailable when a call failed). The
// lines it reports are the contract's (api-contract.md §5.2, §3.14): the staff trigger streams them, the CLI
// prints them. Synchronous: it runs on a job's thread, never on a request's path.

#include <boost/json.hpp>
#include <functional>
#include <set>
#include <stop_token>
#include <string>

#include "clients/tmdb.hpp"
#include "clients/watchmode.hpp"
#include "domain/availability.hpp"
#include "store/database.hpp"

namespace myvod::service {

// The job's name in job_lease and job_run: one sync at a time across every server, whoever started it.
inline constexpr const char* kAvailabilitySyncJob = "availability-sync";
// The platform_slug that asks for every platform, in id order.
inline constexpr const char* kAllPlatforms = "__all__";

// Where a running sync reports.
struct SyncProgress {
  std::function<void(const std::string& line)> line;
  // After each page: the platform, the page just read and how many there are.
  std::function<void(const std::string& slug, int page, int total_pages)> page = {};
  // Called between pages, so that a long sync keeps its lease.
  std::function<void()> heartbeat = {};
  std::stop_token stop = {};
};

// Where availability comes from: Watchmode's list-titles, or TMDB's discover (flat-rate offers in the
// region) with each TMDB id resolved to an IMDb id once and remembered in movie.tmdb_id.
struct AvailabilitySource {
  clients::Watchmode* watchmode = nullptr;  // set for Watchmode
  clients::Tmdb* tmdb = nullptr;            // set for TMDB (when watchmode is not)
  std::string region = "PL";
};

class AvailabilitySync {
 public:
  // A source with neither client means sync is not configured, and each platform says so.
  AvailabilitySync(store::Database& database, AvailabilitySource source, const Clock& clock)
      : database_(database), source_(std::move(source)), clock_(clock) {}

  // Syncs `platform_slug` (or kAllPlatforms). Per-platform counts go into `counts` under the slug. Returns
  // the failures ("netflix: GET ...: HTTP 500"), empty when every platform synced.
  std::vector<std::string> run(const std::string& platform_slug, SyncProgress& progress,
                               boost::json::object& counts);

  bool configured() const { return source_.watchmode || source_.tmdb; }

 private:
  using Listing = Expected<std::vector<domain::ListedTitle>, std::string>;

  // One platform; its failure, if any.
  std::optional<std::string> sync_platform(const std::string& slug, SyncProgress& progress,
                                           boost::json::object& counts);
  // The platform's whole listing from Watchmode, or its failure (already reported in lines and the log).
  Listing pull_watchmode(const std::string& slug, long long source_id, SyncProgress& progress);
  // The same from TMDB: every page of every discover query, then the IMDb ids of the movies found.
  Listing pull_tmdb(const std::string& slug, const std::vector<long long>& provider_ids,
                    SyncProgress& progress);
  Listing imdb_ids_of(const std::string& slug, const std::set<long long>& tmdb_ids, SyncProgress& progress);
  // The TMDB provider ids of a platform: the stored ones (the defaults are Poland's), or in another
  // region, or when none are stored, those TMDB lists under the platform's name.
  Expected<std::vector<long long>, std::string> tmdb_providers(const domain::PlatformSource& platform,
                                                               SyncProgress& progress);
  // Records a failed call (integration_error_log, the log, a line) and returns its message.
  std::string failed_call(const std::string& slug, const clients::HttpFailure& failure,
                          const std::string& line, boost::json::object details, SyncProgress& progress);

  store::Database& database_;
  AvailabilitySource source_;
  const Clock& clock_;
  std::optional<std::vector<clients::TmdbProvider>> tmdb_provider_list_;  // asked once per run
};

// Where a staff trigger starts a sync without waiting for it (jobs/ implements it; handlers see only this).
class SyncLauncher {
 public:
  virtual ~SyncLauncher() = default;
  // Starts syncing `platform_slug` on another thread; `line` gets each line as it happens and `done` is
  // called once at the end. False, with neither called, when a sync is already running anywhere.
  virtual bool launch(std::string platform_slug, std::function<void(const std::string&)> line,
                      std::function<void()> done) = 0;
};

}  // namespace myvod::service
