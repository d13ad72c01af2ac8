#include "http/client_address.hpp"

#include <algorithm>
#include <charconv>
#include <optional>

namespace myvod::http {

namespace ip = boost::asio::ip;

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// The trimmed parts of `text` between `separator`s, empty ones included.
std::vector<std::string_view> parts(std::string_view text, char separator) {
  std::vector<std::string_view> found;
  for (size_t start = 0;;) {
    const auto end = text.find(separator, start);
    found.push_back(trim(text.substr(start, end - start)));
    if (end == std::string_view::npos) return found;
    start = end + 1;
  }
}

bool starts_with_for(std::string_view pair) {
  return pair.size() > 4 && (pair[0] | 0x20) == 'f' && (pair[1] | 0x20) == 'o' && (pair[2] | 0x20) == 'r' &&
         pair[3] == '=';
}

// IPv4-mapped IPv6 peers (a dual-stack listener) compare as the IPv4 address they carry.
ip::address plain(const ip::address& address) {
  if (address.is_v6() && address.to_v6().is_v4_mapped())
    return ip::make_address_v4(ip::v4_mapped, address.to_v6());
  return address;
}

std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code error;
  const auto address = ip::make_address(std::string(text), error);
  if (error) return std::nullopt;
  return plain(address);
}

// One hop of Forwarded's for= as RFC 7239 writes it: "192.0.2.60", "\"[2001:db8::1]:4711\"",
// "198.51.100.1:80".
std::optional<ip::address> forwarded_node(std::string_view node) {
  if (node.size() >= 2 && node.front() == '"' && node.back() == '"') node = node.substr(1, node.size() - 2);
  if (node.starts_with('[')) {
    const auto end = node.find(']');
    if (end == std::string_view::npos) return std::nullopt;
    return parse_address(node.substr(1, end - 1));
  }
  if (const auto colon = node.find(':');
      colon != std::string_view::npos && node.find(':', colon + 1) == node.npos)
    node = node.substr(0, colon);  // IPv4 with a port
  return parse_address(node);
}

// The hops a request names, nearest last; nothing when it names none.
std::vector<std::string_view> forwarded_hops(const RawRequest& request) {
  if (const auto list = request["X-Forwarded-For"]; !list.empty()) return parts(list, ',');
  std::vector<std::string_view> hops;
  for (const auto element : parts(request[bhttp::field::forwarded], ',')) {
    for (const auto pair : parts(element, ';')) {
      if (starts_with_for(pair)) hops.push_back(pair.substr(4));
    }
  }
  return hops;
}

}  // namespace

Expected<AddressRange, std::string> AddressRange::parse(std::string_view text) {
  text = trim(text);
  const auto slash = text.find('/');
  const auto address = parse_address(text.substr(0, slash));
  if (!address) return unexpected("\"" + std::string(text) + "\" is not an address or an address block");
  AddressRange range;
  range.network_ = *address;
  const unsigned bits = address->is_v4() ? 32 : 128;
  range.prefix_ = bits;
  if (slash != std::string_view::npos) {
    const auto digits = text.substr(slash + 1);
    const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), range.prefix_);
    if (error != std::errc{} || end != digits.data() + digits.size() || digits.empty() ||
        range.prefix_ > bits)
      return unexpected("\"" + std::string(text) + "\" has no valid prefix length (0 to " +
                        std::to_string(bits) + ")");
  }
  return range;
}

bool AddressRange::contains(const ip::address& candidate) const {
  const ip::address address = plain(candidate);
  if (address.is_v4() != network_.is_v4()) return false;
  const auto a = address.is_v4() ? ip::make_address_v6(ip::v4_mapped, address.to_v4()).to_bytes()
                                 : address.to_v6().to_bytes();
  const auto n = network_.is_v4() ? ip::make_address_v6(ip::v4_mapped, network_.to_v4()).to_bytes()
                                  : network_.to_v6().to_bytes();
  // Both as 16 bytes; an IPv4 prefix counts from the 97th bit.
  unsigned bits = prefix_ + (network_.is_v4() ? 96 : 0);
  for (size_t i = 0; i < a.size() && bits > 0; ++i) {
    const unsigned take = std::min(bits, 8u);
    const auto mask = static_cast<unsigned char>(0xFF << (8 - take));
    if ((a[i] & mask) != (n[i] & mask)) return false;
    bits -= take;
  }
  return true;
}

Expected<std::vector<AddressRange>, std::string> parse_address_ranges(std::string_view list) {
  std::vector<AddressRange> ranges;
  for (const auto part : parts(list, ',')) {
    if (part.empty()) continue;
    auto range = AddressRange::parse(part);
    if (!range) return unexpected(range.error());
    ranges.push_back(*range);
  }
  return ranges;
}

bool contains_any(const std::vector<AddressRange>& ranges, const ip::address& address) {
  return std::any_of(ranges.begin(), ranges.end(),
                     [&](const auto& range) { return range.contains(address); });
}

std::string address_text(const ip::address& address) {
  return plain(address).to_string();
}

std::string client_address(const RawRequest& request, const ip::address& peer,
                           const std::vector<AddressRange>& trusted_proxies) {
  ip::address client = plain(peer);
  if (!contains_any(trusted_proxies, client)) return client.to_string();
  const bool forwarded_for = !request["X-Forwarded-For"].empty();
  auto hops = forwarded_hops(request);
  while (!hops.empty() && contains_any(trusted_proxies, client)) {
    const auto hop = forwarded_for ? parse_address(hops.back()) : forwarded_node(hops.back());
    if (!hop) break;
    client = *hop;
    hops.pop_back();
  }
  return client.to_string();
}

}  // namespace myvod::http
