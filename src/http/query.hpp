#pragma once
// Request targets: the path and the decoded query parameters.

#include <string>
#include <string_view>

#include "common/url.hpp"

namespace myvod::http {

struct Target {
  std::string path;  // percent-decoded
  std::string raw_query;
  QueryParams query;
};

Target parse_target(std::string_view target);

}  // namespace myvod::http
