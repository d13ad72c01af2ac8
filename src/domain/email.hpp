#pragma once

#include <string_view>

namespace myvod::domain {

// Django's EmailValidator: a dot-atom local part, then a domain with a dot and a 2-63 character top level
// label, or the literal domain "localhost", or an IP literal in brackets. Internationalised domains must be
// given in their punycode (xn--) form.
bool is_valid_email(std::string_view email);

}  // namespace myvod::domain
