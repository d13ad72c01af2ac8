#pragma once
// Django's password validators as the original server configures them, as pure
// functions: the messages, their order and their thresholds are part of the contract.

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace myvod::domain {

class CommonPasswords {
 public:
  explicit CommonPasswords(std::string_view newline_separated);
  static const CommonPasswords& bundled();  // Django 5.2's list, compiled into the binary

  // `password` is compared stripped and lower-cased, as Django does.
  bool contains(std::string_view password) const;
  size_t size() const { return words_.size(); }

 private:
  std::unordered_set<std::string> words_;
};

// The user attributes the similarity validator compares against (username, first name, last name, email).
struct UserAttributes {
  std::string username;
  std::string first_name;
  std::string last_name;
  std::string email;
};

inline constexpr size_t kMinimumPasswordLength = 8;

// All messages that apply, in Django's order. `user` is null where the original validates without user
// context (registration, password reset), which skips the similarity check.
std::vector<std::string> validate_password(std::string_view password, const CommonPasswords& common,
                                           const UserAttributes* user);

// difflib.SequenceMatcher(a, b).quick_ratio(): 2 * |multiset intersection| / (|a| + |b|), over code points.
double quick_ratio(std::u32string_view a, std::u32string_view b);

}  // namespace myvod::domain
