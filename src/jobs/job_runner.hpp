#pragma once
// Runs one run of a job: takes the job's lease (so that one runner at a time does it, across every server
// on the database), records a job_run row (trigger, times, outcome, counts, error), runs the work, and
// records how it ended. A job that throws is recorded as failed and logged; it never takes the caller down.

#include <boost/json.hpp>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "common/clock.hpp"
#include "store/database.hpp"

namespace myvod::jobs {

// What a running job may do besides its work: report counts, and renew its lease when it runs long.
class JobContext {
 public:
  JobContext(store::Database& database, const Clock& clock, std::string job, std::string owner,
             std::chrono::seconds lease)
      : database_(database), clock_(clock), job_(std::move(job)), owner_(std::move(owner)), lease_(lease) {}

  boost::json::object counts;
  // Extends the lease; a job that runs longer than the lease calls it now and then.
  void heartbeat();
  const Clock& clock() const { return clock_; }

 private:
  store::Database& database_;
  const Clock& clock_;
  std::string job_;
  std::string owner_;
  std::chrono::seconds lease_;
};

using JobWork = std::function<void(JobContext&)>;

class JobRunner {
 public:
  // `owner` names this process in lease rows (host, pid and a random part).
  JobRunner(store::Database& database, const Clock& clock, std::string owner,
            std::chrono::seconds lease = std::chrono::minutes(10));

  // A run that holds its job's lease and has its job_run row, and has yet to do its work.
  struct Started {
    long long run_id;
    std::string job;
    std::string trigger;
    Timestamp started_at;
  };

  // The run as recorded; nothing when another runner holds the lease, or when `slot` (a scheduled run)
  // already ran on another server.
  std::optional<store::JobRun> run(const std::string& job, const std::string& trigger,
                                   const std::optional<Timestamp>& slot, const JobWork& work);

  // run() in two steps, for a caller that must know whether the job can start before it does the work
  // elsewhere (a staff trigger answers 409 at once, then streams the work from another thread).
  std::optional<Started> begin(const std::string& job, const std::string& trigger,
                               const std::optional<Timestamp>& slot);
  store::JobRun complete(const Started& run, const JobWork& work);

  const std::string& owner() const { return owner_; }

 private:
  void forget_running(const std::string& job);

  store::Database& database_;
  const Clock& clock_;
  std::string owner_;
  std::chrono::seconds lease_;
  // The jobs running in this process: the lease keeps other servers out, but its owner may renew it, so
  // a second run here (a staff trigger during the scheduled run) is kept out by this set.
  std::mutex running_mutex_;
  std::set<std::string> running_;
};

// A lease owner name for this process.
std::string process_owner_name();

}  // namespace myvod::jobs
