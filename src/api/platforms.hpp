#pragma once

#include <boost/json.hpp>
#include <vector>

#include "domain/user.hpp"

namespace myvod::api {

// [{"id", "platform_slug", "platform_name"}, ...]
boost::json::array platforms_to_json(const std::vector<domain::Platform>& platforms);

}  // namespace myvod::api
