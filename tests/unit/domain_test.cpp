#include <gtest/gtest.h>

#include "domain/email.hpp"
#include "domain/password_rules.hpp"
#include "domain/text.hpp"

namespace myvod::domain {
namespace {

TEST(Email, DjangoRules) {
  for (const char* good : {"a@b.co", "user+tag@example.co.uk", "x@localhost", "first.last@sub.domain.org",
                           "a@[127.0.0.1]", "o'neil@example.com"}) {
    EXPECT_TRUE(is_valid_email(good)) << good;
  }
  for (const char* bad : {"notanemail", "missing@domain", "@nodomain.com", "spaces in@email.com", "invalid@",
                          "a@b.c", "a..b@example.com", "a@-example.com", "a@example-.com", "", "a@b@c.com"}) {
    EXPECT_FALSE(is_valid_email(bad)) << bad;
  }
}

TEST(PasswordRules, MessagesInDjangoOrder) {
  const auto& common = CommonPasswords::bundled();
  EXPECT_GT(common.size(), 19000u);
  EXPECT_TRUE(common.contains(" PassWord123 "));
  EXPECT_EQ(validate_password("12345678", common, nullptr),
            (std::vector<std::string>{"This password is too common.", "This password is entirely numeric.",
                                      "This password must contain both letters and numbers."}));
  EXPECT_TRUE(validate_password("strongPassword123", common, nullptr).empty());
  // Length counts code points, as Python's len().
  EXPECT_EQ(validate_password("ąęółż1a", common, nullptr),
            (std::vector<std::string>{"This password is too short. It must contain at least 8 characters."}));
}

TEST(PasswordRules, SimilarityToUserAttributes) {
  const auto& common = CommonPasswords::bundled();
  const UserAttributes alice{"alice@example.com", "", "", "alice@example.com"};
  EXPECT_EQ(validate_password("alice@example1", common, &alice),
            (std::vector<std::string>{"The password is too similar to the username."}));
  EXPECT_TRUE(validate_password("NewSecurePassword456", common, &alice).empty());
  EXPECT_TRUE(validate_password("alice@example1", common, nullptr).empty());
}

TEST(PasswordRules, QuickRatioMatchesDifflib) {
  // difflib.SequenceMatcher(a='abcd', b='bcde').quick_ratio() == 0.75
  EXPECT_DOUBLE_EQ(quick_ratio(U"abcd", U"bcde"), 0.75);
  EXPECT_DOUBLE_EQ(quick_ratio(U"", U""), 1.0);
  EXPECT_DOUBLE_EQ(quick_ratio(U"aab", U"abb"), 2.0 * 2 / 6);
}

TEST(Text, Utf8AndStrip) {
  EXPECT_EQ(utf8_length("żółw"), 4u);
  EXPECT_EQ(utf8_to_u32("a\xff"
                        "b"),
            std::u32string(U"a\uFFFDb"));
  EXPECT_EQ(utf8_to_u32("\xe2\x82"), std::u32string(U"\uFFFD\uFFFD"));
  EXPECT_EQ(strip("  a b \t\n"), "a b");
  EXPECT_EQ(ascii_lower("AbC-Ż"), "abc-Ż");
}

}  // namespace
}  // namespace myvod::domain
