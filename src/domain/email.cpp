#include "domain/email.hpp"

#include <regex>
#include <string>

namespace myvod::domain {

bool is_valid_email(std::string_view email) {
  static const std::regex local_part(
      R"(^[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+(\.[-!#$%&'*+/=?^_`{}|~0-9A-Za-z]+)*$)");
  static const std::regex quoted_local(
      R"(^"([\x01-\x08\x0b\x0c\x0e-\x1f!#-\[\]-\x7f]|\\[\x01-\x09\x0b\x0c\x0e-\x7f])*"$)");
  static const std::regex domain(
      R"(^((?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+)(?:[A-Za-z0-9-]{2,63})$)");
  static const std::regex ipv4_literal(
      R"(^\[(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\]$)");
  if (email.empty() || email.size() > 320) return false;
  const size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == email.size()) return false;
  const std::string user(email.substr(0, at));
  const std::string host(email.substr(at + 1));
  if (!std::regex_match(user, local_part) && !std::regex_match(user, quoted_local)) return false;
  if (host == "localhost") return true;
  if (host.back() == '-') return false;
  return std::regex_match(host, domain) || std::regex_match(host, ipv4_literal);
}

}  // namespace myvod::domain
