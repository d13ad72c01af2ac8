#pragma once
// Files compiled into the binary at build time (migrations, the sample catalog, the common-password list).

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace myvod::resources {

struct Resource {
  std::string_view path;  // relative to the repository root, e.g. "migrations/sqlite/0001_initial.sql"
  std::span<const unsigned char> bytes;

  std::string_view text() const { return {reinterpret_cast<const char*>(bytes.data()), bytes.size()}; }
};

const std::vector<Resource>& all();

// Throws std::out_of_range when the resource does not exist: a missing resource is a build error.
const Resource& get(std::string_view path);

// Resources whose path starts with `prefix`, in path order.
std::vector<Resource> under(std::string_view prefix);

}  // namespace myvod::resources
