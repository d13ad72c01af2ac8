// Mail end to end, on both engines: the server sends through the real SMTP client to the fake SMTP server
// (STARTTLS with the tests' throwaway CA, AUTH). A reset mail whose link works once; nothing for unknown
// addresses; preferences with their validation; the confirmation mail and its link; the weekly digest (only
// to confirmed addresses, only with something new); one-click unsubscribe; and failed sends retried and
// recorded in the error log.
#include "fakes/fake_smtp.hpp"
#include "fakes/mail_reading.hpp"
#include "jobs/mail_queue.hpp"
#include "service/digest.hpp"
#include "support/api_fixture.hpp"
#include "support/clocks.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

constexpr auto kMailWait = std::chrono::seconds(10);

std::string ca_file() {
  static const std::string path = write_temporary_file("api-smtp-ca.pem", test_certificates().ca_pem);
  return path;
}

class MailTest : public ApiTest {
 protected:
  void SetUp() override {
    forget_attempts();
    auto config = base_config(database_url());
    config.sync_schedule = "off";
    config.digest_schedule = "off";  // the tests run the digest themselves
    config.smtp_url = smtp_.url();
    config.smtp_ca_file = ca_file();
    config.smtp_user = "mailer";
    config.smtp_password = "relay-password";
    config.smtp_from = "myVOD <noreply@myvod.test>";
    config.public_url = "http://api.myvod.test";
    config.frontend_url = "https://myvod.test/";
    server_ = std::make_unique<app::ServerApp>(config, clock_);
    server_->start();
    here_ = std::make_unique<HttpClient>(server_->port());
  }
  void TearDown() override {
    server_->drain();
    server_->wait();
  }

  // The next mail the fake receives, read back.
  ReadMail next_mail() {
    const size_t count = seen_ + 1;
    EXPECT_TRUE(smtp_.wait_for(count, kMailWait)) << "no mail came";
    const auto received = smtp_.received();
    if (received.size() < count) return {};
    seen_ = count;
    EXPECT_TRUE(received[count - 1].over_tls);
    EXPECT_EQ(received[count - 1].user, "mailer");
    return read_mail(received[count - 1].data);
  }

  // A token from this server, whose clock the test moves.
  std::string token_here(const std::string& email) {
    return here_->post("/api/token/", {{"email", email}, {"password", "strongPassword123"}})
        .json()
        .at("access")
        .as_string()
        .c_str();
  }

  HttpResult preferences(const std::string& token) { return here_->get("/api/me/preferences/", token); }

  // Turns e-mail on and follows the confirmation link the mail brings.
  void confirm_mail(const std::string& token) {
    ASSERT_EQ(here_->patch("/api/me/preferences/", {{"email_notifications", true}}, token).status, 200u);
    const auto mail = next_mail();
    const auto link = link_to(mail.text, "/mail/confirm");
    ASSERT_TRUE(link) << mail.text;
    ASSERT_EQ(here_->post("/api/mail/confirm/", {{"token", link_parameter(*link, "token")}}).status, 200u);
  }

  // A notification for the user, as the availability sync writes it; the movie's title.
  std::string notify(const std::string& email, Timestamp at) {
    const auto user = db().users().find_by_email(email).value();
    std::string tconst, title;
    sql(db()) << "SELECT tconst, primary_title FROM movie ORDER BY tconst LIMIT 1 OFFSET " +
                     std::to_string(notified_++),
        soci::into(tconst), soci::into(title);
    const std::string stamp = to_db_string(at);
    sql(db()) << "INSERT INTO notification (user_id, tconst, platform_id, created_at) VALUES (:u, :t, 1, :c)",
        soci::use(user.id), soci::use(tconst), soci::use(stamp);
    return title;
  }

  service::DigestCounts run_digest() {
    service::MailDelivery delivery(database_, relay_client_, {.from = "myVOD <noreply@myvod.test>"}, clock_,
                                   [](std::chrono::milliseconds) { return true; });
    service::Digest digest(database_, delivery, kTestSecretKey,
                           {"https://myvod.test", "http://api.myvod.test"});
    return digest.run(clock_.now());
  }

  FakeSmtp smtp_{{FakeSmtpTls::starttls, "mailer", "relay-password"}};
  // For the tests that run the digest or a delivery themselves, as the job side does.
  store::Database database_{database_store_url(), 1};
  clients::SmtpClient relay_client_{
      {smtp_.url(), clients::SmtpSecurity::starttls, ca_file(), "mailer", "relay-password"}};
  size_t seen_ = 0;
  int notified_ = 0;
  ShiftedClock clock_;
  std::unique_ptr<app::ServerApp> server_;
  std::unique_ptr<HttpClient> here_;
};

TEST_F(MailTest, ConfigSaysMailIsOn) {
  EXPECT_TRUE(here_->get("/api/config/").json().at("mail").as_bool());
  EXPECT_FALSE(client().get("/api/config/").json().at("mail").as_bool());  // the shared server has no SMTP
}

TEST_F(MailTest, AResetMailCarriesALinkThatWorksOnce) {
  const std::string email = unique_email("forgetful");
  register_user(email);
  ASSERT_EQ(here_->post("/api/password-reset/", {{"email", email}}).status, 200u);
  const auto mail = next_mail();
  EXPECT_EQ(mail.header("To"), email);
  EXPECT_EQ(mail.header("From"), "myVOD <noreply@myvod.test>");
  EXPECT_EQ(mail.subject, "myVOD: resetowanie hasła");  // Polish by default
  EXPECT_TRUE(mail.header("Message-ID").ends_with("@myvod.test>")) << mail.header("Message-ID");
  EXPECT_TRUE(mail.header("Date").ends_with(" +0000"));
  const auto link = link_to(mail.text, "/auth/reset-password");
  ASSERT_TRUE(link) << mail.text;
  EXPECT_TRUE(link->starts_with("https://myvod.test/auth/reset-password?uid=")) << *link;
  EXPECT_NE(mail.html.find("https://myvod.test/auth/reset-password?uid="), std::string::npos);
  const boost::json::object body{{"uid", link_parameter(*link, "uid")},
                                 {"token", link_parameter(*link, "token")},
                                 {"new_password", "aBrandNewPassword42"}};
  EXPECT_EQ(here_->post("/api/password-reset/validate_token/", body).status, 200u);
  EXPECT_EQ(here_->post("/api/password-reset/confirm/", body).status, 200u);
  EXPECT_EQ(here_->post("/api/password-reset/confirm/", body).status, 400u);
  EXPECT_EQ(here_->post("/api/token/", {{"email", email}, {"password", "aBrandNewPassword42"}}).status, 200u);
}

TEST_F(MailTest, AResetMailIsInTheUsersLanguage) {
  std::string email;
  const auto token = new_user(&email).access;
  ASSERT_EQ(here_->patch("/api/me/preferences/", {{"language", "en"}}, token).status, 200u);
  ASSERT_EQ(here_->post("/api/password-reset/", {{"email", email}}).status, 200u);
  EXPECT_EQ(next_mail().subject, "myVOD: reset your password");
}

TEST_F(MailTest, UnknownAddressesGetTheSameAnswerAndNoMail) {
  const auto answer = here_->post("/api/password-reset/", {{"email", unique_email("nobody")}});
  EXPECT_EQ(answer.status, 200u);
  EXPECT_FALSE(smtp_.wait_for(1, std::chrono::milliseconds(500)));
}

TEST_F(MailTest, PreferencesHaveDefaultsAndRefuseBadValues) {
  const auto token = new_user().access;
  EXPECT_EQ(preferences(token).body,
            R"({"email_notifications":false,"language":"pl","email_confirmed":false})");
  EXPECT_EQ(here_->get("/api/me/preferences/").status, 401u);
  const auto bad =
      here_->patch("/api/me/preferences/", {{"email_notifications", "maybe"}, {"language", "de"}}, token);
  EXPECT_EQ(bad.status, 400u);
  EXPECT_EQ(
      bad.body,
      R"({"email_notifications":["Must be a valid boolean."],"language":["\"de\" is not a valid choice."]})");
  EXPECT_EQ(here_->patch("/api/me/preferences/", {{"language", nullptr}}, token).body,
            R"({"language":["This field may not be null."]})");
  EXPECT_EQ(here_->patch("/api/me/preferences/", {{"language", 7}}, token).body,
            R"({"language":["\"7\" is not a valid choice."]})");
  // A refused change changes nothing, and /api/me/ keeps exactly its keys.
  EXPECT_EQ(preferences(token).json().at("language").as_string(), "pl");
  const auto me = here_->get("/api/me/", token).json().as_object();
  EXPECT_FALSE(me.contains("language"));
  EXPECT_EQ(here_->patch("/api/me/preferences/", {{"language", "en"}}, token).body,
            R"({"email_notifications":false,"language":"en","email_confirmed":false})");
}

TEST_F(MailTest, TurningMailOnAsksToConfirmTheAddress) {
  std::string email;
  const auto token = new_user(&email).access;
  const auto on =
      here_->patch("/api/me/preferences/", {{"email_notifications", true}, {"language", "en"}}, token);
  EXPECT_EQ(on.body, R"({"email_notifications":true,"language":"en","email_confirmed":false})");
  const auto mail = next_mail();
  EXPECT_EQ(mail.header("To"), email);
  EXPECT_EQ(mail.subject, "myVOD: confirm your e-mail address");
  const auto link = link_to(mail.text, "/mail/confirm");
  ASSERT_TRUE(link) << mail.text;
  const std::string confirmation = link_parameter(*link, "token");
  // A scanner following the link changes nothing: it is the page's POST that confirms.
  EXPECT_EQ(here_->get("/api/mail/confirm/?token=" + confirmation).status, 405u);
  EXPECT_EQ(here_->post("/api/mail/confirm/", {{"token", confirmation + "x"}}).status, 400u);
  EXPECT_EQ(here_->post("/api/mail/confirm/", {{"token", "garbage"}}).body,
            R"({"error":"This link is not valid: it may have expired. Ask for a new one."})");
  EXPECT_EQ(here_->post("/api/mail/confirm/", boost::json::object{}).body,
            R"({"token":["This field is required."]})");
  EXPECT_EQ(here_->post("/api/mail/confirm/", {{"token", confirmation}}).status, 200u);
  EXPECT_EQ(here_->post("/api/mail/confirm/", {{"token", confirmation}}).status, 200u);  // twice is fine
  EXPECT_TRUE(preferences(token).json().at("email_confirmed").as_bool());
}

TEST_F(MailTest, AConfirmationLinkExpiresAndDiesWithAnAddressChange) {
  std::string email;
  auto token = new_user(&email).access;
  ASSERT_EQ(here_->patch("/api/me/preferences/", {{"email_notifications", true}}, token).status, 200u);
  const std::string confirmation = link_parameter(*link_to(next_mail().text, "/mail/confirm"), "token");
  clock_.advance(std::chrono::hours(72) + std::chrono::seconds(1));
  EXPECT_EQ(here_->post("/api/mail/confirm/", {{"token", confirmation}}).status, 400u);

  // A fresh link for the old address stops working once the address changes (the API keeps addresses as
  // they are; an operator may change one in the database).
  token = token_here(email);
  ASSERT_EQ(here_->patch("/api/me/preferences/", {{"email_notifications", true}}, token).status, 200u);
  const std::string fresh = link_parameter(*link_to(next_mail().text, "/mail/confirm"), "token");
  const std::string moved = unique_email("moved");
  sql(db()) << "UPDATE users_user SET email = :moved WHERE email = :email", soci::use(moved),
      soci::use(email);
  EXPECT_EQ(here_->post("/api/mail/confirm/", {{"token", fresh}}).status, 400u);
}

TEST_F(MailTest, TheDigestGoesOnlyToConfirmedAddressesWithSomethingNew) {
  // Other tests' users share the database: whatever they have waiting is mailed now, and they count below.
  const auto others = run_digest().recipients;
  seen_ = smtp_.received().size();
  std::string fan, unconfirmed, quiet;
  const auto fan_token = new_user(&fan).access;
  const auto unconfirmed_token = new_user(&unconfirmed).access;
  const auto quiet_token = new_user(&quiet).access;
  confirm_mail(fan_token);
  confirm_mail(quiet_token);
  ASSERT_EQ(here_->patch("/api/me/preferences/", {{"email_notifications", true}}, unconfirmed_token).status,
            200u);
  next_mail();  // the unconfirmed user's confirmation, never followed

  // Before the confirmation: not in the digest.
  notify(fan, clock_.now() - std::chrono::hours(1));
  clock_.advance(std::chrono::seconds(1));
  const std::string first = notify(fan, clock_.now());
  const std::string second = notify(fan, clock_.now());
  notify(unconfirmed, clock_.now());
  clock_.advance(std::chrono::seconds(1));

  const auto counts = run_digest();
  EXPECT_EQ(counts.recipients, others + 2);
  EXPECT_EQ(counts.sent, 1);
  EXPECT_EQ(counts.nothing_new, others + 1);
  const auto digest = next_mail();
  EXPECT_EQ(digest.header("To"), fan);
  EXPECT_EQ(digest.subject, "myVOD: nowości w Twoich serwisach (2)");
  EXPECT_NE(digest.text.find(first), std::string::npos) << digest.text;
  EXPECT_NE(digest.text.find(second), std::string::npos) << digest.text;
  EXPECT_EQ(digest.header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click");
  const std::string one_click = digest.header("List-Unsubscribe");
  ASSERT_TRUE(one_click.starts_with("<http://api.myvod.test/api/mail/unsubscribe/?token=")) << one_click;
  ASSERT_TRUE(link_to(digest.text, "/mail/unsubscribe").has_value());

  // Nothing new since: no mail.
  EXPECT_EQ(run_digest().sent, 0);
  EXPECT_FALSE(smtp_.wait_for(seen_ + 1, std::chrono::milliseconds(300)));

  // RFC 8058: the mail client POSTs a form to the List-Unsubscribe URL; no log-in.
  const std::string target =
      one_click.substr(one_click.find("/api/"), one_click.size() - 1 - one_click.find("/api/"));
  EXPECT_EQ(here_->get(target).status, 405u);
  HttpRequest form{.method = "POST",
                   .target = target,
                   .body = "List-Unsubscribe=One-Click",
                   .headers = {{"Content-Type", "application/x-www-form-urlencoded"}}};
  EXPECT_EQ(here_->send(form).status, 200u);
  EXPECT_FALSE(preferences(fan_token).json().at("email_notifications").as_bool());
  notify(fan, clock_.now());
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(run_digest().recipients, others + 1);  // the fan is gone
}

TEST_F(MailTest, TurningMailBackOnStartsFromThen) {
  std::string fan;
  const auto token = new_user(&fan).access;
  confirm_mail(token);
  ASSERT_EQ(here_->patch("/api/me/preferences/", {{"email_notifications", false}}, token).status, 200u);
  notify(fan, clock_.now());
  clock_.advance(std::chrono::seconds(1));
  // The address is confirmed already: no new confirmation mail, and what came while off is not mailed.
  const auto on = here_->patch("/api/me/preferences/", {{"email_notifications", true}}, token);
  EXPECT_EQ(on.body, R"({"email_notifications":true,"language":"pl","email_confirmed":true})");
  clock_.advance(std::chrono::seconds(1));
  EXPECT_EQ(run_digest().sent, 0);
  EXPECT_FALSE(smtp_.wait_for(seen_ + 1, std::chrono::milliseconds(300)));
}

TEST_F(MailTest, FailedSendsAreRetriedAndRecorded) {
  std::vector<std::chrono::milliseconds> pauses;
  service::MailDelivery delivery(database_, relay_client_, {.from = "noreply@myvod.test", .max_attempts = 3},
                                 clock_, [&](std::chrono::milliseconds pause) {
                                   pauses.push_back(pause);
                                   return true;
                                 });
  const auto smtp_rows = [&] { return db().integration_log().count("smtp"); };
  const long long before = smtp_rows();
  const service::OutgoingMail mail{domain::password_reset_mail("pl", "ala@example.com", "https://x"),
                                   std::nullopt};

  smtp_.refuse_next_mails(2, "451 4.3.0 Try again later");
  EXPECT_TRUE(delivery.deliver(mail));
  EXPECT_EQ(pauses,
            (std::vector<std::chrono::milliseconds>{std::chrono::seconds(5), std::chrono::seconds(10)}));
  EXPECT_EQ(smtp_rows(), before + 2);
  EXPECT_EQ(smtp_.received().size(), 1u);

  // A permanent refusal is not tried again; a server that stays down is tried max_attempts times.
  smtp_.refuse_next_mails(1, "550 5.1.1 No such user");
  EXPECT_FALSE(delivery.deliver(mail));
  EXPECT_EQ(smtp_rows(), before + 3);
  smtp_.refuse_next_mails(3, "421 4.3.2 Service not available");
  EXPECT_FALSE(delivery.deliver(mail));
  EXPECT_EQ(smtp_rows(), before + 6);
  std::string message;
  sql(db())
      << "SELECT error_message FROM integration_error_log WHERE api_type = 'smtp' ORDER BY id DESC LIMIT 1",
      soci::into(message);
  EXPECT_NE(message.find("server answered 421"), std::string::npos) << message;
  EXPECT_EQ(message.find("relay-password"), std::string::npos);
  EXPECT_EQ(message.find("ala@example.com"), std::string::npos);
}

TEST_F(MailTest, AFullQueueRefusesAndAStopSendsWhatIsQueued) {
  smtp_.slow_down(std::chrono::milliseconds(20));
  jobs::MailQueue queue(
      [&](service::Pause pause) {
        return std::make_unique<service::MailDelivery>(
            database_, relay_client_, service::DeliveryOptions{.from = "a@b.c"}, clock_, std::move(pause));
      },
      {.capacity = 3, .drain = std::chrono::seconds(30)});
  const service::OutgoingMail mail{domain::password_reset_mail("pl", "ala@example.com", "https://x"),
                                   std::nullopt};
  int accepted = 0;
  for (int i = 0; i < 10; ++i) accepted += queue.send(mail) ? 1 : 0;
  EXPECT_GE(accepted, 3);
  EXPECT_LT(accepted, 10);
  queue.stop();
  EXPECT_EQ(smtp_.received().size(), size_t(accepted));
  EXPECT_FALSE(queue.send(mail));
}

}  // namespace
}  // namespace myvod::testing
