// The SMTP client (clients/smtp) against the fake SMTP server on loopback: STARTTLS that is required, not
// tried; TLS from the first byte; the tests' throwaway CA trusted through the CA file only; AUTH; the
// server's refusals reported with their codes; and a message that arrives byte for byte.
#include <gtest/gtest.h>

#include "clients/http_client.hpp"
#include "clients/smtp.hpp"
#include "fakes/fake_smtp.hpp"

namespace myvod::clients {
namespace {

using testing::FakeSmtp;
using testing::FakeSmtpTls;

const std::string kMessage =
    "Subject: hi\r\n\r\nline one\r\n.a line that starts with a dot\r\n..two dots\r\n";

std::string ca_file() {
  static const std::string path =
      testing::write_temporary_file("smtp-ca.pem", testing::test_certificates().ca_pem);
  return path;
}

SmtpOptions options_for(const FakeSmtp& server, SmtpSecurity security, std::string user = "",
                        std::string password = "") {
  SmtpOptions options;
  options.url = server.url();
  options.security = security;
  options.ca_file = ca_file();
  options.user = std::move(user);
  options.password = std::move(password);
  options.connect_timeout = std::chrono::seconds(5);
  options.total_timeout = std::chrono::seconds(10);
  return options;
}

TEST(SmtpClient, SendsOverStartTlsWithAuthAndTheMessageArrivesIntact) {
  FakeSmtp server({FakeSmtpTls::starttls, "mailer", "s3cret"});
  auto options = options_for(server, SmtpSecurity::starttls, "mailer", "s3cret");
  SmtpClient client(options);
  ASSERT_EQ(client.send("noreply@myvod.test", "ala@example.com", kMessage), std::nullopt);
  const auto received = server.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_TRUE(received[0].over_tls);
  EXPECT_EQ(received[0].user, "mailer");
  EXPECT_EQ(received[0].sender, "noreply@myvod.test");
  EXPECT_EQ(received[0].recipients, std::vector<std::string>{"ala@example.com"});
  EXPECT_EQ(received[0].data, kMessage);  // dot-stuffed by the client, unstuffed by the server
}

TEST(SmtpClient, SendsOverImplicitTls) {
  FakeSmtp server({FakeSmtpTls::implicit, "", ""});
  SmtpClient client(options_for(server, SmtpSecurity::tls));
  ASSERT_EQ(client.send("noreply@myvod.test", "ala@example.com", kMessage), std::nullopt);
  ASSERT_EQ(server.received().size(), 1u);
  EXPECT_TRUE(server.received()[0].over_tls);
}

TEST(SmtpClient, StartTlsIsRequiredNotTried) {
  // A server that does not offer STARTTLS gets neither the mail nor the password.
  FakeSmtp server({FakeSmtpTls::none, "mailer", "s3cret"});
  auto options = options_for(server, SmtpSecurity::starttls, "mailer", "s3cret");
  const auto failure = SmtpClient(options).send("noreply@myvod.test", "ala@example.com", kMessage);
  ASSERT_TRUE(failure.has_value());
  EXPECT_TRUE(server.received().empty());
  EXPECT_EQ(failure->message.find("s3cret"), std::string::npos);
}

TEST(SmtpClient, PlainRelayWhenAskedFor) {
  FakeSmtp server({FakeSmtpTls::none, "", ""});
  SmtpClient client(options_for(server, SmtpSecurity::none));
  ASSERT_EQ(client.send("noreply@myvod.test", "ala@example.com", kMessage), std::nullopt);
  EXPECT_FALSE(server.received().at(0).over_tls);
}

TEST(SmtpClient, AnUntrustedCertificateIsRefused) {
  FakeSmtp server({FakeSmtpTls::starttls, "", ""});
  auto options = options_for(server, SmtpSecurity::starttls);
  options.ca_file.clear();  // the system's CAs do not know the test CA
  EXPECT_TRUE(SmtpClient(options).send("noreply@myvod.test", "ala@example.com", kMessage).has_value());
  EXPECT_TRUE(server.received().empty());
}

TEST(SmtpClient, RefusalsComeBackWithTheirCodes) {
  FakeSmtp server({FakeSmtpTls::starttls, "mailer", "s3cret"});
  auto options = options_for(server, SmtpSecurity::starttls, "mailer", "wrong");
  const auto denied = SmtpClient(options).send("noreply@myvod.test", "ala@example.com", kMessage);
  ASSERT_TRUE(denied.has_value());
  EXPECT_EQ(denied->reply_code, 535);
  EXPECT_EQ(denied->message.find("wrong"), std::string::npos);

  options.password = "s3cret";
  SmtpClient client(options);
  server.refuse_next_mails(1, "451 4.3.0 Try again later");
  const auto busy = client.send("noreply@myvod.test", "ala@example.com", kMessage);
  ASSERT_TRUE(busy.has_value());
  EXPECT_EQ(busy->reply_code, 451);
  EXPECT_FALSE(busy->permanent());
  server.refuse_next_mails(1, "550 5.1.1 No such user");
  const auto refused = client.send("noreply@myvod.test", "ala@example.com", kMessage);
  ASSERT_TRUE(refused.has_value());
  EXPECT_TRUE(refused->permanent());
  EXPECT_EQ(client.send("noreply@myvod.test", "ala@example.com", kMessage), std::nullopt);
  EXPECT_EQ(server.received().size(), 1u);
}

TEST(SmtpClient, ASlowServerMeetsTheTimeout) {
  FakeSmtp server({FakeSmtpTls::none, "", ""});
  server.slow_down(std::chrono::milliseconds(400));
  auto options = options_for(server, SmtpSecurity::none);
  options.total_timeout = std::chrono::milliseconds(300);
  const auto failure = SmtpClient(options).send("noreply@myvod.test", "ala@example.com", kMessage);
  ASSERT_TRUE(failure.has_value());
  EXPECT_NE(failure->message.find("imeout"), std::string::npos) << failure->message;
}

TEST(SmtpClient, SecurityMustFitTheUrl) {
  EXPECT_EQ(smtp_security_for("smtp://h:587", "").security, SmtpSecurity::starttls);
  EXPECT_EQ(smtp_security_for("smtps://h:465", "").security, SmtpSecurity::tls);
  EXPECT_EQ(smtp_security_for("smtp://h:25", "none").security, SmtpSecurity::none);
  EXPECT_FALSE(smtp_security_for("smtp://h:587", "tls").security);
  EXPECT_FALSE(smtp_security_for("smtps://h:465", "starttls").security);
  EXPECT_FALSE(smtp_security_for("http://h", "").security);
  EXPECT_EQ(loggable_url("smtp://user:pass@mail.example.org:587/x?y"), "smtp://mail.example.org:587/x");
}

}  // namespace
}  // namespace myvod::clients
