#include "service/mail.hpp"

#include <boost/json.hpp>

#include "common/log.hpp"
#include "common/random.hpp"

namespace myvod::service {

MailDelivery::MailDelivery(store::Database& database, clients::MailTransport& transport,
                           DeliveryOptions options, const Clock& clock, Pause pause)
    : database_(database),
      transport_(transport),
      options_(std::move(options)),
      clock_(clock),
      pause_(std::move(pause)) {}

bool MailDelivery::deliver(const OutgoingMail& outgoing) {
  const domain::MailEnvelope envelope{options_.from, clock_.now(),
                                      "<" + random_hex(16) + "@" + domain::domain_of(options_.from) + ">",
                                      "=_myvod_" + random_hex(12)};
  const std::string message = domain::render_mail(outgoing.mail, envelope);
  const std::string sender = domain::address_of(options_.from);
  auto pause = options_.first_pause;
  for (int attempt = 1;; ++attempt) {
    const auto failure = transport_.send(sender, outgoing.mail.to, message);
    if (!failure) return true;
    record_failure(outgoing, *failure, attempt);
    if (failure->permanent() || attempt >= options_.max_attempts || !pause_(pause)) return false;
    pause *= 2;
  }
}

void MailDelivery::record_failure(const OutgoingMail& outgoing, const clients::SmtpFailure& failure,
                                  int attempt) {
  boost::json::object fields{{"attempt", attempt}, {"error", failure.message}};
  if (outgoing.user_id) fields["user_id"] = *outgoing.user_id;
  log::warn("mail not sent", std::move(fields));
  const boost::json::object details{{"attempt", attempt},
                                    {"max_attempts", options_.max_attempts},
                                    {"reply_code", failure.reply_code},
                                    {"subject", outgoing.mail.subject}};
  try {
    database_.with_store([&](store::Store& store) {
      store.integration_log().record(
          {"smtp", failure.message, boost::json::serialize(details), outgoing.user_id, clock_.now()});
    });
  } catch (const std::exception& error) {
    // The database may be what is failing too; the log line above already says what happened.
    log::error("could not record a mail failure", {{"error", error.what()}});
  }
}

}  // namespace myvod::service
