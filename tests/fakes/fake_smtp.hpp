#pragma once
// A fake SMTP server on a free loopback port that speaks the real dialogue to the real client (libcurl):
// EHLO, STARTTLS (or TLS from the first byte, as smtps:// does), AUTH PLAIN, MAIL, RCPT, DATA with
// dot-unstuffing, RSET, NOOP, QUIT. It records every accepted message, and misbehaves on request the way
// real relays do: temporary refusals (4xx), permanent ones (5xx), a wrong password, slowness.

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "fakes/test_certificates.hpp"

namespace myvod::testing {

enum class FakeSmtpTls { none, starttls, implicit };

struct ReceivedMail;

struct FakeSmtpOptions {
  FakeSmtpTls tls = FakeSmtpTls::starttls;
  std::string user;  // empty: no AUTH offered or needed
  std::string password;
  std::function<void(const ReceivedMail&)> on_mail;  // called on the server's thread as each mail arrives
};

struct ReceivedMail {
  std::string sender;
  std::vector<std::string> recipients;
  std::string data;  // the message as sent, dot-unstuffed, CRLF lines
  bool over_tls = false;
  std::string user;  // who authenticated
};

class FakeSmtp {
 public:
  explicit FakeSmtp(FakeSmtpOptions options = {});
  ~FakeSmtp();
  FakeSmtp(const FakeSmtp&) = delete;
  FakeSmtp& operator=(const FakeSmtp&) = delete;

  unsigned short port() const { return port_; }
  // smtp://127.0.0.1:port, or smtps:// for implicit TLS.
  std::string url() const;

  std::vector<ReceivedMail> received() const;
  // Waits until `count` messages have come; false when `timeout` passes first.
  bool wait_for(size_t count, std::chrono::milliseconds timeout) const;

  // The next `times` MAIL commands get `reply` ("451 4.3.0 Try again later", "550 5.1.1 No such user").
  void refuse_next_mails(int times, std::string reply);
  // Every command waits this long before its reply.
  void slow_down(std::chrono::milliseconds delay);
  // Connections so far (each send opens one).
  int connections() const;

 private:
  class Session;
  void serve();

  FakeSmtpOptions options_;
  int listener_ = -1;
  unsigned short port_ = 0;
  void* tls_context_ = nullptr;  // SSL_CTX*
  mutable std::mutex mutex_;
  mutable std::condition_variable arrived_;
  std::vector<ReceivedMail> received_;
  std::deque<std::string> refusals_;
  std::chrono::milliseconds delay_{0};
  int connections_ = 0;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace myvod::testing
