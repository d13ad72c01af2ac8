#include "common/log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <atomic>

#include "common/clock.hpp"

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

void write(Level level, std::string_view message, boost::json::object fields) {
  if (!enabled(level)) return;
  boost::json::object line;
  line["ts"] = to_api_string(now_utc());
  line["level"] = name_of(level);
  line["msg"] = message;
  for (auto& field : fields) line[field.key()] = std::move(field.value());
  logger().log(level >= Level::error ? spdlog::level::err : spdlog::level::info,
               boost::json::serialize(line));
}

}  // namespace myvod::log
