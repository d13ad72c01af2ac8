#include "store/database_url.hpp"

#include <regex>

#include "common/url.hpp"

namespace myvod::store {

Expected<DatabaseUrl, std::string> parse_database_url(std::string_view url) {
  if (url.starts_with("sqlite://"))
    url.remove_prefix(9);
  else if (url.starts_with("sqlite:"))
    url.remove_prefix(7);
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

namespace {
// A libpq keyword value in single quotes, with quotes and backslashes escaped.
std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}
}  // namespace

// SOCI 4.0 parses its connection string as keyword=value pairs, so the URI is turned into that form.
std::string postgres_conninfo(std::string_view uri) {
  uri.remove_prefix(uri.find("://") + 3);
  std::string_view query;
  if (const size_t question = uri.find('?'); question != std::string_view::npos) {
    query = uri.substr(question + 1);
    uri = uri.substr(0, question);
  }
  std::string_view database;
  if (const size_t slash = uri.find('/'); slash != std::string_view::npos) {
    database = uri.substr(slash + 1);
    uri = uri.substr(0, slash);
  }
  std::string conninfo;
  auto add = [&](std::string_view key, std::string_view value) {
    if (value.empty()) return;
    if (!conninfo.empty()) conninfo += ' ';
    conninfo += std::string(key) + "=" + quoted(value);
  };
  if (const size_t at = uri.rfind('@'); at != std::string_view::npos) {
    const auto credentials = uri.substr(0, at);
    uri = uri.substr(at + 1);
    const size_t colon = credentials.find(':');
    add("user", url_decode(credentials.substr(0, colon), false));
    if (colon != std::string_view::npos) add("password", url_decode(credentials.substr(colon + 1), false));
  }
  std::string_view host = uri;
  std::string_view port;
  if (host.starts_with('[')) {
    const size_t close = host.find(']');
    port = close + 1 < host.size() && host[close + 1] == ':' ? host.substr(close + 2) : std::string_view{};
    host = host.substr(1, close - 1);
  } else if (const size_t colon = host.rfind(':'); colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  add("host", url_decode(host, false));
  add("port", port);
  add("dbname", url_decode(database, false));
  const auto options = QueryParams::parse(query);
  for (const auto& [key, value] : options.items()) add(key, value);
  return conninfo;
}

}  // namespace myvod::store
