#include "jobs/job_runner.hpp"

#include <unistd.h>

#include "common/log.hpp"
#include "common/metrics.hpp"
#include "common/random.hpp"

namespace myvod::jobs {

void JobContext::heartbeat() {
  const Timestamp now = clock_.now();
  database_.with_store(
      [&](store::Store& store) { store.jobs().acquire_lease(job_, owner_, now, now + lease_); });
}

JobRunner::JobRunner(store::Database& database, const Clock& clock, std::string owner,
                     std::chrono::seconds lease)
    : database_(database), clock_(clock), owner_(std::move(owner)), lease_(lease) {}

std::optional<store::JobRun> JobRunner::run(const std::string& job, const std::string& trigger,
                                            const std::optional<Timestamp>& slot, const JobWork& work) {
  auto started = begin(job, trigger, slot);
  if (!started) return std::nullopt;
  return complete(*started, work);
}

std::optional<JobRunner::Started> JobRunner::begin(const std::string& job, const std::string& trigger,
                                                   const std::optional<Timestamp>& slot) {
  {
    std::lock_guard lock(running_mutex_);
    if (!running_.insert(job).second) return std::nullopt;
  }
  const Timestamp started = clock_.now();
  std::optional<long long> run_id;
  try {
    run_id = database_.with_store([&](store::Store& store) -> std::optional<long long> {
      auto jobs = store.jobs();
      if (!jobs.acquire_lease(job, owner_, started, started + lease_)) return std::nullopt;
      auto id = jobs.start_run(job, trigger, slot, started);
      if (!id) jobs.release_lease(job, owner_);
      return id;
    });
  } catch (...) {
    forget_running(job);
    throw;
  }
  if (!run_id) {
    forget_running(job);
    return std::nullopt;
  }
  return Started{*run_id, job, trigger, started};
}

store::JobRun JobRunner::complete(const Started& run, const JobWork& work) {
  // Plain references: a lambda below uses them, and clang does not let lambdas capture structured bindings.
  const long long run_id = run.run_id;
  const std::string& job = run.job;
  const std::string& trigger = run.trigger;
  const Timestamp started = run.started_at;
  JobContext context(database_, clock_, job, owner_, lease_);
  std::optional<std::string> error;
  try {
    work(context);
  } catch (const std::exception& failure) {
    error = failure.what();
    log::error("job failed", {{"job", job}, {"trigger", trigger}, {"error", failure.what()}});
  }
  const std::string outcome = error ? "failed" : "succeeded";
  const std::string counts = boost::json::serialize(context.counts);
  const Timestamp finished = clock_.now();
  static auto& runs = metrics::registry().counter(
      "myvod_job_runs_total", "Background job runs finished, by job and outcome.", {"job", "outcome"});
  static auto& durations = metrics::registry().histogram("myvod_job_duration_seconds",
                                                         "Time a background job run took, by job.", {"job"});
  runs.at({job, outcome}).add();
  durations.at({job}).observe(finished - started);
  struct Forget {
    JobRunner& runner;
    const std::string& job;
    ~Forget() { runner.forget_running(job); }
  } forget{*this, job};
  return database_.with_store([&](store::Store& store) {
    auto jobs = store.jobs();
    jobs.finish_run(run_id, outcome, counts, error, finished);
    jobs.release_lease(job, owner_);
    log::info("job finished",
              {{"job", job}, {"trigger", trigger}, {"outcome", outcome}, {"counts", context.counts}});
    return store::JobRun{run_id, job, trigger, started, finished, outcome, counts, error};
  });
}

void JobRunner::forget_running(const std::string& job) {
  std::lock_guard lock(running_mutex_);
  running_.erase(job);
}

std::string process_owner_name() {
  char host[256] = {};
  gethostname(host, sizeof host - 1);
  return std::string(host) + ":" + std::to_string(getpid()) + ":" + random_hex(4);
}

}  // namespace myvod::jobs
