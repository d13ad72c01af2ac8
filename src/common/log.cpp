#include "common/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>

#include "common/clock.hpp"
#include "common/utf8.hpp"

namespace myvod::log {

namespace {

std::atomic<Level> current{Level::info};

spdlog::logger& logger() {
  static const std::shared_ptr<spdlog::logger> instance = [] {
    auto created = spdlog::stderr_logger_mt("myvod");
    created->set_pattern("%v");
    created->set_level(spdlog::level::trace);
    return created;
  }();
  return *instance;
}

const char* name_of(Level level) {
  switch (level) {
    case Level::debug:
      return "debug";
    case Level::info:
      return "info";
    case Level::warn:
      return "warn";
    case Level::error:
      return "error";
    case Level::off:
      break;
  }
  return "off";
}

}  // namespace

bool set_level(std::string_view name) {
  for (auto level : {Level::debug, Level::info, Level::warn, Level::error, Level::off}) {
    if (name == name_of(level)) {
      current = level;
      return true;
    }
  }
  return false;
}

bool enabled(Level level) {
  return level != Level::off && level >= current.load(std::memory_order_relaxed);
}

std::string format_line(Level level, std::string_view message, boost::json::object fields, Timestamp at) {
  boost::json::object line;
  line["ts"] = to_api_string(at);
  line["level"] = name_of(level);
  line["msg"] = to_valid_utf8(message, kMaxFieldBytes);
  for (auto& field : fields) {
    auto& value = line[to_valid_utf8(field.key(), kMaxFieldBytes)] = std::move(field.value());
    if (auto* text = value.if_string())
      *text = to_valid_utf8(*text, kMaxFieldBytes);
    else
      make_valid_utf8(value);
  }
  return boost::json::serialize(line);
}

void write(Level level, std::string_view message, boost::json::object fields) {
  if (!enabled(level)) return;
  logger().log(level >= Level::error ? spdlog::level::err : spdlog::level::info,
               format_line(level, message, std::move(fields), now_utc()));
}

}  // namespace myvod::log
