#pragma once
// Structured logs: one JSON object per line on stderr ({"ts", "level", "msg", ...fields}).

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "common/clock.hpp"

namespace myvod::log {

enum class Level { debug, info, warn, error, off };

// Accepts "debug", "info", "warn", "error" or "off"; false for anything else.
bool set_level(std::string_view name);
bool enabled(Level level);

void write(Level level, std::string_view message, boost::json::object fields = {});

// One line as write() prints it. Every string is made valid UTF-8 and cut at kMaxFieldBytes: a field may
// carry what a client sent (a path, a method of 10 KB, raw bytes), and one bad line must not break a log
// reader's JSON.
inline constexpr size_t kMaxFieldBytes = 1024;
std::string format_line(Level level, std::string_view message, boost::json::object fields, Timestamp at);
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
