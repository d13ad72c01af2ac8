#pragma once
// One request as a handler sees it: the parsed target, the authenticated user, the JSON body, and the pools
// to run blocking work on.

#include <boost/json.hpp>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "api/services.hpp"
#include "common/clock.hpp"
#include "http/message.hpp"
#include "http/query.hpp"

namespace myvod::api {

class Call {
 public:
  Call(Services& services, const http::RawRequest& request, const http::RequestMeta& meta,
       http::Target target, std::vector<std::string> params);

  Services& services;
  const http::RawRequest& request;
  const http::RequestMeta& meta;
  const http::Target target;
  const std::vector<std::string> params;
  std::optional<domain::User> user;

  const domain::User& current_user() const { return *user; }  // routes with Access::user or staff only

  // The JSON object in the body ({} when there is no body); throws 415/400 Errors as DRF's parser does.
  const boost::json::object& body();

  // The server's clock (the runtime's), which tests move.
  Timestamp now() const { return services.runtime.clock().now(); }
  std::int64_t now_seconds() const { return services.runtime.clock().unix_seconds(); }

  // The platforms by id (service::PlatformDirectory).
  auto platforms() { return services.platforms.current(); }

  // Runs `work(store::Store&)` on the database pool.
  template <class Work>
  auto db(Work work) {
    return services.runtime.db(std::move(work));
  }

  // Runs `work()` (password hashing) on the hashing pool, in the client's turn.
  template <class Work>
  auto hashing(Work work) {
    return services.runtime.hashing(meta.client_address, std::move(work));
  }

 private:
  std::optional<boost::json::object> body_;
};

}  // namespace myvod::api
