#include "common/utf8.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace myvod {
namespace {

TEST(Utf8, Validity) {
  EXPECT_TRUE(is_utf8("Pasożyt 기생충 🎬"));
  EXPECT_FALSE(is_utf8("caf\xE9"));           // Latin-1
  EXPECT_FALSE(is_utf8("\xC0\xAF"));          // overlong
  EXPECT_FALSE(is_utf8("\xED\xA0\x80"));      // a surrogate
  EXPECT_FALSE(is_utf8("\xF4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_utf8("ok\xE2\x82"));        // cut short
}

TEST(Utf8, RepairReplacesEachBadByteAndKeepsTheRest) {
  EXPECT_EQ(to_valid_utf8("Pasożyt"), "Pasożyt");
  EXPECT_EQ(to_valid_utf8("caf\xE9!"), "caf\uFFFD!");
  EXPECT_EQ(to_valid_utf8("\xC0\xAF"), "\uFFFD\uFFFD");
  EXPECT_EQ(to_valid_utf8("ok\xE2\x82"), "ok\uFFFD\uFFFD");
  EXPECT_TRUE(is_utf8(to_valid_utf8("\xFF\xFE\xED\xA0\x80 z\xF4\x90\x80\x80")));
}

TEST(Utf8, RepairCutsLongTextAtACharacter) {
  EXPECT_EQ(to_valid_utf8("abcdef", 4), "abcd\u2026");
  EXPECT_EQ(to_valid_utf8("abżcd", 3), "ab\u2026");  // ż is two bytes: not split
  EXPECT_EQ(to_valid_utf8("abcd", 4), "abcd");
  EXPECT_EQ(to_valid_utf8(std::string(10'000, 'M'), 256).size(), 256u + 3u);
}

TEST(Utf8, RepairsEveryStringOfAJsonValue) {
  boost::json::value value = {{"detail", "Unsupported media type \"\xFF\" in request."},
                              {"list", boost::json::array{"ok", "\xC3"}},
                              {"k\xE9y", 1}};
  make_valid_utf8(value);
  EXPECT_EQ(boost::json::serialize(value),
            "{\"detail\":\"Unsupported media type \\\"\uFFFD\\\" in request.\",\"list\":[\"ok\",\"\uFFFD\"],"
            "\"k\uFFFDy\":1}");
}

}  // namespace
}  // namespace myvod
