#pragma once
// URL pieces shared by the HTTP layer (request targets) and the store (database URLs).

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace myvod {

// application/x-www-form-urlencoded decoding ('+' is a space); invalid escapes are kept as they are.
std::string url_decode(std::string_view text, bool plus_is_space);

// Python's urllib.parse.quote_plus: everything but letters, digits and "_.-~" escaped, spaces as '+'.
std::string url_encode_plus(std::string_view text);

class QueryParams {
 public:
  static QueryParams parse(std::string_view query);  // "a=1&b=%20x" (without the '?')

  // The last value given for `key`, as Django's QueryDict.get does.
  std::optional<std::string> get(std::string_view key) const;
  std::vector<std::string> get_all(std::string_view key) const;
  const std::vector<std::pair<std::string, std::string>>& items() const { return items_; }

 private:
  std::vector<std::pair<std::string, std::string>> items_;
};

}  // namespace myvod
