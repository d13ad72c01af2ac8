// Global HTTP behaviour: routing, redirects, limits, CORS, HEAD.
#include <boost/asio.hpp>
#include <future>
#include <thread>

#include "common/utf8.hpp"
#include "support/api_fixture.hpp"
#include "support/catalog_seed.hpp"

namespace myvod::testing {
namespace {

class HttpCoreTest : public ApiTest {};

TEST_F(HttpCoreTest, UnknownPathIsJson404) {
  auto result = client().get("/api/nothing-here/");
  EXPECT_EQ(result.status, 404u);
  EXPECT_EQ(result.body, R"({"detail":"Not found."})");
  EXPECT_EQ(result.header("content-type"), "application/json");
}

TEST_F(HttpCoreTest, EveryOtherPathServesTheWebUi) {
  auto root = client().get("/");
  EXPECT_EQ(root.status, 200u);
  EXPECT_EQ(root.header("content-type"), "text/html; charset=utf-8");
  EXPECT_NE(root.body.find("<title>myVOD</title>"), std::string::npos);
  EXPECT_NE(root.header("content-security-policy").find("script-src 'self'"), std::string::npos);
  // A route of the UI itself answers the same document, so a reload on it works.
  EXPECT_EQ(client().get("/auth/reset-password?uid=x&token=y").body, root.body);
  auto missing = client().get("/js/missing.js");
  EXPECT_EQ(missing.status, 404u);
  EXPECT_EQ(missing.body, R"({"detail":"Not found."})");
  auto style = client().get("/style.css");
  EXPECT_EQ(style.status, 200u);
  EXPECT_EQ(style.header("content-type"), "text/css; charset=utf-8");
  EXPECT_TRUE(style.header("content-security-policy").empty());
  // Revalidation by ETag costs no body.
  auto again = client().send({"GET", "/", std::nullopt, {{"If-None-Match", root.header("etag")}}});
  EXPECT_EQ(again.status, 304u);
  EXPECT_TRUE(again.body.empty());
  auto post = client().post("/", boost::json::object{});
  EXPECT_EQ(post.status, 405u);
  EXPECT_EQ(post.header("allow"), "GET, HEAD");
  EXPECT_EQ(post.body, R"({"detail":"Method \"POST\" not allowed."})");
  // The API's paths are the API's, with or without their trailing slash.
  EXPECT_EQ(client().get("/api").status, 404u);
  EXPECT_EQ(client().get("/healthz").body, R"({"status":"ok"})");
  EXPECT_EQ(client().get("/admin/analytics/api/nothing/").body, R"({"detail":"Not found."})");
}

TEST_F(HttpCoreTest, MissingSlashRedirects) {
  auto get = client().get("/api/platforms?x=1");
  EXPECT_EQ(get.status, 301u);
  EXPECT_EQ(get.header("location"), "/api/platforms/?x=1");
  auto post = client().post("/api/register", boost::json::object{});
  EXPECT_EQ(post.status, 308u);
  EXPECT_EQ(post.header("location"), "/api/register/");
}

TEST_F(HttpCoreTest, HeadHasGetHeadersWithoutBody) {
  auto get = client().get("/api/platforms/");
  auto head = client().method("HEAD", "/api/platforms/");
  EXPECT_EQ(head.status, 200u);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("content-length"), std::to_string(get.body.size()));
}

TEST_F(HttpCoreTest, BodyLimitGives413) {
  // The server answers as soon as it sees the length, without reading a byte of the body.
  const std::string answer = client().raw(
      "POST /api/register/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
      "1048577\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << answer;
  EXPECT_NE(answer.find(R"({"detail":"Request body too large: the limit is 1048576 bytes."})"),
            std::string::npos);
  const std::string within_limit(1024 * 1024, ' ');
  EXPECT_EQ(
      client().send({"POST", "/api/register/", within_limit, {{"Content-Type", "application/json"}}}).status,
      400u);
}

TEST_F(HttpCoreTest, MediaTypeAndJsonErrors) {
  auto form = client().send(
      {"POST", "/api/register/", "email=a", {{"Content-Type", "application/x-www-form-urlencoded"}}});
  EXPECT_EQ(form.status, 415u);
  EXPECT_EQ(form.body,
            R"({"detail":"Unsupported media type \"application/x-www-form-urlencoded\" in request."})");
  auto malformed =
      client().send({"POST", "/api/register/", "{\"email\":", {{"Content-Type", "application/json"}}});
  EXPECT_EQ(malformed.status, 400u);
  EXPECT_TRUE(malformed.json().at("detail").as_string().starts_with("JSON parse error - "));
  auto list =
      client().send({"POST", "/api/register/", "[1]", {{"Content-Type", "application/json; charset=utf-8"}}});
  EXPECT_EQ(list.status, 400u);
  EXPECT_EQ(list.body, R"({"non_field_errors":["Invalid data. Expected a dictionary, but got list."]})");
}

TEST_F(HttpCoreTest, AnswersAreValidUtf8WhateverTheRequestCarries) {
  const Tokens tokens = new_user();
  auto media = client().send({"POST", "/api/register/", "x", {{"Content-Type", "text/\xFF\xFEplain"}}});
  EXPECT_EQ(media.status, 415u);
  EXPECT_EQ(media.body, "{\"detail\":\"Unsupported media type \\\"text/\uFFFD\uFFFDplain\\\" in request.\"}");
  const std::string bearer = "Bearer " + tokens.access;
  for (const std::string target :
       {"/api/user-movies/\xFF\xFE/", "/api/user-movies/%FF%FE/", "/api/user-movies/?status=%FF",
        "/api/user-movies/?status=watchlist&ordering=%C3%28", "/api/on-vod-movies/?platform=%FF",
        "/api/movies/?search=%FF%FE&limit=%FF", "/api/movies/genres/?x=%ED%A0%80",
        "/api/notifications/?unread=%FF", "/api/imports/?source=%FF", "/api/%FF/"}) {
    const auto method = target.starts_with("/api/imports/") ? "POST" : "GET";
    auto answer =
        client().send({method, target, "a,b\n", {{"Authorization", bearer}, {"Content-Type", "text/csv"}}});
    EXPECT_TRUE(is_utf8(answer.body)) << target << " " << answer.status << " " << answer.body;
    EXPECT_NO_THROW(boost::json::parse(answer.body)) << target;
    EXPECT_LT(answer.status, 500u) << target;
  }
}

TEST_F(HttpCoreTest, OtherHostsGet400ButTheHealthCheck) {
  const auto with_host = [&](const std::string& host, const std::string& path = "/api/config/") {
    return client().raw("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
  };
  for (const std::string host : {"localhost", "LOCALHOST:8000", "127.0.0.1:1", "[::1]:8000", "[::1]"}) {
    EXPECT_TRUE(with_host(host).starts_with("HTTP/1.1 200")) << host;
  }
  for (const std::string host : {"evil.example", "127.0.0.1.evil.example", "localhost:80x", "[::1", "a b"}) {
    const std::string answer = with_host(host);
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << host;
    EXPECT_TRUE(answer.ends_with("{\"detail\":\"Invalid HTTP_HOST header: '" + host +
                                 "'. You may need to add '" + host + "' to MYVOD_ALLOWED_HOSTS.\"}"))
        << answer;
  }
  EXPECT_TRUE(with_host("evil.example", "/").starts_with("HTTP/1.1 400"));  // the web UI too
  EXPECT_TRUE(with_host("10.0.0.5", "/healthz").starts_with("HTTP/1.1 200"));
  // Prometheus names the target by its address; /metrics has its own list of clients.
  EXPECT_TRUE(with_host("10.0.0.5:8000", "/metrics").starts_with("HTTP/1.1 200"));
}

TEST_F(HttpCoreTest, ConfiguredHostsAndAnExplicitPublicUrlForLinks) {
  auto config = base_config(database_url());
  config.allowed_hosts = {".example.com", "[2001:db8::1]"};
  config.public_url = "https://movies.example.com/";
  app::ServerApp server(config);
  server.start();
  const HttpClient http(server.port());
  const auto status_for = [&](const std::string& host) {
    const std::string answer =
        http.raw("GET /api/config/ HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    return answer.substr(9, 3);
  };
  EXPECT_EQ(status_for("example.com"), "200");
  EXPECT_EQ(status_for("api.Example.com:443"), "200");
  EXPECT_EQ(status_for("[2001:db8::1]:8000"), "200");
  EXPECT_EQ(status_for("example.com.evil.net"), "400");
  EXPECT_EQ(status_for("badexample.com"), "400");
  EXPECT_EQ(status_for("localhost"), "400");

  std::string email;
  const Tokens tokens = new_user(&email);
  const auto user_id = user_id_of(db(), email);
  for (int i = 0; i < 2; ++i) {
    seed_user_movie(db(), user_id, seed_movie(db(), {.title = "Public Url Link " + std::to_string(i)}),
                    domain::UserMovieState{.watchlisted_at = minutes_ago(i)});
  }
  auto page = http.send({"GET",
                         "/api/user-movies/?status=watchlist&page_size=1",
                         std::nullopt,
                         {{"Authorization", "Bearer " + tokens.access}, {"Host", "api.example.com"}}});
  ASSERT_EQ(page.status, 200u) << page.body;
  EXPECT_EQ(page.json().at("next"),
            "https://movies.example.com/api/user-movies/?page=2&page_size=1&status=watchlist");
  server.drain();
  server.wait();
}

TEST_F(HttpCoreTest, ConnectionsOverTheLimitAre503AndTheLimitFrees) {
  namespace asio = boost::asio;
  auto config = base_config(database_url());
  config.max_connections = 3;
  app::ServerApp server(config);
  server.start();
  asio::io_context context;
  // Three kept-alive connections, each answered once, so the server has certainly counted them.
  std::vector<asio::ip::tcp::socket> held;
  const std::string health = "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n";
  for (int i = 0; i < 3; ++i) {
    auto& connection = held.emplace_back(context);
    connection.connect({asio::ip::make_address("127.0.0.1"), server.port()});
    asio::write(connection, asio::buffer(health));
    char chunk[1024];
    const size_t read = connection.read_some(asio::buffer(chunk));
    EXPECT_TRUE(std::string_view(chunk, read).starts_with("HTTP/1.1 200")) << i;
  }
  const HttpClient http(server.port());
  const std::string busy = http.raw(health);
  EXPECT_TRUE(busy.starts_with("HTTP/1.1 503")) << busy;
  EXPECT_NE(busy.find("Retry-After: 1\r\n"), std::string::npos);
  EXPECT_TRUE(busy.ends_with(R"({"detail":"The server is busy. Try again in a moment."})"));
  held.front().close();
  std::string answer;
  for (int attempt = 0; attempt < 200 && !answer.starts_with("HTTP/1.1 200"); ++attempt) {
    if (attempt) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    answer = http.raw("GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  }
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 200")) << answer;
  server.drain();
  server.wait();
}

TEST_F(HttpCoreTest, AClientStillSendingAnOversizedBodyReadsThe413) {
  namespace asio = boost::asio;
  const std::string body(3 * 1024 * 1024, 'x');
  const std::string head =
      "POST /api/register/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
      "application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\n\r\n";
  for (int attempt = 0; attempt < 5; ++attempt) {
    asio::io_context context;
    asio::ip::tcp::socket connection(context);
    connection.connect({asio::ip::make_address("127.0.0.1"), client().port()});
    // Sends the whole body, as clients that look at the answer only once they are done sending (curl, most
    // libraries) do: had the server closed with the body unread, the kernel would have reset the connection
    // and the client would have reported a failed send, never the 413.
    boost::system::error_code send_error;
    std::thread sender([&] {
      asio::write(connection, asio::buffer(head), send_error);
      if (!send_error) asio::write(connection, asio::buffer(body), send_error);
      boost::system::error_code ignored;
      connection.shutdown(asio::ip::tcp::socket::shutdown_send, ignored);
    });
    std::string answer;
    boost::system::error_code error;
    char chunk[4096];
    while (!error) answer.append(chunk, connection.read_some(asio::buffer(chunk), error));
    sender.join();
    EXPECT_FALSE(send_error) << attempt << ": " << send_error.message();
    EXPECT_TRUE(answer.starts_with("HTTP/1.1 413")) << attempt << ": " << error.message();
    EXPECT_EQ(error, asio::error::eof) << attempt;
  }
}

TEST_F(HttpCoreTest, MalformedHttpGets400) {
  const std::string answer = client().raw("GARBAGE\r\n\r\n");
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 400")) << answer;
}

TEST_F(HttpCoreTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  const std::string answer = client().raw(
      "GET /api/platforms/ HTTP/1.1\r\nHost: localhost\r\n\r\n"
      "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  EXPECT_NE(answer.find("netflix"), std::string::npos);
  EXPECT_NE(answer.find(R"({"status":"ok"})"), std::string::npos);
}

TEST_F(HttpCoreTest, CorsForAllowedOriginsOnly) {
  auto preflight =
      client().send({"OPTIONS",
                     "/api/me/",
                     std::nullopt,
                     {{"Origin", "http://localhost:5173"}, {"Access-Control-Request-Method", "PATCH"}}});
  EXPECT_EQ(preflight.status, 200u);
  EXPECT_EQ(preflight.header("access-control-allow-origin"), "http://localhost:5173");
  EXPECT_EQ(preflight.header("access-control-allow-credentials"), "true");
  EXPECT_EQ(preflight.header("access-control-allow-methods"), "DELETE, GET, OPTIONS, PATCH, POST, PUT");
  EXPECT_EQ(preflight.header("access-control-max-age"), "86400");
  auto foreign =
      client().send({"OPTIONS",
                     "/api/me/",
                     std::nullopt,
                     {{"Origin", "http://evil.example"}, {"Access-Control-Request-Method", "GET"}}});
  EXPECT_EQ(foreign.status, 200u);
  EXPECT_TRUE(foreign.header("access-control-allow-origin").empty());
  auto simple =
      client().send({"GET", "/api/platforms/", std::nullopt, {{"Origin", "http://localhost:5173"}}});
  EXPECT_EQ(simple.header("access-control-allow-origin"), "http://localhost:5173");
  EXPECT_TRUE(simple.header("access-control-allow-methods").empty());
}

TEST_F(HttpCoreTest, OptionsFollowsTheViewsAccess) {
  EXPECT_EQ(client().method("OPTIONS", "/api/me/").status, 401u);
  auto options = client().method("OPTIONS", "/api/platforms/");
  EXPECT_EQ(options.status, 200u);
  EXPECT_EQ(options.header("allow"), "GET, HEAD, OPTIONS");
}

TEST_F(HttpCoreTest, SecurityHeadersOnEveryAnswerAndNoCachingOfAccounts) {
  const auto tokens = new_user();
  const std::vector<HttpResult> answers{
      client().get("/api/platforms/"),
      client().get("/api/me/", tokens.access),
      client().post("/api/token/", boost::json::object{{"email", "nobody@example.com"}, {"password", "x"}}),
      client().get("/app/watchlist"),
      client().get("/api/no-such-thing/"),
  };
  for (const auto& answer : answers) {
    EXPECT_EQ(answer.header("x-content-type-options"), "nosniff") << answer.body;
    EXPECT_EQ(answer.header("x-frame-options"), "DENY");
    EXPECT_EQ(answer.header("referrer-policy"), "same-origin");
    EXPECT_EQ(answer.header("cross-origin-opener-policy"), "same-origin");
  }
  // The server core's own answers too.
  const std::string refused = client().raw(
      "POST /api/register/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
      "1048577\r\n\r\n");
  EXPECT_NE(refused.find("X-Content-Type-Options: nosniff"), std::string::npos) << refused;

  // DRF's Allow on every answer of a routed view, refusals included; none for a path no view serves.
  EXPECT_EQ(answers[0].header("allow"), "GET, HEAD, OPTIONS");
  EXPECT_EQ(answers[1].header("allow"), "GET, PATCH, DELETE, HEAD, OPTIONS");
  EXPECT_EQ(answers[2].status, 400u);
  EXPECT_EQ(answers[2].header("allow"), "POST, OPTIONS");
  EXPECT_EQ(client().get("/api/me/").header("allow"), "GET, PATCH, DELETE, HEAD, OPTIONS");
  EXPECT_TRUE(answers[4].header("allow").empty());

  // An account's data and anything carrying credentials is never stored by a cache; public lists may be.
  EXPECT_TRUE(answers[0].header("cache-control").empty());
  EXPECT_EQ(answers[1].header("cache-control"), "no-store");
  EXPECT_EQ(answers[2].header("cache-control"), "no-store");
  EXPECT_EQ(client().post("/api/register/", boost::json::object{}).header("cache-control"), "no-store");
  EXPECT_EQ(answers[3].header("cache-control"), "no-cache");  // the UI's files keep their own
}

TEST_F(HttpCoreTest, TheApiDescribesItselfInOpenApiAndOnAPage) {
  const auto schema = client().get("/api/schema/");
  ASSERT_EQ(schema.status, 200u);
  EXPECT_EQ(schema.header("content-type"), "application/vnd.oai.openapi+json");
  const auto document = schema.json().as_object();
  EXPECT_EQ(document.at("openapi"), "3.1.0");
  EXPECT_TRUE(document.at("paths").as_object().contains("/api/user-movies/{id}/"));
  const auto page = client().get("/api/docs/");
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.header("content-type"), "text/html; charset=utf-8");
  EXPECT_EQ(page.header("content-security-policy").find("default-src 'none'"), 0u);
  EXPECT_NE(page.body.find("<code>/api/user-movies/{id}/</code>"), std::string::npos);
  // Reachable without the trailing slash, as every API path is.
  EXPECT_EQ(client().get("/api/docs").status, 301u);
}

TEST_F(HttpCoreTest, HealthAndRequestIds) {
  auto health = client().get("/healthz");
  EXPECT_EQ(health.status, 200u);
  EXPECT_EQ(health.body, R"({"status":"ok"})");
  EXPECT_EQ(health.header("x-request-id").size(), 16u);
  auto echoed = client().send({"GET", "/healthz", std::nullopt, {{"X-Request-Id", "abc-123"}}});
  EXPECT_EQ(echoed.header("x-request-id"), "abc-123");
}

TEST_F(HttpCoreTest, GracefulDrainFinishesInFlightWorkThenCloses) {
  namespace asio = boost::asio;
  auto config = base_config(database_url());
  config.database_connections = 1;
  app::ServerApp second(config);
  second.start();
  // The test holds the server's only database connection, so the registration below stays in flight
  // until the test lets go: the drain certainly finds it unfinished.
  std::promise<void> holding, release;
  std::thread holder([&] {
    second.database().with_store([&](store::Store&) {
      holding.set_value();
      release.get_future().wait();
    });
  });
  holding.get_future().wait();
  asio::io_context context;
  asio::ip::tcp::socket connection(context);
  connection.connect({asio::ip::make_address("127.0.0.1"), second.port()});
  const std::string body = R"({"email":")" + unique_email() + R"(","password":"strongPassword123"})";
  const std::string request =
      "POST /api/register/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
      "Content-Length: " +
      std::to_string(body.size()) + "\r\n\r\n" + body;
  asio::write(connection, asio::buffer(request));
  while (second.database_jobs() == 0) std::this_thread::yield();  // the request waits for the database
  second.drain();
  EXPECT_THROW(HttpClient(second.port()).get("/healthz"), std::exception);  // no new connections
  release.set_value();
  holder.join();
  std::string answer;
  boost::system::error_code error;
  char chunk[4096];
  while (!error) answer.append(chunk, connection.read_some(asio::buffer(chunk), error));
  EXPECT_TRUE(answer.starts_with("HTTP/1.1 201")) << answer;
  EXPECT_EQ(error, asio::error::eof);  // and then the server closed the connection
  second.wait();
}

}  // namespace
}  // namespace myvod::testing
