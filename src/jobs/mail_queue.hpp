#pragma once
// The job side of mail: requests hand mails to this bounded queue and answer at once; one thread sends
// them through service::MailDelivery (retries and error rows included). A full queue refuses a mail rather
// than grow without bound when the SMTP server is down. At stop, what is queued gets one attempt each
// within the drain time, without pauses; what is left is counted in a warning.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "service/mail.hpp"

namespace myvod::jobs {

struct MailQueueOptions {
  size_t capacity = 1'000;
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
  std::deque<service::OutgoingMail> queued_;
  bool stopping_ = false;
  std::unique_ptr<service::MailDelivery> delivery_;
  std::thread worker_;
};

}  // namespace myvod::jobs
