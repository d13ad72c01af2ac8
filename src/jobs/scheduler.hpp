#pragma once
// The periodic jobs of `myvod serve`: each has a cron schedule (UTC) and runs through the JobRunner when
// its slot comes, on one server of the several that may share the database. tick() does one round and is
// what the tests call after moving the clock; start() runs it on a thread once a second.

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "domain/cron.hpp"
#include "jobs/job_runner.hpp"

namespace myvod::jobs {

struct ScheduledJob {
  std::string name;
  domain::CronSchedule schedule;
  JobWork work;
};

class Scheduler {
 public:
  Scheduler(JobRunner& runner, const Clock& clock, std::vector<ScheduledJob> jobs);
  ~Scheduler();
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs every job whose slot has come (one run per job, however many slots were missed) and computes
  // its next slot. Never throws: a failure is logged, and the job runs again at its next slot.
  void tick();

  void start();
  void stop();

 private:
  struct Entry {
    ScheduledJob job;
    std::optional<Timestamp> next;
  };

  JobRunner& runner_;
  const Clock& clock_;
  std::vector<Entry> entries_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace myvod::jobs
