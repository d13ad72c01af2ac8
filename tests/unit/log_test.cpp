#include "common/log.hpp"

#include <gtest/gtest.h>

#include "common/utf8.hpp"

namespace myvod::log {
namespace {

TEST(LogLine, IsValidJsonWhateverTheFieldsCarry) {
  const Timestamp at{std::chrono::seconds{1'700'000'000}};
  const std::string method(10'000, 'X');
  const std::string line = format_line(Level::info, "request",
                                       {{"method", method}, {"path", "/api/\xFF\xC3("}, {"status", 400}}, at);
  EXPECT_TRUE(is_utf8(line));
  const auto parsed = boost::json::parse(line).as_object();
  EXPECT_EQ(parsed.at("msg"), "request");
  EXPECT_EQ(parsed.at("path"), "/api/\uFFFD\uFFFD(");
  EXPECT_EQ(parsed.at("status"), 400);
  EXPECT_EQ(parsed.at("method").as_string().size(), kMaxFieldBytes + 3);  // cut, with "…"
  EXPECT_LT(line.size(), 1500u);
}

}  // namespace
}  // namespace myvod::log
