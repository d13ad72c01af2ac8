#include "http/query.hpp"

namespace myvod::http {

Target parse_target(std::string_view target) {
  const size_t question = target.find('?');
  Target parsed;
  parsed.path = url_decode(target.substr(0, question), false);
  if (question != std::string_view::npos) {
    parsed.raw_query = std::string(target.substr(question + 1));
    parsed.query = QueryParams::parse(parsed.raw_query);
  }
  return parsed;
}

}  // namespace myvod::http
