#pragma once
// Which Host headers the server answers (MYVOD_ALLOWED_HOSTS, Django's ALLOWED_HOSTS rules). The Host goes
// into absolute links (pagination's next/previous): answering any Host would let a forged one plant
// another site's address in a cached or shared answer.

#include <string>
#include <string_view>
#include <vector>

namespace myvod::http {

class AllowedHosts {
 public:
  // Entries as Django takes them: "*" (any host), ".example.com" (the domain and every subdomain), or a
  // host name or address compared exactly; case-insensitive, without the port.
  explicit AllowedHosts(std::vector<std::string> entries);

  // The default for a listening address: the loopback names when it is a loopback address, else any host.
  static AllowedHosts for_listening_on(std::string_view listen_host);

  // A Host header's value ("example.com:8000", "[::1]:8000"): false when it is malformed or not allowed.
  // A request without a Host (HTTP/1.0) is allowed: it has nothing to plant.
  bool allows(std::string_view host_header) const;
  bool allows_any() const;

 private:
  std::vector<std::string> entries_;
};

}  // namespace myvod::http
