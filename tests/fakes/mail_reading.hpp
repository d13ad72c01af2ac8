#pragma once
// Reading a received mail back the way a mail client does: its headers (unfolded, encoded words decoded)
// and the decoded text and HTML parts of a multipart/alternative body, so tests check what the user sees.

#include <map>
#include <optional>
#include <string>

namespace myvod::testing {

struct ReadMail {
  std::multimap<std::string, std::string> headers;  // names lower-cased, values as sent (unfolded)
  std::string subject;                              // RFC 2047 decoded
  std::string text;
  std::string html;

  std::string header(const std::string& name) const;  // the first value, or ""
};

ReadMail read_mail(const std::string& data);

// Standard base64, line breaks and spaces ignored; "<not base64>" when it is not.
std::string decode_base64(std::string text);

// The first http(s) link in `text` whose path starts with `path` ("/auth/reset-password").
std::optional<std::string> link_to(const std::string& text, const std::string& path);
// A query parameter of a link, percent- and plus-decoded.
std::string link_parameter(const std::string& link, const std::string& name);

}  // namespace myvod::testing
