// The TMDB client and the HTTP client under it, against the fake TMDB over loopback.
#include <gtest/gtest.h>

#include "clients/tmdb.hpp"
#include "fakes/fake_tmdb.hpp"

namespace myvod::clients {
namespace {

using testing::FakeTmdb;

constexpr const char* kKey = "0123456789abcdef0123456789abcdef";                     // a v3 key
constexpr const char* kToken = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl";  // a v4 token

struct Recorded {
  std::vector<std::chrono::milliseconds> waits;
};

TmdbHttp client(const FakeTmdb& fake, Recorded& recorded, const std::string& key = kKey,
                HttpOptions options = {}) {
  options.first_backoff = std::chrono::milliseconds(300);
  TmdbOptions tmdb;
  tmdb.api_key = key;
  tmdb.base_url = fake.base_url();
  tmdb.requests_per_second = 1000;
  return TmdbHttp(tmdb, HttpClient(options, [&recorded](auto wait) { recorded.waits.push_back(wait); }),
                  system_clock());
}

TEST(TmdbClient, FindsTheMovieAndItsPosters) {
  FakeTmdb fake(kKey);
  fake.add_movie("tt0111161", 278, {{"en", "/en.jpg"}, {"pl", "/pl.jpg"}, {std::nullopt, "/plain.jpg"}});
  Recorded recorded;
  auto tmdb = client(fake, recorded);
  EXPECT_EQ(*tmdb.find_movie("tt0111161"), 278);
  EXPECT_EQ(*tmdb.find_movie("tt9999999"), std::nullopt);  // TMDB does not know it
  const auto images = tmdb.movie_images(278);
  ASSERT_TRUE(images);
  ASSERT_EQ(images->size(), 3u);
  EXPECT_EQ((*images)[1].language, "pl");
  EXPECT_EQ((*images)[2].language, std::nullopt);
  EXPECT_EQ(fake.targets().front(), "/3/find/tt0111161?external_source=imdb_id&api_key=" + std::string(kKey));
  // Answers are remembered: asking again costs no call.
  const size_t calls = fake.calls();
  EXPECT_EQ(*tmdb.find_movie("tt0111161"), 278);
  EXPECT_EQ(fake.calls(), calls);
}

TEST(TmdbClient, AReadAccessTokenTravelsInTheAuthorizationHeader) {
  FakeTmdb fake(kToken);
  fake.add_movie("tt0111161", 278, {});
  Recorded recorded;
  auto tmdb = client(fake, recorded, kToken);
  EXPECT_EQ(*tmdb.find_movie("tt0111161"), 278);
  EXPECT_EQ(fake.authorizations().back(), "Bearer " + std::string(kToken));
  EXPECT_EQ(fake.targets().back().find("api_key"), std::string::npos);
}

TEST(TmdbClient, RetriesARateLimitAfterTheTimeItAsksFor) {
  FakeTmdb fake(kKey);
  fake.add_movie("tt0000429", 429, {});
  fake.misbehave("tt0000429", FakeTmdb::Misbehaviour::rate_limited_once);
  Recorded recorded;
  auto tmdb = client(fake, recorded);
  EXPECT_EQ(*tmdb.find_movie("tt0000429"), 429);
  ASSERT_EQ(recorded.waits.size(), 1u);
  EXPECT_EQ(recorded.waits[0], std::chrono::seconds(1));  // Retry-After: 1, not the backoff
}

TEST(TmdbClient, ServerErrorsEndInAFailureThatNamesNoKey) {
  FakeTmdb fake(kKey);
  fake.misbehave("tt0000500", FakeTmdb::Misbehaviour::server_error);
  Recorded recorded;
  auto tmdb = client(fake, recorded);
  const auto found = tmdb.find_movie("tt0000500");
  ASSERT_FALSE(found);
  EXPECT_EQ(found.error().message, "GET " + fake.base_url() + "/find/tt0000500: HTTP 500 after 3 attempts");
  EXPECT_EQ(found.error().status, 500);
  EXPECT_EQ(recorded.waits, (std::vector<std::chrono::milliseconds>{std::chrono::milliseconds(300),
                                                                    std::chrono::milliseconds(600)}));
  EXPECT_EQ(fake.calls(), 3u);
}

TEST(TmdbClient, MalformedSlowAndOversizedAnswersAreFailures) {
  FakeTmdb fake(kKey);
  fake.misbehave("tt0000001", FakeTmdb::Misbehaviour::malformed);
  fake.misbehave("tt0000002", FakeTmdb::Misbehaviour::slow);
  Recorded recorded;
  HttpOptions options;
  options.total_timeout = std::chrono::milliseconds(200);
  options.max_attempts = 1;
  auto tmdb = client(fake, recorded, kKey, options);
  EXPECT_EQ(tmdb.find_movie("tt0000001").error().message,
            "GET " + fake.base_url() + "/find/tt0000001: unexpected answer (not a JSON object)");
  const auto slow = tmdb.find_movie("tt0000002");
  ASSERT_FALSE(slow);
  EXPECT_NE(slow.error().message.find("Timeout"), std::string::npos) << slow.error().message;
  EXPECT_EQ(slow.error().message.find(kKey), std::string::npos);

  fake.add_movie("tt0000003", 3, {{"en", "/a-rather-long-file-name-for-a-poster.jpg"}});
  options.max_response_bytes = 64;
  auto small = client(fake, recorded, kKey, options);
  const auto images = small.movie_images(3);
  ASSERT_FALSE(images);
  EXPECT_NE(images.error().message.find("answer larger than 64 bytes"), std::string::npos);
}

TEST(HttpClient, LoggableUrlsCarryNoQuery) {
  EXPECT_EQ(loggable_url("https://api.themoviedb.org/3/find/tt1?api_key=secret#x"),
            "https://api.themoviedb.org/3/find/tt1");
  EXPECT_EQ(url_encode("a b/c?d=é"), "a%20b%2Fc%3Fd%3D%C3%A9");
}

}  // namespace
}  // namespace myvod::clients
