#include "api/platforms.hpp"

#include "api/handlers.hpp"

namespace myvod::api {

boost::json::array platforms_to_json(const std::vector<domain::Platform>& platforms) {
  boost::json::array items;
  for (const auto& platform : platforms) {
    items.push_back(boost::json::object{
        {"id", platform.id}, {"platform_slug", platform.slug}, {"platform_name", platform.name}});
  }
  return items;
}

Handled list_platforms(Call& call) {
  const auto platforms = co_await call.platforms();
  co_return http::Response::json(200, platforms_to_json(*platforms));
}

}  // namespace myvod::api
