#include "service/platforms.hpp"

#include "common/log.hpp"

namespace myvod::service {

PlatformDirectory::PlatformDirectory(Runtime& runtime, std::vector<domain::Platform> initial,
                                     std::chrono::seconds max_age)
    : runtime_(runtime),
      max_age_(max_age),
      list_(std::make_shared<const std::vector<domain::Platform>>(std::move(initial))),
      read_at_(runtime.clock().now()) {}

boost::asio::awaitable<PlatformDirectory::List> PlatformDirectory::current() {
  List list;
  {
    std::lock_guard lock(mutex_);
    list = list_;
    if (reading_ || runtime_.clock().now() - read_at_ < max_age_) co_return list;
    reading_ = true;
  }
  std::optional<std::vector<domain::Platform>> fresh;
  try {
    fresh = co_await runtime_.db([](store::Store& store) { return store.platforms().list(); });
  } catch (const std::exception& failure) {
    // The copy in hand still answers; the next caller tries again.
    log::warn("platforms not read again", {{"error", failure.what()}});
  }
  std::lock_guard lock(mutex_);
  reading_ = false;
  if (fresh) {
    list_ = std::make_shared<const std::vector<domain::Platform>>(std::move(*fresh));
    read_at_ = runtime_.clock().now();
  }
  co_return list_;
}

}  // namespace myvod::service
