#pragma once
// The background poster fetcher of `myvod serve`: answers hand it the movies they show that lack a fresh
// poster, and a few threads fetch them from TMDB (service::Posters, at the TMDB client's rate). The queue
// is bounded and holds each movie once; a movie whose fetch failed is not tried again for a while, so a
// TMDB outage costs one attempt per movie per interval, not one per page view.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "service/posters.hpp"

namespace myvod::jobs {

struct PosterWorkerOptions {
  unsigned threads = 2;
  size_t queue_limit = 10'000;
  std::chrono::seconds retry_failed_after{600};
};

class PosterWorker final : public service::PosterRequests {
 public:
  PosterWorker(service::Posters& posters, PosterWorkerOptions options, const Clock& clock);
  ~PosterWorker() override;
  PosterWorker(const PosterWorker&) = delete;
  PosterWorker& operator=(const PosterWorker&) = delete;

  void request(std::vector<std::string> tconsts) override;

  // Drops what is queued and waits for the fetches under way (each bounded by the client's timeouts).
  void stop();

 private:
  void work();

  service::Posters& posters_;
  PosterWorkerOptions options_;
  const Clock& clock_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::unordered_set<std::string> pending_;               // queued or being fetched
  std::unordered_map<std::string, Timestamp> failed_at_;  // last failure, to hold back retries
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace myvod::jobs
