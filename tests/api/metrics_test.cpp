// GET /metrics: the Prometheus exposition, its series named by route pattern, and who may read it.
#include <chrono>
#include <thread>

#include "support/api_fixture.hpp"

namespace myvod::testing {
namespace {

class MetricsTest : public ApiTest {
 protected:
  // The value of the series whose line starts with `series` ("name{labels}"), 0 when it is not there yet.
  static double value_of(const std::string& exposition, const std::string& series) {
    const size_t at = exposition.find("\n" + series + " ");
    if (at == std::string::npos) return 0;
    return std::stod(exposition.substr(at + series.size() + 2));
  }
  static std::string scrape(const HttpClient& http = client()) {
    const auto answer = http.get("/metrics");
    EXPECT_EQ(answer.status, 200u) << answer.body;
    return answer.body;
  }
  // A request's figures are recorded once its answer is written, a moment after the client may have read it.
  static double value_reaching(const std::string& series, double expected) {
    double value = 0;
    for (int i = 0; i < 200; ++i) {
      value = value_of(scrape(), series);
      if (value >= expected) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return value;
  }
};

TEST_F(MetricsTest, LoopbackReadsTheExpositionWithRequestsByRoutePattern) {
  const std::string requests =
      R"(myvod_http_requests_total{route="/api/user-movies/{id}/",method="GET",status="401"})";
  const std::string durations =
      R"(myvod_http_request_duration_seconds_count{route="/api/user-movies/{id}/",method="GET",status="401"})";
  const std::string before = scrape();
  EXPECT_EQ(client().get("/api/user-movies/4711/").status, 401u);
  // The count and the duration are two separate updates: a scrape may fall between them, so wait for each.
  EXPECT_EQ(value_reaching(requests, value_of(before, requests) + 1), value_of(before, requests) + 1);
  EXPECT_EQ(value_reaching(durations, value_of(before, durations) + 1), value_of(before, durations) + 1);
  const std::string after = scrape();
  // The path itself never becomes a label: a client cannot grow the exposition with made-up paths. (The
  // search is for the path, not the bare number, which a byte count or a duration sum may contain.)
  EXPECT_EQ(after.find("user-movies/4711"), std::string::npos);
  EXPECT_EQ(client().get("/api/no-such-thing-31337/").status, 404u);
  EXPECT_EQ(scrape().find("no-such-thing"), std::string::npos);

  const auto answer = client().get("/metrics");
  EXPECT_EQ(answer.header("content-type"), "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(answer.header("cache-control"), "no-store");
  for (const char* family :
       {"# TYPE myvod_http_request_duration_seconds histogram", "# TYPE myvod_http_requests_in_flight gauge",
        "# TYPE myvod_worker_pool_jobs gauge", "# TYPE myvod_database_statements_total counter",
        "# TYPE myvod_search_index_titles gauge", "# TYPE process_resident_memory_bytes gauge"}) {
    EXPECT_NE(answer.body.find(family), std::string::npos) << family;
  }
}

TEST_F(MetricsTest, DatabaseStatementsAreCounted) {
  const std::string series = "myvod_database_statements_total";
  const double before = value_of(scrape(), series);
  EXPECT_EQ(client().get("/healthz").status, 200u);  // a ping on a pooled connection
  EXPECT_GT(value_reaching(series, before + 1), before);
}

TEST_F(MetricsTest, OnlyTheAllowedClientsMayReadIt) {
  const std::string refusal = R"({"detail":"You do not have permission to perform this action."})";
  // Through a proxy we do not trust, the client is unknown: a reverse proxy on loopback must not make every
  // visitor local.
  HttpRequest relayed{"GET", "/metrics", "", {{"X-Forwarded-For", "127.0.0.1"}}};
  auto answer = client().send(relayed);
  EXPECT_EQ(answer.status, 403u);
  EXPECT_EQ(answer.body, refusal);
  relayed.headers = {{"Forwarded", "for=127.0.0.1"}};
  EXPECT_EQ(client().send(relayed).status, 403u);

  auto config = base_config(database_url());
  const auto status_from_server_with = [&](const std::string& allowed) {
    config.metrics_allow = allowed;
    app::ServerApp server(config);
    server.start();
    const auto status = HttpClient(server.port()).get("/metrics").status;
    server.drain();
    server.wait();
    return status;
  };
  EXPECT_EQ(status_from_server_with("10.0.0.0/8"), 403u);
  EXPECT_EQ(status_from_server_with(""), 403u);
  // Behind a trusted proxy, the client it names is the one judged.
  config.metrics_allow = "192.0.2.0/24";
  config.trusted_proxies = "127.0.0.1, ::1";
  app::ServerApp proxied(config);
  proxied.start();
  const HttpClient http(proxied.port());
  EXPECT_EQ(http.send({"GET", "/metrics", "", {{"X-Forwarded-For", "192.0.2.10"}}}).status, 200u);
  EXPECT_EQ(http.send({"GET", "/metrics", "", {{"X-Forwarded-For", "203.0.113.5"}}}).status, 403u);
  EXPECT_EQ(http.get("/metrics").status, 403u);  // the proxy itself is not in the list
  proxied.drain();
  proxied.wait();
}

}  // namespace
}  // namespace myvod::testing
