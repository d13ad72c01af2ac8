#pragma once
// Which address a request comes from. Behind a reverse proxy every connection comes from the proxy, so the
// per-client limits (log-ins, password resets) would count every user as one; the proxy says who the client
// was in X-Forwarded-For or Forwarded. Those headers are believed only from peers the operator trusts
// (MYVOD_TRUSTED_PROXIES): from anyone else they are the client's own claim, and a guesser would write a new
// address into each request to dodge the limits.

#include <boost/asio/ip/address.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/expected.hpp"
#include "http/message.hpp"

namespace myvod::http {

// An address block in CIDR notation ("10.0.0.0/8", "::1/128"); a bare address is a block of one.
class AddressRange {
 public:
  static Expected<AddressRange, std::string> parse(std::string_view text);
  bool contains(const boost::asio::ip::address& address) const;

 private:
  boost::asio::ip::address network_;
  unsigned prefix_ = 0;
};

// A comma-separated list of blocks; the error names the first one that does not parse.
Expected<std::vector<AddressRange>, std::string> parse_address_ranges(std::string_view list);
bool contains_any(const std::vector<AddressRange>& ranges, const boost::asio::ip::address& address);

// An address as the limits and the log name it: an IPv4-mapped IPv6 peer (a dual-stack listener) as the IPv4
// address it carries.
std::string address_text(const boost::asio::ip::address& address);

// The client of `request`: the peer, or, while the hop in hand is a trusted proxy, the address that hop
// forwarded for (X-Forwarded-For, else Forwarded's for=), read from the right, where the nearest proxy wrote
// it. A hop that is not an address (a Forwarded "unknown" or an obfuscated name) ends the walk at the last
// trusted proxy.
std::string client_address(const RawRequest& request, const boost::asio::ip::address& peer,
                           const std::vector<AddressRange>& trusted_proxies);

}  // namespace myvod::http
