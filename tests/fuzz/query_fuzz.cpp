// Request targets: the path and the query string of any request line, percent-decoding included.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/url.hpp"
#include "http/query.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  const auto parsed = myvod::http::parse_target(target);
  // Decoding only ever shrinks text, and the query is what follows the first '?'.
  if (parsed.path.size() > target.size() || parsed.raw_query.size() > target.size()) std::abort();
  const auto question = target.find('?');
  if (question != std::string_view::npos && parsed.raw_query != target.substr(question + 1)) std::abort();
  if (myvod::url_decode(target, true).size() > target.size()) std::abort();
  return 0;
}
