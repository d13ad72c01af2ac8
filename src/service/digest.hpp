#pragma once
// The weekly e-mail digest: each user with e-mail notifications on and a confirmed address gets one mail
// listing the notifications created since their last digest; a user with nothing new gets nothing. The
// mail is sent before the user's cut-off moves, so a failed send is retried by the next run, not lost.

#include <map>
#include <string>

#include "auth/mail_token.hpp"
#include "service/mail.hpp"
#include "service/mail_settings.hpp"

namespace myvod::service {

inline constexpr const char* kMailDigestJob = "mail-digest";

struct DigestCounts {
  long long recipients = 0;  // users it looked at
  long long sent = 0;
  long long nothing_new = 0;
  long long failed = 0;
};

class Digest {
 public:
  Digest(store::Database& database, MailDelivery& delivery, const std::string& secret_key, MailLinkBase links)
      : database_(database), delivery_(delivery), tokens_(secret_key), links_(std::move(links)) {}

  DigestCounts run(Timestamp now);

  // A mail lists at most this many movies (the oldest first) and says when there are more: the app's
  // notifications page has them all.
  static constexpr int kMaxEntries = 50;

 private:
  store::Database& database_;
  MailDelivery& delivery_;
  const auth::MailTokens tokens_;
  const MailLinkBase links_;
};

}  // namespace myvod::service
