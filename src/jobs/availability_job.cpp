#include "jobs/availability_job.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace myvod::jobs {

JobWork availability_sync_job(service::AvailabilitySync& sync, std::vector<std::string> platform_slugs,
                              service::SyncProgress progress) {
  return [&sync, platform_slugs = std::move(platform_slugs),
          progress = std::move(progress)](JobContext& context) {
    service::SyncProgress with_lease = progress;
    with_lease.heartbeat = [&context] { context.heartbeat(); };
    std::vector<std::string> failures;
    for (const auto& slug : platform_slugs) {
      auto failed = sync.run(slug, with_lease, context.counts);
      failures.insert(failures.end(), failed.begin(), failed.end());
    }
    if (!failures.empty()) throw std::runtime_error(fmt::format("{}", fmt::join(failures, "; ")));
  };
}

bool AvailabilityLauncher::launch(std::string platform_slug, std::function<void(const std::string&)> line,
                                  std::function<void()> done) {
  std::lock_guard lock(mutex_);
  auto started = runner_.begin(service::kAvailabilitySyncJob, "staff", std::nullopt);
  if (!started) return false;
  // The previous run has released the job (begin() succeeded), so its thread is at most closing its stream.
  if (thread_.joinable()) thread_.join();
  thread_ = std::jthread([this, started = *started, platform_slug = std::move(platform_slug),
                          line = std::move(line), done = std::move(done)](std::stop_token stop) {
    service::SyncProgress progress{line};
    progress.stop = stop;
    try {
      runner_.complete(started, availability_sync_job(sync_, {platform_slug}, progress));
    } catch (const std::exception& failure) {
      // The run's own failures are recorded by complete(); this is the database failing to record them.
      line("ERROR: " + std::string(failure.what()));
    }
    done();
  });
  return true;
}

void AvailabilityLauncher::stop() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) {
    thread_.request_stop();
    thread_.join();
  }
}

}  // namespace myvod::jobs
