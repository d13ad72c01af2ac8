#include "store/database_url.hpp"

#include <regex>

namespace myvod::store {

Expected<DatabaseUrl, std::string> parse_database_url(std::string_view url) {
  if (url.starts_with("sqlite://")) url.remove_prefix(9);
  else if (url.starts_with("sqlite:")) url.remove_prefix(7);
  else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return DatabaseUrl{Engine::postgres, std::string(url)};
  } else {
    return unexpected(std::string("MYVOD_DATABASE_URL must start with sqlite: or postgresql://"));
  }
  if (url.empty()) return unexpected(std::string("MYVOD_DATABASE_URL names no SQLite file"));
  return DatabaseUrl{Engine::sqlite, std::string(url)};
}

std::string DatabaseUrl::redacted() const {
  if (engine == Engine::sqlite) return "sqlite:" + target;
  static const std::regex password(R"(^(postgres(?:ql)?://[^:/@]*:)[^@]*@)");
  return std::regex_replace(target, password, "$1***@");
}

}  // namespace myvod::store
