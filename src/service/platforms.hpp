#pragma once
// The platforms every answer names, kept in memory and read again when the copy is a few seconds old: an
// operator adds a platform with `myvod platforms add` (on any server of the several that may share the
// database), and every running server offers it within that time, without a restart or a query per request.

#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "domain/user.hpp"
#include "service/runtime.hpp"

namespace myvod::service {

class PlatformDirectory {
 public:
  using List = std::shared_ptr<const std::vector<domain::Platform>>;

  PlatformDirectory(Runtime& runtime, std::vector<domain::Platform> initial,
                    std::chrono::seconds max_age = std::chrono::seconds(5));

  // The platforms by id. A stale copy is read again by one caller while the others keep using it.
  boost::asio::awaitable<List> current();

 private:
  Runtime& runtime_;
  std::chrono::seconds max_age_;
  std::mutex mutex_;
  List list_;
  Timestamp read_at_;
  bool reading_ = false;
};

}  // namespace myvod::service
