#pragma once
// The job side of mail: requests hand mails to this bounded queue and answer at once; one thread sends
// them through service::MailDelivery (retries and error rows included). A full queue refuses a mail rather
// than grow without bound when the SMTP server is down. Each mail is held a moment before it goes, past
// the answer of the request that queued it, so that its connection and TLS handshake never compete with
// that answer (a reset request for an address with an account must not be slower than one for an unknown
// address). At stop, what is queued gets one attempt each within the drain time, without pauses or holding;
// what is left is counted in a warning.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "service/mail.hpp"

namespace myvod::jobs {

struct MailQueueOptions {
  size_t capacity = 1'000;
  std::chrono::milliseconds hold{250};  // longer than the reset request's answer floor (100 ms)
  std::chrono::milliseconds drain{5'000};
};

class MailQueue final : public service::Mailer {
 public:
  // `make_delivery` builds the delivery with the queue's pause (which a stop interrupts).
  MailQueue(std::function<std::unique_ptr<service::MailDelivery>(service::Pause)> make_delivery,
            MailQueueOptions options = {});
  ~MailQueue() override;

  bool send(service::OutgoingMail mail) override;
  void stop();

 private:
  void run();
  bool pause(std::chrono::milliseconds duration);

  const MailQueueOptions options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  struct Queued {
    service::OutgoingMail mail;
    std::chrono::steady_clock::time_point not_before;
  };
  std::deque<Queued> queued_;
  bool stopping_ = false;
  std::unique_ptr<service::MailDelivery> delivery_;
  std::thread worker_;
};

}  // namespace myvod::jobs
