#include <gtest/gtest.h>

#include "api/fields.hpp"
#include "api/routes.hpp"
#include "common/clock.hpp"
#include "common/gzip_reader.hpp"
#include "http/client_address.hpp"
#include "http/error_mapping.hpp"
#include "http/query.hpp"
#include "http/router.hpp"

namespace myvod {
namespace {

using http::Access;
using verb = http::bhttp::verb;

TEST(Router, MatchesPatternsMethodsAndHead) {
  http::Router<int> router({{verb::get, "/api/user-movies/", Access::user, 1},
                            {verb::post, "/api/user-movies/", Access::user, 2},
                            {verb::patch, "/api/user-movies/{id}/", Access::user, 3},
                            {verb::delete_, "/api/user-movies/{id}/", Access::user, 4}});
  auto patch = router.match(verb::patch, "/api/user-movies/42/");
  ASSERT_TRUE(patch.route);
  EXPECT_EQ(patch.route->handler, 3);
  EXPECT_EQ(patch.params, std::vector<std::string>{"42"});
  EXPECT_EQ(patch.allow, "PATCH, DELETE, OPTIONS");
  auto head = router.match(verb::head, "/api/user-movies/");
  ASSERT_TRUE(head.route);
  EXPECT_EQ(head.route->handler, 1);
  EXPECT_EQ(head.allow, "GET, POST, HEAD, OPTIONS");
  auto put = router.match(verb::put, "/api/user-movies/");
  EXPECT_TRUE(put.path_known);
  EXPECT_FALSE(put.route);
  EXPECT_FALSE(router.match(verb::get, "/api/user-movies").path_known);
  EXPECT_FALSE(router.match(verb::get, "/api/user-movies//").path_known);
  EXPECT_FALSE(router.match(verb::patch, "/api/user-movies/1/2/").path_known);
}

TEST(Router, TheApiTableHasOneRoutePerMethodAndPath) {
  const auto router = api::make_router();
  for (const auto& route : router.routes()) {
    size_t same = 0;
    for (const auto& other : router.routes())
      same += other.method == route.method && other.pattern == route.pattern;
    EXPECT_EQ(same, 1u) << route.pattern;
    // Django's trailing slashes, except the health check, Prometheus's path and the downloads, which are
    // named as files.
    EXPECT_TRUE(route.pattern.ends_with('/') || route.pattern.ends_with(".csv") ||
                route.pattern.ends_with(".json") || route.pattern == "/healthz" ||
                route.pattern == "/metrics")
        << route.pattern;
  }
}

TEST(ErrorMapping, StatusesAndHeaders) {
  EXPECT_EQ(http::http_status(ErrorCode::invalid_input), 400u);
  EXPECT_EQ(http::http_status(ErrorCode::conflict), 409u);
  EXPECT_EQ(http::http_status(ErrorCode::internal), 500u);
  auto unauthenticated = http::to_response(Error::detail(ErrorCode::unauthenticated, "no"));
  EXPECT_EQ(unauthenticated.status, 401u);
  EXPECT_EQ(*unauthenticated.body, R"({"detail":"no"})");
  ASSERT_EQ(unauthenticated.headers.size(), 1u);
  EXPECT_EQ(unauthenticated.headers[0].first, "WWW-Authenticate");
  Error throttled = Error::detail(ErrorCode::too_many_requests, "later");
  throttled.retry_after_seconds = 30;
  EXPECT_EQ(http::to_response(throttled).headers[0].second, "30");
  FieldErrors errors;
  errors.add("b", "one");
  errors.add_at("a", 2, "two");
  errors.add("b", "three");
  try {
    errors.throw_if_any();
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(boost::json::serialize(error.body()), R"({"b":["one","three"],"a":{"2":["two"]}})");
  }
}

TEST(Query, DecodesAndKeepsLastValue) {
  auto target = http::parse_target("/api/movies/?search=caf%C3%A9+paris&x=1&x=2&flag&bad=%zz");
  EXPECT_EQ(target.path, "/api/movies/");
  EXPECT_EQ(*target.query.get("search"), "café paris");
  EXPECT_EQ(*target.query.get("x"), "2");
  EXPECT_EQ(target.query.get_all("x").size(), 2u);
  EXPECT_EQ(*target.query.get("flag"), "");
  EXPECT_EQ(*target.query.get("bad"), "%zz");
  EXPECT_FALSE(target.query.get("missing"));
}

TEST(Query, InvalidUtf8IsReplacedAsDjangoDecodes) {
  auto target = http::parse_target("/?a=%FF&b=x%C3&c=%E2%82%AC&d=%ED%A0%80&%FE=1");
  EXPECT_EQ(*target.query.get("a"), "\xEF\xBF\xBD");
  EXPECT_EQ(*target.query.get("b"), "x\xEF\xBF\xBD");
  EXPECT_EQ(*target.query.get("c"), "\xE2\x82\xAC");  // a valid euro sign stays
  EXPECT_EQ(*target.query.get("d"),
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");  // an encoded surrogate is invalid
  EXPECT_EQ(*target.query.get("\xEF\xBF\xBD"), "1");
}

TEST(Fields, DrfIntegerAndBoolean) {
  EXPECT_EQ(api::drf_integer(boost::json::value(2)), 2);
  EXPECT_EQ(api::drf_integer(boost::json::value(1.0)), 1);
  EXPECT_EQ(api::drf_integer(boost::json::value("2")), 2);
  EXPECT_EQ(api::drf_integer(boost::json::value(" 3.00 ")), 3);
  EXPECT_FALSE(api::drf_integer(boost::json::value(1.5)));
  EXPECT_FALSE(api::drf_integer(boost::json::value(true)));
  EXPECT_FALSE(api::drf_integer(boost::json::value("a")));
  EXPECT_FALSE(api::drf_integer(boost::json::value("1.5")));
  EXPECT_FALSE(api::drf_integer(boost::json::value(nullptr)));
  EXPECT_EQ(api::drf_boolean("yes"), true);
  EXPECT_EQ(api::drf_boolean("OFF"), false);
  EXPECT_FALSE(api::drf_boolean("maybe"));
}

TEST(Clock, ApiAndDatabaseForms) {
  auto t = parse_db_timestamp("2026-11-21 05:33:23.851727+00");
  ASSERT_TRUE(t);
  EXPECT_EQ(to_api_string(*t), "2026-11-21T05:33:23.851727Z");
  EXPECT_EQ(to_db_string(*t), "2026-11-21 05:33:23.851727+00");
  EXPECT_EQ(to_api_string(*parse_db_timestamp("2026-11-21T23:59:59Z")), "2026-11-21T23:59:59Z");
  EXPECT_EQ(to_api_string(*parse_db_timestamp("2026-11-21 10:00:00.5+00:00")), "2026-11-21T10:00:00.500000Z");
  EXPECT_FALSE(parse_db_timestamp("2026-13-01 00:00:00"));
  EXPECT_FALSE(parse_db_timestamp("yesterday"));
}

TEST(GzipLineReader, PlainTextAndLastLineWithoutNewline) {
  const std::string text = "one\r\ntwo\nthree";
  GzipLineReader reader(
      GzipLineReader::from_memory({reinterpret_cast<const unsigned char*>(text.data()), text.size()}));
  std::string_view line;
  std::vector<std::string> lines;
  while (reader.next_line(line)) lines.emplace_back(line);
  EXPECT_EQ(lines, (std::vector<std::string>{"one", "two", "three"}));
}

TEST(GzipLineReader, CorruptGzipThrows) {
  const unsigned char bad[] = {0x1f, 0x8b, 0x08, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x00, 0x00, 0x01, 0x02, 0x03};
  GzipLineReader reader(GzipLineReader::from_memory(bad));
  std::string_view line;
  EXPECT_THROW(while (reader.next_line(line)){}, std::runtime_error);
}

}  // namespace
}  // namespace myvod

#include "store/database_url.hpp"

namespace myvod {
namespace {

TEST(DatabaseUrl, ParsesBothEnginesAndRedactsPasswords) {
  auto sqlite = store::parse_database_url("sqlite:myvod.db");
  ASSERT_TRUE(sqlite);
  EXPECT_EQ(sqlite->engine, store::Engine::sqlite);
  EXPECT_EQ(sqlite->target, "myvod.db");
  EXPECT_FALSE(store::parse_database_url("mysql://x"));
  EXPECT_FALSE(store::parse_database_url("sqlite:"));
  auto postgres = store::parse_database_url("postgresql://me:s%40cret@db.local:5433/myvod?sslmode=require");
  ASSERT_TRUE(postgres);
  EXPECT_EQ(postgres->redacted(), "postgresql://me:***@db.local:5433/myvod?sslmode=require");
  EXPECT_EQ(store::postgres_conninfo(postgres->target),
            "user='me' password='s@cret' host='db.local' port='5433' dbname='myvod' sslmode='require'");
  EXPECT_EQ(store::postgres_conninfo("postgres://[::1]:5432/x"), "host='::1' port='5432' dbname='x'");
}

TEST(AddressRange, ParsesBlocksAndMatchesByPrefix) {
  const auto address = [](const char* text) { return boost::asio::ip::make_address(text); };
  const auto ranges = http::parse_address_ranges("10.0.0.0/8, 192.168.1.7 ,fd00::/8");
  ASSERT_TRUE(ranges);
  EXPECT_TRUE(http::contains_any(*ranges, address("10.200.3.4")));
  EXPECT_FALSE(http::contains_any(*ranges, address("11.0.0.1")));
  EXPECT_TRUE(http::contains_any(*ranges, address("192.168.1.7")));
  EXPECT_FALSE(http::contains_any(*ranges, address("192.168.1.8")));
  EXPECT_TRUE(http::contains_any(*ranges, address("fd12::1")));
  EXPECT_FALSE(http::contains_any(*ranges, address("fe80::1")));
  EXPECT_TRUE(http::contains_any(*ranges, address("::ffff:10.1.2.3")));  // a dual-stack listener's peer
  EXPECT_TRUE(http::AddressRange::parse("0.0.0.0/0")->contains(address("8.8.8.8")));
  EXPECT_TRUE(http::AddressRange::parse("10.1.2.0/23")->contains(address("10.1.3.255")));
  EXPECT_FALSE(http::AddressRange::parse("10.1.2.0/23")->contains(address("10.1.4.0")));
  EXPECT_TRUE(http::parse_address_ranges("")->empty());
  EXPECT_EQ(http::parse_address_ranges("10.0.0.0/33").error(),
            "\"10.0.0.0/33\" has no valid prefix length (0 to 32)");
  EXPECT_EQ(http::parse_address_ranges("proxy.local").error(),
            "\"proxy.local\" is not an address or an address block");
  EXPECT_FALSE(http::parse_address_ranges("::1/"));
  EXPECT_FALSE(http::parse_address_ranges("::1/12x"));
}

TEST(ClientAddress, BelievesForwardingHeadersFromTrustedProxiesOnly) {
  const auto trusted = *http::parse_address_ranges("10.0.0.0/8");
  const auto peer = boost::asio::ip::make_address("10.0.0.2");
  const auto client = [&](std::initializer_list<std::pair<const char*, const char*>> headers,
                          const boost::asio::ip::address& from) {
    http::RawRequest request;
    for (const auto& [name, value] : headers) request.insert(name, value);
    return http::client_address(request, from, trusted);
  };
  EXPECT_EQ(client({}, peer), "10.0.0.2");
  EXPECT_EQ(client({{"X-Forwarded-For", "203.0.113.9"}}, peer), "203.0.113.9");
  // Read from the right: what the client wrote itself (the first entry) is not believed past a stranger.
  EXPECT_EQ(client({{"X-Forwarded-For", "1.2.3.4, 203.0.113.9, 10.0.0.7"}}, peer), "203.0.113.9");
  EXPECT_EQ(client({{"X-Forwarded-For", "1.2.3.4"}}, boost::asio::ip::make_address("198.51.100.1")),
            "198.51.100.1");
  EXPECT_EQ(client({{"X-Forwarded-For", "garbage, 10.0.0.9"}}, peer), "10.0.0.9");
  EXPECT_EQ(client({{"Forwarded", "for=192.0.2.60;proto=https;by=203.0.113.43"}}, peer), "192.0.2.60");
  EXPECT_EQ(client({{"Forwarded", "For=\"[2001:db8:cafe::17]:4711\", for=10.1.1.1:80"}}, peer),
            "2001:db8:cafe::17");
  EXPECT_EQ(client({{"Forwarded", "for=unknown"}}, peer), "10.0.0.2");
}

}  // namespace
}  // namespace myvod
