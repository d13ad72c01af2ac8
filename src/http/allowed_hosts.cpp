#include "http/allowed_hosts.hpp"

#include <algorithm>

namespace myvod::http {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; });
  return out;
}

bool all_of(std::string_view text, const char* allowed) {
  return text.find_first_not_of(allowed) == std::string_view::npos;
}

// The host part of a Host header, lower-cased and without brackets and port; empty when malformed (Django's
// host_validation_re: a name of letters, digits, dots and dashes, or a bracketed IPv6 address; a numeric
// port).
std::string host_of(std::string_view header) {
  const std::string value = lower(header);
  std::string_view host = value;
  std::string_view port;
  if (host.starts_with('[')) {
    const auto end = host.find(']');
    if (end == std::string_view::npos) return {};
    port = host.substr(end + 1);
    host = host.substr(1, end - 1);
    if (host.empty() || !all_of(host, "0123456789abcdef:.") || host.find(':') == host.npos) return {};
  } else {
    const auto colon = host.find(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon);
      host = host.substr(0, colon);
    }
    if (host.empty() || !all_of(host, "abcdefghijklmnopqrstuvwxyz0123456789.-")) return {};
  }
  if (!port.empty() && (port.size() < 2 || port[0] != ':' || !all_of(port.substr(1), "0123456789")))
    return {};
  while (host.ends_with('.')) host.remove_suffix(1);  // "example.com." is example.com
  return std::string(host);
}

bool matches(std::string_view host, std::string_view pattern) {
  if (pattern == "*") return true;
  if (pattern.starts_with('.'))
    return host == pattern.substr(1) || (host.ends_with(pattern) && host.size() > pattern.size());
  return host == pattern;
}

}  // namespace

AllowedHosts::AllowedHosts(std::vector<std::string> entries) {
  for (auto& entry : entries) {
    std::string pattern = lower(entry);
    // An IPv6 entry may be written with or without brackets; hosts are compared without them.
    if (pattern.starts_with('[') && pattern.ends_with(']')) pattern = pattern.substr(1, pattern.size() - 2);
    if (!pattern.empty()) entries_.push_back(std::move(pattern));
  }
}

AllowedHosts AllowedHosts::for_listening_on(std::string_view listen_host) {
  const std::string host = lower(listen_host);
  const bool loopback = host == "localhost" || host.starts_with("127.") || host == "::1" || host == "[::1]";
  if (loopback) return AllowedHosts({"localhost", "127.0.0.1", "::1"});
  return AllowedHosts({"*"});
}

bool AllowedHosts::allows(std::string_view host_header) const {
  if (host_header.empty()) return true;
  const std::string host = host_of(host_header);
  if (host.empty()) return false;
  return std::any_of(entries_.begin(), entries_.end(),
                     [&](const std::string& pattern) { return matches(host, pattern); });
}

bool AllowedHosts::allows_any() const {
  return std::find(entries_.begin(), entries_.end(), "*") != entries_.end();
}

}  // namespace myvod::http
