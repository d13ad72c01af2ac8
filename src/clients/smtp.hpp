#pragma once
// Sending a rendered mail to one recipient over SMTP (libcurl). The security is explicit, never
// opportunistic: `starttls` (smtp://, the connection must upgrade or the send fails), `tls` (smtps://) or
// `none` (a relay on the same host). An extra CA file is trusted beside the system's, for private relays and
// the tests' throwaway CA. Failures are described without the password.

#include <chrono>
#include <optional>
#include <string>

namespace myvod::clients {

enum class SmtpSecurity { starttls, tls, none };

struct SmtpOptions {
  std::string url;  // smtp://host:587 or smtps://host:465
  SmtpSecurity security = SmtpSecurity::starttls;
  std::string ca_file;  // empty: the system's CAs only
  std::string user;     // empty: no AUTH
  std::string password;
  std::chrono::milliseconds connect_timeout{10'000};
  std::chrono::milliseconds total_timeout{60'000};
};

// The security a URL and MYVOD_SMTP_SECURITY ("" for the URL's default) give, or why they do not fit.
struct SmtpSecurityChoice {
  std::optional<SmtpSecurity> security;
  std::string problem;
};
SmtpSecurityChoice smtp_security_for(const std::string& url, const std::string& setting);

struct SmtpFailure {
  std::string message;  // "SMTP smtp://mail.example.org:587: Login denied (server answered 535)"
  int reply_code = 0;   // the server's last reply code, 0 when none came
  // A 5xx reply to the mail itself (an unknown mailbox, a refused message): sending again will not help.
  bool permanent() const { return reply_code >= 500 && reply_code != 535; }
};

class MailTransport {
 public:
  virtual ~MailTransport() = default;
  // Sends `message` (RFC 5322 text, CRLF lines) from `sender` to `recipient` (bare addresses).
  virtual std::optional<SmtpFailure> send(const std::string& sender, const std::string& recipient,
                                          const std::string& message) = 0;
};

class SmtpClient final : public MailTransport {
 public:
  explicit SmtpClient(SmtpOptions options) : options_(std::move(options)) {}
  std::optional<SmtpFailure> send(const std::string& sender, const std::string& recipient,
                                  const std::string& message) override;

 private:
  std::optional<SmtpFailure> transmit(const std::string& sender, const std::string& recipient,
                                      const std::string& message);

  SmtpOptions options_;
};

}  // namespace myvod::clients
