#include "jobs/scheduler.hpp"

#include "common/log.hpp"

namespace myvod::jobs {

Scheduler::Scheduler(JobRunner& runner, const Clock& clock, std::vector<ScheduledJob> jobs)
    : runner_(runner), clock_(clock) {
  const Timestamp now = clock_.now();
  for (auto& job : jobs) {
    auto next = job.schedule.next_after(now);
    entries_.push_back({std::move(job), next});
  }
}

Scheduler::~Scheduler() {
  stop();
}

void Scheduler::tick() {
  for (auto& entry : entries_) {
    const Timestamp now = clock_.now();
    if (!entry.next || now < *entry.next) continue;
    const Timestamp slot = *entry.next;
    entry.next = entry.job.schedule.next_after(now);
    try {
      runner_.run(entry.job.name, "scheduled", slot, entry.job.work);
    } catch (const std::exception& error) {
      // The database failed while starting or finishing the run; the next slot tries again.
      log::error("scheduled job could not run", {{"job", entry.job.name}, {"error", error.what()}});
    }
  }
}

void Scheduler::start() {
  thread_ = std::thread([this] {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      tick();
      lock.lock();
      wake_.wait_for(lock, std::chrono::seconds(1), [this] { return stopping_; });
    }
  });
}

void Scheduler::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace myvod::jobs
