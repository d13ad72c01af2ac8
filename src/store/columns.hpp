#pragma once
// Reading nullable columns: SOCI reports NULL through an indicator beside the value.

#include <soci/soci.h>

#include <optional>
#include <stdexcept>
#include <string>

#include "common/clock.hpp"

namespace myvod::store {

template <class T>
std::optional<T> optional_column(const T& value, soci::indicator set) {
  return set == soci::i_ok ? std::optional<T>(value) : std::nullopt;
}

// Timestamps are read as text on both engines (see common/clock.hpp for the forms).
inline std::optional<Timestamp> timestamp_column(const std::string& text, soci::indicator set) {
  if (set != soci::i_ok) return std::nullopt;
  auto parsed = parse_db_timestamp(text);
  if (!parsed) throw std::runtime_error("unreadable timestamp: " + text);
  return parsed;
}

}  // namespace myvod::store
