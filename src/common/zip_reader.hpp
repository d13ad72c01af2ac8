#pragma once
// The files of a ZIP archive held in memory (libzip). What the entries inflate to is capped by the bytes
// actually produced, not by the sizes the archive declares, which a crafted archive (a "zip bomb") can fake.

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "common/expected.hpp"

namespace myvod {

struct ZipEntry {
  std::string name;  // its path inside the archive
  std::string content;
};

enum class ZipFailure {
  malformed,  // not a ZIP, damaged, encrypted, or compressed in a way libzip cannot read
  too_large,  // the wanted entries inflate to more than the cap
};

// The entries `wanted(name)` accepts, in the archive's order, inflating at most `max_total` bytes in all.
Expected<std::vector<ZipEntry>, ZipFailure> read_zip(
    std::string_view archive, size_t max_total, const std::function<bool(std::string_view name)>& wanted);

// Whether `bytes` start as a ZIP archive does (a local file header, or the end record of an empty one).
bool looks_like_zip(std::string_view bytes);

}  // namespace myvod
