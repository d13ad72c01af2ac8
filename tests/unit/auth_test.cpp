#include <gtest/gtest.h>
#include <sodium.h>

#include <atomic>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#include "auth/attempt_rule.hpp"
#include "auth/jwt.hpp"
#include "auth/password_hasher.hpp"

namespace myvod::auth {
namespace {

TEST(JwtCodec, RoundTripAndTypeCheck) {
  JwtCodec codec("secret");
  const auto claims = new_claims(TokenType::refresh, "8f0e3c2a-1111-4a2b-9c3d-444455556666", "a@b.co", 1000);
  const auto token = codec.encode(claims);
  auto decoded = codec.decode(token, 1001, TokenType::refresh);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(decoded->jti, claims.jti);
  EXPECT_EQ(*decoded->user_id, *claims.user_id);
  EXPECT_EQ(decoded->email, "a@b.co");
  EXPECT_EQ(decoded->expires_at, 1000 + kRefreshLifetimeSeconds);
  EXPECT_EQ(codec.decode(token, 1001, TokenType::access).error(), TokenProblem::wrong_type);
  EXPECT_EQ(codec.decode(token, 1000 + kRefreshLifetimeSeconds, TokenType::refresh).error(),
            TokenProblem::expired);
  EXPECT_EQ(JwtCodec("other").decode(token, 1001, std::nullopt).error(), TokenProblem::invalid);
  EXPECT_EQ(codec.decode("a.b.c", 1001, std::nullopt).error(), TokenProblem::invalid);
  EXPECT_EQ(codec.decode(token + "x", 1001, std::nullopt).error(), TokenProblem::invalid);
}

TEST(JwtCodec, WritesSimplejwtsBytes) {
  // The token PyJWT writes for simplejwt's payload, claims in the order simplejwt sets them: token_type, exp,
  // iat, jti, user_id (then our email); the header's keys sorted.
  TokenClaims claims{.type = TokenType::access,
                     .issued_at = 1'700'000'000,
                     .expires_at = 1'700'003'600,
                     .jti = "0123456789abcdef0123456789abcdef",
                     .user_id = "8f0e3c2a-1111-4a2b-9c3d-444455556666",
                     .user_id_present = true,
                     .email = "a@b.co"};
  EXPECT_EQ(JwtCodec("secret").encode(claims),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            "eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjoxNzAwMDAzNjAwLCJpYXQiOjE3MDAwMDAwMDAsImp0aSI6IjAxMjM0NTY3"
            "ODlhYmNkZWYwMTIzNDU2Nzg5YWJjZGVmIiwidXNlcl9pZCI6IjhmMGUzYzJhLTExMTEtNGEyYi05YzNkLTQ0NDQ1NTU1NjY2"
            "NiIsImVtYWlsIjoiYUBiLmNvIn0."
            "-50m18JRkOBxWACmciob8vrpdM_AfVRU1r0CssVXm_Q");
}

TEST(JwtCodec, RejectsOtherAlgorithmsAndUnsignedTokens) {
  // {"alg":"none"} token with the same claims and no signature.
  EXPECT_FALSE(
      JwtCodec("secret").decode("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0."
                                "eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjo5OTk5OTk5OTk5LCJqdGkiOiJ4In0.",
                                1, std::nullopt));
  // HS512 over the same key: libjwt on its own accepts any HMAC algorithm; the codec must not.
  const char* hs512 =
      "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9."
      "eyJ0b2tlbl90eXBlIjoiYWNjZXNzIiwiZXhwIjo5OTk5OTk5OTk5LCJqdGkiOiJ4In0."
      "c2lnbmF0dXJl";
  EXPECT_FALSE(JwtCodec("secret").decode(hs512, 1, std::nullopt));
}

TEST(PasswordHasher, BcryptSha256RoundTrip) {
  PasswordHasher hasher(4);
  const auto hash = hasher.hash("correct horse battery staple 1");
  EXPECT_TRUE(hash.starts_with("bcrypt_sha256$$2b$04$"));
  EXPECT_EQ(hash.size(), std::string("bcrypt_sha256$").size() + 60);
  EXPECT_TRUE(hasher.verify("correct horse battery staple 1", hash));
  EXPECT_FALSE(hasher.verify("correct horse battery staple 2", hash));
  EXPECT_NE(hasher.hash("same"), hasher.hash("same"));
  EXPECT_FALSE(hasher.needs_rehash(hash));
  EXPECT_TRUE(PasswordHasher(5).needs_rehash(hash));
}

TEST(PasswordHasher, LongPasswordsAreNotTruncatedAt72Bytes) {
  PasswordHasher hasher(4);
  const std::string base(80, 'a');
  const auto hash = hasher.hash(base + "1");
  EXPECT_FALSE(hasher.verify(base + "2", hash));
}

TEST(PasswordHasher, VerifiesDjangoPbkdf2AndArgon2) {
  PasswordHasher hasher(4);
  // Python: base64(hashlib.pbkdf2_hmac('sha256', b'strongPassword123', b'abcdefgh', 1000))
  const std::string pbkdf2 = "pbkdf2_sha256$1000$abcdefgh$QOsaK+22EseHZBQ4B18FQLnOjdq8GlceUYVWUGEXGYc=";
  EXPECT_TRUE(hasher.verify("strongPassword123", pbkdf2));
  EXPECT_FALSE(hasher.verify("strongPassword124", pbkdf2));
  EXPECT_TRUE(hasher.needs_rehash(pbkdf2));
  ASSERT_GE(sodium_init(), 0);
  char argon[crypto_pwhash_STRBYTES];
  ASSERT_EQ(crypto_pwhash_str(argon, "pw", 2, crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
  const std::string django_argon = std::string("argon2") + argon;
  EXPECT_TRUE(hasher.verify("pw", django_argon));
  EXPECT_FALSE(hasher.verify("px", django_argon));
  EXPECT_FALSE(hasher.verify("pw", "!unusable"));
  EXPECT_FALSE(hasher.verify("pw", "pbkdf2_sha256$broken"));
}

// One key's and one address's attempts, as a caller of the rules keeps them.
struct Budget {
  AttemptRule rule;
  std::map<std::string, Attempts> by_key;
  std::map<std::string, Attempts> by_address;
  std::optional<std::chrono::seconds> reserve(const std::string& key, const std::string& address,
                                              Timestamp now) {
    return reserve_attempt(rule, by_key[key], by_address[address], now);
  }
};

TEST(AttemptRule, CountsEachKeyAndAddressAgainstItsOwnBudget) {
  Budget budget{{3, 5, std::chrono::seconds(60)}, {}, {}};
  const auto start = now_utc();
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(budget.reserve("a@x.io", "1.1.1.1", start));
  EXPECT_EQ(budget.reserve("a@x.io", "2.2.2.2", start)->count(), 60);  // same e-mail, other address
  // The address has 2 attempts left for other e-mails; a refused attempt counts nowhere.
  EXPECT_FALSE(budget.reserve("b@x.io", "1.1.1.1", start));
  EXPECT_FALSE(budget.reserve("c@x.io", "1.1.1.1", start));
  EXPECT_TRUE(budget.reserve("d@x.io", "1.1.1.1", start));
  EXPECT_FALSE(budget.reserve("d@x.io", "2.2.2.2", start));
  EXPECT_EQ(budget.reserve("a@x.io", "2.2.2.2", start + std::chrono::seconds(20))->count(), 40);
  EXPECT_FALSE(budget.reserve("a@x.io", "2.2.2.2", start + std::chrono::seconds(60)));
  EXPECT_EQ(budget.by_key["a@x.io"].size(), 1u);  // the three that left the window are gone
}

TEST(AttemptRule, ASuccessForgetsTheKeyAndGivesTheAddressItsAttemptBack) {
  Budget budget{{2, 2, std::chrono::seconds(60)}, {}, {}};
  const auto start = now_utc();
  EXPECT_FALSE(budget.reserve("a@x.io", "1.1.1.1", start));
  EXPECT_FALSE(budget.reserve("a@x.io", "1.1.1.1", start + std::chrono::seconds(1)));
  give_back_attempt(budget.by_key["a@x.io"], budget.by_address["1.1.1.1"], start + std::chrono::seconds(1));
  EXPECT_FALSE(budget.reserve("a@x.io", "1.1.1.1", start + std::chrono::seconds(2)));
  EXPECT_TRUE(budget.reserve("b@x.io", "1.1.1.1", start + std::chrono::seconds(2)));  // 2 failures count
}

TEST(AttemptRule, ZeroTurnsALimitOff) {
  Budget budget{{0, 2, std::chrono::seconds(60)}, {}, {}};
  const auto start = now_utc();
  EXPECT_FALSE(budget.reserve("a@x.io", "1.1.1.1", start));
  EXPECT_FALSE(budget.reserve("a@x.io", "1.1.1.1", start));
  EXPECT_TRUE(budget.reserve("a@x.io", "1.1.1.1", start));
  EXPECT_FALSE(budget.reserve("a@x.io", "2.2.2.2", start));
  EXPECT_FALSE((AttemptRule{0, 0, std::chrono::seconds(60)}.limits_anything()));
}

}  // namespace
}  // namespace myvod::auth
