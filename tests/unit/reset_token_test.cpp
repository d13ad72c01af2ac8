// Reset links: Django's token for the same inputs (vectors computed with Django's algorithm in Python), its
// expiry, and the uid's base64 both ways.
#include "auth/reset_token.hpp"

#include <gtest/gtest.h>

namespace myvod::auth {
namespace {

// 2026-11-30T10:00:00Z.
const Timestamp kNow =
    Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 11 / 30)) + std::chrono::hours(10);

ResetSubject subject() {
  return {"d9324fff-17eb-444b-a07f-97762d90c5f3", "bcrypt_sha256$$2b$12$abc", std::nullopt,
          "user@example.com"};
}

TEST(ResetToken, MatchesDjangosGenerator) {
  const ResetTokens tokens("django-insecure-secret");
  EXPECT_EQ(tokens.make(subject(), kNow), "diup40-33bc7d03395d9ca4aefb4ae14f0d267c");
  auto logged_in = subject();
  logged_in.last_login = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 11 / 1)) +
                         std::chrono::hours(8) + std::chrono::minutes(30) + std::chrono::microseconds(123);
  EXPECT_EQ(tokens.make(logged_in, kNow), "diup40-5d28092ad7826c15a6f476a68b606e8a");
}

TEST(ResetToken, HoldsThreeDaysForTheSameAccountState) {
  const ResetTokens tokens("secret");
  const std::string token = tokens.make(subject(), kNow);
  EXPECT_TRUE(tokens.check(subject(), token, kNow + kResetTokenLifetime));
  EXPECT_FALSE(tokens.check(subject(), token, kNow + kResetTokenLifetime + std::chrono::seconds(1)));
  auto changed = subject();
  changed.password_hash += "x";
  EXPECT_FALSE(tokens.check(changed, token, kNow));
  EXPECT_FALSE(ResetTokens("other secret").check(subject(), token, kNow));
  for (const char* bad :
       {"", "-", "diup40", "diup40-", "diup40-33bc-7d", "zzzzzzzzzzzzzz-33bc7d03395d9ca4aefb4ae14f0d267c",
        "di!p40-33bc7d03395d9ca4aefb4ae14f0d267c"}) {
    EXPECT_FALSE(tokens.check(subject(), bad, kNow)) << bad;
  }
}

TEST(ResetToken, UidIsUrlSafeBase64OfTheUuid) {
  EXPECT_EQ(encode_reset_uid("d9324fff-17eb-444b-a07f-97762d90c5f3"),
            "ZDkzMjRmZmYtMTdlYi00NDRiLWEwN2YtOTc3NjJkOTBjNWYz");
  EXPECT_EQ(decode_reset_uid("ZDkzMjRmZmYtMTdlYi00NDRiLWEwN2YtOTc3NjJkOTBjNWYz"),
            "d9324fff-17eb-444b-a07f-97762d90c5f3");
  EXPECT_EQ(decode_reset_uid("ZDkzMjRmZmYtMTdlYi00NDRiLWEwN2YtOTc3NjJkOTBjNWYz=="),
            "d9324fff-17eb-444b-a07f-97762d90c5f3");
  for (const char* bad : {"", "%%%", "Zm9v", "ZDkzMjRmZmYtMTdlYi00NDRiLWEwN2YtOTc3NjJkOTBjNWY",
                          "ZDkzMjRmZmYtMTdlYi00NDRiLWEwN2YtOTc3NjJkOTBjNWYzA"}) {
    EXPECT_EQ(decode_reset_uid(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace myvod::auth
