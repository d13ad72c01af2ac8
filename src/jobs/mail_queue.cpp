#include "jobs/mail_queue.hpp"

#include "common/log.hpp"

namespace myvod::jobs {

MailQueue::MailQueue(std::function<std::unique_ptr<service::MailDelivery>(service::Pause)> make_delivery,
                     MailQueueOptions options)
    : options_(options),
      delivery_(make_delivery([this](std::chrono::milliseconds duration) { return pause(duration); })),
      worker_([this] { run(); }) {}

MailQueue::~MailQueue() {
  stop();
}

bool MailQueue::send(service::OutgoingMail mail) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || queued_.size() >= options_.capacity) return false;
    queued_.push_back({std::move(mail), std::chrono::steady_clock::now() + options_.hold});
  }
  changed_.notify_all();
  return true;
}

void MailQueue::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
  }
  changed_.notify_all();
  if (worker_.joinable()) worker_.join();
}

bool MailQueue::pause(std::chrono::milliseconds duration) {
  std::unique_lock lock(mutex_);
  return !changed_.wait_for(lock, duration, [this] { return stopping_; });
}

void MailQueue::run() {
  std::optional<std::chrono::steady_clock::time_point> drain_until;
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
    if (stopping_ && !drain_until) drain_until = std::chrono::steady_clock::now() + options_.drain;
    if (queued_.empty() || (drain_until && std::chrono::steady_clock::now() >= *drain_until)) break;
    // Held until its time, unless a stop comes first.
    const auto not_before = queued_.front().not_before;
    if (!stopping_ && changed_.wait_until(lock, not_before, [this] { return stopping_; })) continue;
    service::OutgoingMail mail = std::move(queued_.front().mail);
    queued_.pop_front();
    lock.unlock();
    try {
      delivery_->deliver(mail);
    } catch (const std::exception& error) {
      log::error("mail delivery failed", {{"error", error.what()}});
    }
    lock.lock();
  }
  if (!queued_.empty()) log::warn("mail left unsent at shutdown", {{"mails", queued_.size()}});
}

}  // namespace myvod::jobs
