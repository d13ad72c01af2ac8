#pragma once
// The availability sync: for each platform, pull the provider's whole list of what streams there now, then
// write what changed in one short transaction (never holding SQLite's write lock across network calls).
// A pull that fails on any page, or is stopped, changes nothing for that platform: a title missing from a
// partial listing has not left (the original marked everything unavailable when a call failed). The
// lines it reports are the contract's (api-contract.md §5.2, §3.14): the staff trigger streams them, the CLI
// prints them. Synchronous: it runs on a job's thread, never on a request's path.

#include <boost/json.hpp>
#include <functional>
#include <stop_token>
#include <string>

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

class AvailabilitySync {
 public:
  // `watchmode` may be null: sync is not configured, and each platform says so.
  AvailabilitySync(store::Database& database, clients::Watchmode* watchmode, const Clock& clock)
      : database_(database), watchmode_(watchmode), clock_(clock) {}

  // Syncs `platform_slug` (or kAllPlatforms). Per-platform counts go into `counts` under the slug. Returns
  // the failures ("netflix: GET ...: HTTP 500"), empty when every platform synced.
  std::vector<std::string> run(const std::string& platform_slug, SyncProgress& progress,
                               boost::json::object& counts);

 private:
  // One platform; its failure, if any.
  std::optional<std::string> sync_platform(const std::string& slug, SyncProgress& progress,
                                           boost::json::object& counts);
  // The platform's whole listing, or its failure (already reported in lines and the error log).
  Expected<std::vector<domain::ListedTitle>, std::string> pull(const domain::PlatformSource& platform,
                                                               long long source_id, SyncProgress& progress);

  store::Database& database_;
  clients::Watchmode* watchmode_;
  const Clock& clock_;
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
