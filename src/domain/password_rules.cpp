#include "domain/password_rules.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "common/gzip_reader.hpp"
#include "common/resources.hpp"
#include "domain/text.hpp"

namespace myvod::domain {

CommonPasswords::CommonPasswords(std::string_view newline_separated) {
  size_t start = 0;
  while (start < newline_separated.size()) {
    size_t end = newline_separated.find('\n', start);
    if (end == std::string_view::npos) end = newline_separated.size();
    const auto word = strip(newline_separated.substr(start, end - start));
    if (!word.empty()) words_.emplace(word);
    start = end + 1;
  }
}

const CommonPasswords& CommonPasswords::bundled() {
  static const CommonPasswords list(gunzip(resources::get("data/common-passwords.txt.gz").bytes));
  return list;
}

bool CommonPasswords::contains(std::string_view password) const {
  // Python's str.lower() also folds non-ASCII letters, but every entry of the list is ASCII, so a password
  // with other letters can never match and ASCII folding gives the same answer.
  return words_.contains(ascii_lower(strip(password)));
}

double quick_ratio(std::u32string_view a, std::u32string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  std::map<char32_t, int> available;
  for (char32_t c : b) ++available[c];
  size_t matches = 0;
  for (char32_t c : a) {
    auto it = available.find(c);
    if (it != available.end() && it->second > 0) {
      --it->second;
      ++matches;
    }
  }
  return 2.0 * double(matches) / double(a.size() + b.size());
}

namespace {

constexpr double kMaxSimilarity = 0.7;

// Python's str.lower() for the characters that matter here; non-ASCII letters are left as they are.
std::u32string lower(std::u32string text) {
  for (auto& c : text) {
    if (c >= U'A' && c <= U'Z') c = c - U'A' + U'a';
  }
  return text;
}

// re.split(r"\W+", value) + [value]
std::vector<std::u32string> similarity_parts(const std::u32string& value) {
  std::vector<std::u32string> parts;
  std::u32string current;
  auto is_word = [](char32_t c) {
    return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') || c == U'_' ||
           c > 0x7F;
  };
  bool in_separator = false;
  for (char32_t c : value) {
    if (is_word(c)) {
      current.push_back(c);
      in_separator = false;
    } else if (!in_separator) {
      parts.push_back(current);
      current.clear();
      in_separator = true;
    }
  }
  parts.push_back(current);
  parts.push_back(value);
  return parts;
}

// Django 4.2+: a password far longer than the attribute cannot be "too similar" to it.
bool exceeds_maximum_length_ratio(size_t password_length, size_t value_length) {
  const double length_bound_similarity = kMaxSimilarity / 2 * double(password_length);
  return password_length >= 10 * value_length && double(value_length) < length_bound_similarity;
}

std::optional<std::string> similarity_error(std::string_view password, const UserAttributes& user) {
  const std::u32string candidate = lower(utf8_to_u32(password));
  const std::pair<const std::string*, const char*> attributes[] = {{&user.username, "username"},
                                                                   {&user.first_name, "first name"},
                                                                   {&user.last_name, "last name"},
                                                                   {&user.email, "email address"}};
  for (const auto& [value, verbose_name] : attributes) {
    if (value->empty()) continue;
    for (const auto& part : similarity_parts(lower(utf8_to_u32(*value)))) {
      if (exceeds_maximum_length_ratio(candidate.size(), part.size())) continue;
      if (quick_ratio(candidate, part) >= kMaxSimilarity) {
        return std::string("The password is too similar to the ") + verbose_name + ".";
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<std::string> validate_password(std::string_view password, const CommonPasswords& common,
                                           const UserAttributes* user) {
  std::vector<std::string> errors;
  if (user) {
    if (auto error = similarity_error(password, *user)) errors.push_back(*error);
  }
  if (utf8_length(password) < kMinimumPasswordLength) {
    errors.push_back("This password is too short. It must contain at least 8 characters.");
  }
  if (common.contains(password)) errors.push_back("This password is too common.");
  const bool all_digits = !password.empty() && std::all_of(password.begin(), password.end(),
                                                           [](char c) { return c >= '0' && c <= '9'; });
  if (all_digits) errors.push_back("This password is entirely numeric.");
  const bool has_letter = std::any_of(password.begin(), password.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
  const bool has_digit =
      std::any_of(password.begin(), password.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!has_letter || !has_digit) errors.push_back("This password must contain both letters and numbers.");
  return errors;
}

}  // namespace myvod::domain
