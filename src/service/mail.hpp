#pragma once
// Sending mail: `Mailer` is what operations hand a mail to (it never waits on SMTP; jobs::MailQueue
// implements it on the job side), `MailDelivery` is the sending itself: it renders the mail (sender, Date,
// Message-ID), tries the transport a bounded number of times with growing pauses, and writes one
// integration_error_log row (api_type "smtp") per failed attempt. The recipient's address is personal data:
// the rows name the user id, never the address.

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "clients/smtp.hpp"
#include "common/clock.hpp"
#include "domain/mail.hpp"
#include "store/database.hpp"

namespace myvod::service {

struct OutgoingMail {
  domain::Mail mail;
  std::optional<std::string> user_id;  // who it is for, for the error log
};

class Mailer {
 public:
  virtual ~Mailer() = default;
  // Takes the mail for sending later; false when it cannot (the queue is full), which the caller logs.
  virtual bool send(OutgoingMail mail) = 0;
};

struct DeliveryOptions {
  std::string from;  // MYVOD_SMTP_FROM: "myVOD <noreply@example.org>"
  int max_attempts = 4;
  std::chrono::milliseconds first_pause{5'000};  // doubled after each failed attempt
};

// How a delivery waits between attempts; false when it should give up instead (the server is stopping).
// Tests pass one that records the pauses and returns at once.
using Pause = std::function<bool(std::chrono::milliseconds)>;

class MailDelivery {
 public:
  MailDelivery(store::Database& database, clients::MailTransport& transport, DeliveryOptions options,
               const Clock& clock, Pause pause);

  // Sends the mail now, with the retries; whether it went.
  bool deliver(const OutgoingMail& mail);

 private:
  void record_failure(const OutgoingMail& mail, const clients::SmtpFailure& failure, int attempt);

  store::Database& database_;
  clients::MailTransport& transport_;
  const DeliveryOptions options_;
  const Clock& clock_;
  Pause pause_;
};

}  // namespace myvod::service
