#pragma once
// The availability sync as a job: the same work whether the schedule, `myvod sync-availability` or a staff
// trigger starts it, one run at a time across every server (the job's lease), each run a job_run row with
// the per-platform counts. A staff trigger runs it on the launcher's own thread and streams its lines.

#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "jobs/job_runner.hpp"
#include "service/availability_sync.hpp"

namespace myvod::jobs {

// The job's work for `platform_slugs` (slugs, or service::kAllPlatforms), one after the other. `progress`
// gets the lines; the lease is renewed after each page. A run in which any platform failed is recorded as
// failed, with the failures as its error, after every other platform was synced.
JobWork availability_sync_job(service::AvailabilitySync& sync, std::vector<std::string> platform_slugs,
                              service::SyncProgress progress);

// Runs staff-triggered syncs on its own thread, one at a time.
class AvailabilityLauncher final : public service::SyncLauncher {
 public:
  AvailabilityLauncher(JobRunner& runner, service::AvailabilitySync& sync) : runner_(runner), sync_(sync) {}
  ~AvailabilityLauncher() override { stop(); }

  bool launch(std::string platform_slug, std::function<void(const std::string&)> line,
              std::function<void()> done) override;
  // Asks a running sync to stop after its current page (it changes nothing for that platform) and waits.
  void stop();

 private:
  JobRunner& runner_;
  service::AvailabilitySync& sync_;
  std::mutex mutex_;
  std::jthread thread_;
};

}  // namespace myvod::jobs
