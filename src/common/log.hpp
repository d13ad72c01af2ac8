#pragma once
// Structured logs: one JSON object per line on stderr ({"ts", "level", "msg", ...fields}).

#include <boost/json.hpp>
#include <string_view>

namespace myvod::log {

enum class Level { debug, info, warn, error, off };

// Accepts "debug", "info", "warn", "error" or "off"; false for anything else.
bool set_level(std::string_view name);
bool enabled(Level level);

void write(Level level, std::string_view message, boost::json::object fields = {});
inline void info(std::string_view message, boost::json::object fields = {}) {
  write(Level::info, message, std::move(fields));
}
inline void warn(std::string_view message, boost::json::object fields = {}) {
  write(Level::warn, message, std::move(fields));
}
inline void error(std::string_view message, boost::json::object fields = {}) {
  write(Level::error, message, std::move(fields));
}

}  // namespace myvod::log
