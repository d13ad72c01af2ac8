#include "common/resources.hpp"

#include <stdexcept>

namespace myvod::resources {

const Resource& get(std::string_view path) {
  for (const auto& resource : all()) {
    if (resource.path == path) return resource;
  }
  throw std::out_of_range("no embedded resource " + std::string(path));
}

std::vector<Resource> under(std::string_view prefix) {
  std::vector<Resource> found;
  for (const auto& resource : all()) {
    if (resource.path.starts_with(prefix)) found.push_back(resource);
  }
  return found;
}

}  // namespace myvod::resources
