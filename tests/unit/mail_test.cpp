// Mail on the wire (domain/mail): headers a receiving server checks, RFC 2047 subjects that never split a
// character, base64 bodies read back by a mail reader; the mails' wording in both languages; and the signed
// links of auth/mail_token.
#include "domain/mail.hpp"

#include <gtest/gtest.h>

#include "auth/mail_token.hpp"
#include "domain/mail_templates.hpp"
#include "fakes/mail_reading.hpp"

namespace myvod::domain {
namespace {

// Monday 2026-11-30T08:05:09Z.
const Timestamp kMailTime = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 11 / 30)) +
                            std::chrono::hours(8) + std::chrono::minutes(5) + std::chrono::seconds(9);

MailEnvelope envelope() {
  return {"myVOD Łódź <noreply@myvod.example>", kMailTime, "<abc@myvod.example>", "=_myvod_boundary"};
}

TEST(Mail, DateIsRfc5322) {
  EXPECT_EQ(rfc5322_date(kMailTime), "Mon, 30 Nov 2026 08:05:09 +0000");
  EXPECT_EQ(rfc5322_date(Timestamp(std::chrono::sys_days(std::chrono::year(2027) / 1 / 3))),
            "Sun, 03 Jan 2027 00:00:00 +0000");
}

TEST(Mail, AsciiSubjectsStayReadable) {
  EXPECT_EQ(encode_header_text("myVOD: reset your password"), "myVOD: reset your password");
}

TEST(Mail, Utf8SubjectsAreEncodedWordsOfAtMost75CharactersNeverSplittingACharacter) {
  const std::string subject = "Zażółć gęślą jaźń: źdźbło żółtej łąki, ćma i łoś w świetle księżyca";
  const std::string encoded = encode_header_text(subject);
  size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(start, end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_TRUE(word.starts_with("=?UTF-8?B?") && word.ends_with("?=")) << word;
    ++words;
    start = end + 3;
  }
  EXPECT_GT(words, 1);
  // Each word decodes to whole characters, and together they are the subject.
  const auto read = testing::read_mail("Subject: " + encoded + "\r\n\r\n");
  EXPECT_EQ(read.subject, subject);
}

TEST(Mail, Base64MatchesTheStandardVectors) {
  EXPECT_EQ(base64(""), "");
  EXPECT_EQ(base64("f"), "Zg==");
  EXPECT_EQ(base64("fo"), "Zm8=");
  EXPECT_EQ(base64("foo"), "Zm9v");
  EXPECT_EQ(base64("foobar"), "Zm9vYmFy");
  const std::string lines = base64_lines(std::string(100, 'x'));
  EXPECT_EQ(lines.find("\r\n"), 76u);
  EXPECT_TRUE(lines.ends_with("\r\n"));
}

TEST(Mail, RendersAMultipartMessageThatReadsBack) {
  Mail mail{"ala@example.com",
            "Cześć",
            "Linia 1\n.kropka na początku\n",
            "<p>Cześć &amp; witaj</p>",
            {{"List-Unsubscribe", "<https://x/u>"}}};
  const std::string wire = render_mail(mail, envelope());
  for (size_t at = 0, end; (end = wire.find("\r\n", at)) != std::string::npos; at = end + 2) {
    EXPECT_LE(end - at, 998u);
    EXPECT_NE(wire[at], '.');  // no line needs dot-stuffing
  }
  const auto read = testing::read_mail(wire);
  EXPECT_EQ(read.header("From"), "=?UTF-8?B?bXlWT0QgxYHDs2TFug==?= <noreply@myvod.example>");
  EXPECT_EQ(read.header("To"), "ala@example.com");
  EXPECT_EQ(read.header("Date"), "Mon, 30 Nov 2026 08:05:09 +0000");
  EXPECT_EQ(read.header("Message-ID"), "<abc@myvod.example>");
  EXPECT_EQ(read.header("MIME-Version"), "1.0");
  EXPECT_EQ(read.header("List-Unsubscribe"), "<https://x/u>");
  EXPECT_EQ(read.subject, "Cześć");
  EXPECT_EQ(read.text, mail.text);
  EXPECT_EQ(read.html, mail.html);
}

TEST(Mail, AddressesAndDomainsOfMailboxes) {
  EXPECT_EQ(address_of("myVOD <noreply@myvod.example>"), "noreply@myvod.example");
  EXPECT_EQ(address_of("noreply@myvod.example"), "noreply@myvod.example");
  EXPECT_EQ(domain_of("myVOD <noreply@myvod.example>"), "myvod.example");
  EXPECT_EQ(domain_of("noreply"), "localhost");
}

TEST(MailTemplates, ResetMailSpeaksTheUsersLanguageAndCarriesTheLink) {
  const auto polish = password_reset_mail("pl", "a@b.c", "https://x/auth/reset-password?uid=1&token=2");
  EXPECT_EQ(polish.subject, "myVOD: resetowanie hasła");
  EXPECT_NE(polish.text.find("https://x/auth/reset-password?uid=1&token=2"), std::string::npos);
  // In HTML the link's & is escaped, as an attribute needs.
  EXPECT_NE(polish.html.find("href=\"https://x/auth/reset-password?uid=1&amp;token=2\""), std::string::npos);
  EXPECT_EQ(password_reset_mail("en", "a@b.c", "l").subject, "myVOD: reset your password");
}

TEST(MailTemplates, DigestListsTheMoviesEscapedAndCarriesOneClickUnsubscribe) {
  const auto mail =
      digest_mail("en", "a@b.c", {{"<Alien>", 1979, "Netflix"}, {"Heat", std::nullopt, "Max"}}, false,
                  {"https://x/app/notifications", "https://x/mail/unsubscribe?token=t",
                   "https://api/api/mail/unsubscribe/?token=t"});
  EXPECT_EQ(mail.subject, "myVOD: 2 new on your services");
  EXPECT_NE(mail.text.find("- <Alien> (1979) – Netflix\n- Heat – Max\n"), std::string::npos) << mail.text;
  EXPECT_NE(mail.html.find("&lt;Alien&gt; (1979)"), std::string::npos);
  EXPECT_EQ(mail.html.find("<Alien>"), std::string::npos);
  ASSERT_EQ(mail.headers.size(), 2u);
  EXPECT_EQ(mail.headers[0].second, "<https://api/api/mail/unsubscribe/?token=t>");
  EXPECT_EQ(mail.headers[1].second, "List-Unsubscribe=One-Click");
}

const std::string kUser = "d9324fff-17eb-444b-a07f-97762d90c5f3";

TEST(MailToken, ConfirmationHoldsThreeDaysForTheSameAddressOnly) {
  const auth::MailTokens tokens("secret");
  const std::string token = tokens.confirmation(kUser, "a@b.c", kMailTime);
  EXPECT_EQ(auth::mail_token_user(token), kUser);
  EXPECT_TRUE(tokens.confirms(token, kUser, "a@b.c", kMailTime + std::chrono::hours(71)));
  EXPECT_FALSE(
      tokens.confirms(token, kUser, "a@b.c", kMailTime + std::chrono::hours(72) + std::chrono::seconds(1)));
  EXPECT_FALSE(tokens.confirms(token, kUser, "new@b.c", kMailTime));
  EXPECT_FALSE(tokens.confirms(token, "a1b2c3d4-17eb-444b-a07f-97762d90c5f3", "a@b.c", kMailTime));
  EXPECT_FALSE(auth::MailTokens("other secret").confirms(token, kUser, "a@b.c", kMailTime));
  EXPECT_FALSE(tokens.confirms(token.substr(0, token.size() - 1) + "0", kUser, "a@b.c", kMailTime));
}

TEST(MailToken, AnUnsubscribeTokenNamesItsUserAndNothingElse) {
  const auth::MailTokens tokens("secret");
  const std::string token = tokens.unsubscribe(kUser);
  EXPECT_EQ(tokens.unsubscribes(token), kUser);
  EXPECT_FALSE(auth::MailTokens("other secret").unsubscribes(token));
  // One purpose cannot pass for the other.
  const std::string confirmation = tokens.confirmation(kUser, "a@b.c", kMailTime);
  EXPECT_FALSE(tokens.unsubscribes(confirmation));
  EXPECT_FALSE(tokens.confirms(token, kUser, "a@b.c", kMailTime));
  for (const char* bad : {"", ".", "x.y", "no-dot", "..."}) EXPECT_FALSE(tokens.unsubscribes(bad)) << bad;
}

}  // namespace
}  // namespace myvod::domain
