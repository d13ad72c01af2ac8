#include "jobs/poster_worker.hpp"

#include "common/log.hpp"

namespace myvod::jobs {

PosterWorker::PosterWorker(service::Posters& posters, PosterWorkerOptions options, const Clock& clock)
    : posters_(posters), options_(options), clock_(clock) {
  for (unsigned i = 0; i < std::max(1u, options_.threads); ++i) threads_.emplace_back([this] { work(); });
}

PosterWorker::~PosterWorker() {
  stop();
}

void PosterWorker::request(std::vector<std::string> tconsts) {
  if (tconsts.empty()) return;
  const Timestamp now = clock_.now();
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  for (auto& tconst : tconsts) {
    if (queue_.size() >= options_.queue_limit) break;  // the next view asks again
    if (pending_.contains(tconst)) continue;
    if (const auto failed = failed_at_.find(tconst); failed != failed_at_.end()) {
      if (now - failed->second < options_.retry_failed_after) continue;
      failed_at_.erase(failed);
    }
    pending_.insert(tconst);
    queue_.push_back(std::move(tconst));
  }
  wake_.notify_all();
}

void PosterWorker::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
    queue_.clear();
  }
  wake_.notify_all();
  for (auto& thread : threads_) thread.join();
  threads_.clear();
}

void PosterWorker::work() {
  while (true) {
    std::string tconst;
    {
      std::unique_lock lock(mutex_);
      wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (stopping_) return;
      tconst = std::move(queue_.front());
      queue_.pop_front();
    }
    service::PosterOutcome outcome = service::PosterOutcome::failed;
    try {
      outcome = posters_.refresh(tconst, domain::PosterView::search);
    } catch (const std::exception& error) {
      // The database failed us; the movie will be asked for again by a later view.
      log::error("poster worker failed", {{"tconst", tconst}, {"error", error.what()}});
    }
    std::lock_guard lock(mutex_);
    pending_.erase(tconst);
    if (outcome == service::PosterOutcome::failed) {
      if (failed_at_.size() >= options_.queue_limit) failed_at_.clear();
      failed_at_[tconst] = clock_.now();
    }
  }
}

}  // namespace myvod::jobs
