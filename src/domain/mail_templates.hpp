#pragma once
// The mails myVOD sends, in Polish (the default) or English: the password reset, the confirmation of the
// digest's address, and the weekly digest. Each is plain text and the same words in simple HTML.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/mail.hpp"

namespace myvod::domain {

inline constexpr std::string_view kDefaultMailLanguage = "pl";
bool is_mail_language(std::string_view language);  // "pl" or "en"

Mail password_reset_mail(std::string_view language, const std::string& to, const std::string& link);

// Sent when e-mail notifications are turned on: the digest starts once `link` is followed.
Mail confirmation_mail(std::string_view language, const std::string& to, const std::string& link);

// `myvod send-test-mail`: proof that the SMTP settings work.
Mail test_mail(const std::string& to);

struct DigestEntry {
  std::string title;
  std::optional<int> year;
  std::string platform;
};

struct DigestLinks {
  std::string notifications;     // the web UI's notifications page
  std::string unsubscribe_page;  // a page that asks before it unsubscribes
  std::string one_click;         // RFC 8058: where a mail client POSTs "List-Unsubscribe=One-Click"
};

// The movies of the user's watchlist that became available since the last digest (`more`: there were
// more than these); carries List-Unsubscribe and List-Unsubscribe-Post.
Mail digest_mail(std::string_view language, const std::string& to, const std::vector<DigestEntry>& entries,
                 bool more, const DigestLinks& links);

}  // namespace myvod::domain
