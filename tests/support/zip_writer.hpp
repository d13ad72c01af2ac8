#pragma once
// ZIP archives for tests, written in memory by libzip (deflated, as Letterboxd's exports are).

#include <string>
#include <utility>
#include <vector>

namespace myvod::testing {

// An archive holding `entries` (name, content) in this order.
std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries);

}  // namespace myvod::testing
