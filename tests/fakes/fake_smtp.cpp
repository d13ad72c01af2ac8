#include "fakes/fake_smtp.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <stdexcept>

#include "fakes/mail_reading.hpp"

namespace myvod::testing {

namespace {

bool starts_with_command(const std::string& line, std::string_view command) {
  if (line.size() < command.size()) return false;
  for (size_t i = 0; i < command.size(); ++i) {
    if (std::toupper(static_cast<unsigned char>(line[i])) != command[i]) return false;
  }
  return true;
}

// What is between < and > in "MAIL FROM:<a@b> SIZE=10".
std::string angle_address(const std::string& line) {
  const size_t open = line.find('<');
  const size_t close = line.find('>', open);
  return open == std::string::npos || close == std::string::npos ? ""
                                                                 : line.substr(open + 1, close - open - 1);
}

SSL_CTX* make_tls_context() {
  SSL_CTX* context = SSL_CTX_new(TLS_server_method());
  const auto& certificates = test_certificates();
  BIO* cert_bio = BIO_new_mem_buf(certificates.server_cert_pem.data(),
                                  static_cast<int>(certificates.server_cert_pem.size()));
  X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
  BIO* key_bio = BIO_new_mem_buf(certificates.server_key_pem.data(),
                                 static_cast<int>(certificates.server_key_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
  const bool ok = SSL_CTX_use_certificate(context, cert) == 1 && SSL_CTX_use_PrivateKey(context, key) == 1;
  X509_free(cert);
  EVP_PKEY_free(key);
  BIO_free(cert_bio);
  BIO_free(key_bio);
  if (!ok) throw std::runtime_error("fake SMTP: cannot load the test certificate");
  return context;
}

}  // namespace

// One client connection: line reads and writes over the socket, or over TLS once it is on.
class FakeSmtp::Session {
 public:
  Session(FakeSmtp& server, int socket) : server_(server), socket_(socket) {}
  ~Session() {
    if (ssl_) {
      SSL_shutdown(ssl_);
      SSL_free(ssl_);
    }
    close(socket_);
  }

  void run() {
    if (server_.options_.tls == FakeSmtpTls::implicit && !start_tls()) return;
    reply("220 fake.smtp.test ESMTP ready");
    ReceivedMail mail;
    std::string line;
    while (read_line(line)) {
      wait_a_little();
      if (starts_with_command(line, "EHLO") || starts_with_command(line, "HELO")) {
        greet();
      } else if (starts_with_command(line, "STARTTLS")) {
        if (server_.options_.tls != FakeSmtpTls::starttls || ssl_) {
          reply("502 5.5.1 STARTTLS not offered");
          continue;
        }
        reply("220 2.0.0 Ready to start TLS");
        buffer_.clear();  // anything sent before the handshake is not to be trusted
        if (!start_tls()) return;
      } else if (starts_with_command(line, "AUTH PLAIN")) {
        std::string response = line.size() > 11 ? line.substr(11) : "";
        if (response.empty()) {
          reply("334 ");
          if (!read_line(response)) return;
        }
        authenticate(decode_base64(response));
      } else if (starts_with_command(line, "MAIL FROM:")) {
        if (const std::string refusal = refusal_for_mail(); !refusal.empty()) {
          reply(refusal);
        } else {
          mail = ReceivedMail{angle_address(line), {}, "", ssl_ != nullptr, user_};
          reply("250 2.1.0 OK");
        }
      } else if (starts_with_command(line, "RCPT TO:")) {
        mail.recipients.push_back(angle_address(line));
        reply("250 2.1.5 OK");
      } else if (starts_with_command(line, "DATA")) {
        reply("354 End data with <CR><LF>.<CR><LF>");
        if (!read_data(mail.data)) return;
        {
          std::lock_guard lock(server_.mutex_);
          server_.received_.push_back(mail);
        }
        server_.arrived_.notify_all();
        if (server_.options_.on_mail) server_.options_.on_mail(mail);
        reply("250 2.0.0 OK queued");
      } else if (starts_with_command(line, "RSET") || starts_with_command(line, "NOOP")) {
        reply("250 2.0.0 OK");
      } else if (starts_with_command(line, "QUIT")) {
        reply("221 2.0.0 Bye");
        return;
      } else {
        reply("502 5.5.2 Command not recognized");
      }
    }
  }

 private:
  // Mail is refused before STARTTLS (when offered) or AUTH (when required), as a careful relay does.
  std::string refusal_for_mail() {
    if (server_.options_.tls == FakeSmtpTls::starttls && !ssl_)
      return "530 5.7.0 Must issue a STARTTLS command first";
    if (!server_.options_.user.empty() && user_.empty()) return "530 5.7.0 Authentication required";
    std::lock_guard lock(server_.mutex_);
    if (server_.refusals_.empty()) return "";
    std::string refusal = server_.refusals_.front();
    server_.refusals_.pop_front();
    return refusal;
  }

  void greet() {
    std::string lines = "250-fake.smtp.test\r\n250-8BITMIME\r\n250-SIZE 10485760\r\n";
    const bool before_tls = server_.options_.tls == FakeSmtpTls::starttls && !ssl_;
    if (before_tls) lines += "250-STARTTLS\r\n";
    // Credentials are taken only over TLS (or on a server without TLS at all).
    if (!server_.options_.user.empty() && !before_tls) lines += "250-AUTH PLAIN\r\n";
    lines += "250 HELP";
    reply(lines);
  }

  void authenticate(const std::string& plain) {
    // "authzid \0 user \0 password"
    const size_t first = plain.find('\0');
    const size_t second = plain.find('\0', first + 1);
    if (first != std::string::npos && second != std::string::npos &&
        plain.substr(first + 1, second - first - 1) == server_.options_.user &&
        plain.substr(second + 1) == server_.options_.password) {
      user_ = server_.options_.user;
      reply("235 2.7.0 Authentication successful");
    } else {
      reply("535 5.7.8 Authentication credentials invalid");
    }
  }

  bool start_tls() {
    ssl_ = SSL_new(static_cast<SSL_CTX*>(server_.tls_context_));
    SSL_set_fd(ssl_, socket_);
    return SSL_accept(ssl_) == 1;
  }

  void wait_a_little() {
    std::chrono::milliseconds delay;
    {
      std::lock_guard lock(server_.mutex_);
      delay = server_.delay_;
    }
    if (delay.count() > 0) std::this_thread::sleep_for(delay);
  }

  bool read_more() {
    char chunk[4096];
    const long got = ssl_ ? SSL_read(ssl_, chunk, sizeof chunk) : ::read(socket_, chunk, sizeof chunk);
    if (got <= 0) return false;
    buffer_.append(chunk, static_cast<size_t>(got));
    return true;
  }

  bool read_line(std::string& line) {
    size_t end;
    while ((end = buffer_.find("\r\n")) == std::string::npos) {
      if (buffer_.size() > 1'000'000 || !read_more()) return false;
    }
    line = buffer_.substr(0, end);
    buffer_.erase(0, end + 2);
    return true;
  }

  bool read_data(std::string& data) {
    std::string line;
    while (read_line(line)) {
      if (line == ".") return true;
      if (line.starts_with('.')) line.erase(0, 1);  // dot-unstuffing (RFC 5321 §4.5.2)
      data += line + "\r\n";
    }
    return false;
  }

  void reply(const std::string& text) {
    const std::string out = text + "\r\n";
    if (ssl_) {
      SSL_write(ssl_, out.data(), static_cast<int>(out.size()));
    } else {
      [[maybe_unused]] const auto written = ::write(socket_, out.data(), out.size());
    }
  }

  FakeSmtp& server_;
  int socket_;
  SSL* ssl_ = nullptr;
  std::string buffer_;
  std::string user_;
};

FakeSmtp::FakeSmtp(FakeSmtpOptions options) : options_(std::move(options)) {
  if (options_.tls != FakeSmtpTls::none) tls_context_ = make_tls_context();
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (bind(listener_, reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(listener_, 16) != 0 ||
      getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    throw std::runtime_error("fake SMTP: cannot listen on loopback");
  }
  port_ = ntohs(address.sin_port);
  thread_ = std::thread([this] { serve(); });
}

FakeSmtp::~FakeSmtp() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  thread_.join();
  close(listener_);
  SSL_CTX_free(static_cast<SSL_CTX*>(tls_context_));
}

std::string FakeSmtp::url() const {
  return (options_.tls == FakeSmtpTls::implicit ? "smtps://127.0.0.1:" : "smtp://127.0.0.1:") +
         std::to_string(port_);
}

void FakeSmtp::serve() {
  while (true) {
    {
      std::lock_guard lock(mutex_);
      if (stopping_) return;
    }
    pollfd waiting{listener_, POLLIN, 0};
    if (poll(&waiting, 1, 50) <= 0) continue;
    const int client = accept(listener_, nullptr, nullptr);
    if (client < 0) continue;
    // A client that stalls cannot hold the fake (and the test's end) for ever.
    timeval timeout{10, 0};
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    {
      std::lock_guard lock(mutex_);
      ++connections_;
    }
    // One session at a time: the client under test sends one mail at a time too.
    Session(*this, client).run();
  }
}

std::vector<ReceivedMail> FakeSmtp::received() const {
  std::lock_guard lock(mutex_);
  return received_;
}

bool FakeSmtp::wait_for(size_t count, std::chrono::milliseconds timeout) const {
  std::unique_lock lock(mutex_);
  return arrived_.wait_for(lock, timeout, [&] { return received_.size() >= count; });
}

void FakeSmtp::refuse_next_mails(int times, std::string reply) {
  std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i) refusals_.push_back(reply);
}

void FakeSmtp::slow_down(std::chrono::milliseconds delay) {
  std::lock_guard lock(mutex_);
  delay_ = delay;
}

int FakeSmtp::connections() const {
  std::lock_guard lock(mutex_);
  return connections_;
}

}  // namespace myvod::testing
