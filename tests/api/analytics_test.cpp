// /admin/analytics/api/...: every figure checked against users, rows and log entries this test builds, on
// a database of its own (the figures count everyone) and a clock that stands still.
#include <soci/soci.h>

#include "common/random.hpp"
#include "support/api_fixture.hpp"
#include "support/catalog_seed.hpp"
#include "support/clocks.hpp"
#include "support/raw_sql.hpp"

namespace myvod::testing {
namespace {

using std::chrono::days;
using std::chrono::hours;

// 2026-06-15T12:00:00Z.
const Timestamp kNow = Timestamp(std::chrono::sys_days(std::chrono::year(2026) / 6 / 15)) + hours(12);
constexpr const char* kApi = "/admin/analytics/api/";

// RFC 4180 read back: quoted fields, doubled quotes, CRLF records.
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back() == std::vector<std::string>(1)) rows.pop_back();
  return rows;
}

class AnalyticsTest : public ApiTest {
 protected:
  void SetUp() override {
    fresh_ = std::make_unique<TestDatabase>(engine_under_test());
    auto config = base_config(fresh_->url());
    config.sync_schedule = "off";
    server_ = std::make_unique<app::ServerApp>(config, clock_);
    server_->start();
    here_ = std::make_unique<HttpClient>(server_->port());
    store_ = store::open_store(fresh_->store_url());
    const std::string email = unique_email("staff");
    ASSERT_EQ(here_->post("/api/register/", {{"email", email}, {"password", "strongPassword123"}}).status,
              201u);
    sql(*store_) << "UPDATE users_user SET is_staff = TRUE WHERE email = :email", soci::use(email);
    staff_id_ = user_id_of(*store_, email);
    staff_ = std::string(here_->post("/api/token/", {{"email", email}, {"password", "strongPassword123"}})
                             .json()
                             .at("access")
                             .as_string());
  }
  void TearDown() override {
    server_->drain();
    server_->wait();
  }

  HttpResult get(const std::string& path) { return here_->get(kApi + path, staff_); }

  std::string add_user(Timestamp joined, bool active = true) {
    const std::string id = random_uuid4();
    store_->users().insert({id, unique_email("member"), "unusable", false, joined});
    if (!active) sql(*store_) << "UPDATE users_user SET is_active = FALSE WHERE id = :id", soci::use(id);
    return id;
  }

  void add_batch(const std::string& user_id) {
    const std::string at = to_db_string(kNow - days(1));
    sql(*store_) << "INSERT INTO ai_suggestion_batch (user_id, generated_at, expires_at) VALUES (:u, :g, :e)",
        soci::use(user_id), soci::use(at), soci::use(at);
  }

  void log_error(const std::string& api_type, const std::string& message, Timestamp at,
                 std::optional<std::string> user_id = std::nullopt) {
    store_->integration_log().record({api_type, message, "{}", std::move(user_id), at});
  }

  std::string movie(const std::string& title, std::optional<int> year = 2000) {
    return seed_movie(*store_, {.title = title, .year = year});
  }

  static domain::UserMovieState listed(Timestamp at) { return {.watchlisted_at = at}; }

  ManualClock clock_{kNow};
  std::unique_ptr<TestDatabase> fresh_;
  std::unique_ptr<app::ServerApp> server_;
  std::unique_ptr<HttpClient> here_;
  std::unique_ptr<store::Store> store_;
  std::string staff_, staff_id_;
};

TEST_F(AnalyticsTest, StaffOnlyWithTheContractsRefusals) {
  for (const char* path :
       {"metrics/", "top-movies/", "top-movies/export.csv", "error-logs/", "error-logs/export.csv"}) {
    const auto anonymous = here_->get(kApi + std::string(path));
    EXPECT_EQ(anonymous.status, 401u) << path;
    EXPECT_EQ(anonymous.body, R"({"detail":"Authentication credentials were not provided."})");
    const std::string email = unique_email();
    here_->post("/api/register/", {{"email", email}, {"password", "strongPassword123"}});
    const auto token =
        here_->post("/api/token/", {{"email", email}, {"password", "strongPassword123"}}).json();
    const auto member = here_->get(kApi + std::string(path), std::string(token.at("access").as_string()));
    EXPECT_EQ(member.status, 403u) << path;
    EXPECT_EQ(member.body, R"({"detail":"You do not have permission to perform this action."})");
  }
}

TEST_F(AnalyticsTest, MetricsWithNobodyToMeasureAreIntegerZeros) {
  const auto metrics = get("metrics/");
  ASSERT_EQ(metrics.status, 200u) << metrics.body;
  // Only the staff member, who joined just now: no one has been here 7 days, nobody has a movie.
  for (const char* zero : {R"("retention_7d_percent":0,)", R"("retention_30d_percent":0,)",
                           R"("pct_users_with_min_10_movies":0.0,)", R"("avg_movies_per_user":0,)",
                           R"("retention_timeseries":[],)"}) {
    EXPECT_NE(metrics.body.find(zero), std::string::npos) << zero << " in " << metrics.body;
  }
  EXPECT_NE(metrics.body.find(R"("last_updated_at":"2026-06-15T12:00:00+00:00")"), std::string::npos);
}

TEST_F(AnalyticsTest, MetricsCountWhatTheDatabaseHolds) {
  const std::string long_ago = to_db_string(kNow - days(2000));
  sql(*store_) << "UPDATE users_user SET date_joined = :at WHERE id = :id", soci::use(long_ago),
      soci::use(staff_id_);
  const auto a = add_user(kNow - hours(1));  // joined today, no movies
  const auto b = add_user(kNow - days(5));
  const auto c = add_user(kNow - days(10));
  const auto d = add_user(kNow - days(35));
  const auto e = add_user(kNow - days(40), false);  // inactive
  const auto f = add_user(kNow - days(2000));
  const auto g = add_user(kNow - days(33));
  (void)a;
  for (int i = 0; i < 10; ++i)
    seed_user_movie(*store_, b, movie("Ten " + std::to_string(i)), listed(kNow - days(4)));
  seed_user_movie(*store_, c, movie("Kept"),
                  {.watchlisted_at = kNow - days(8), .added_from_ai_suggestion = true});
  seed_user_movie(*store_, c, movie("Removed"),
                  {.watchlisted_at = kNow - days(7), .watchlist_deleted_at = kNow - days(6)});
  seed_user_movie(*store_, d, movie("Seen"), {.watched_at = kNow - days(20)});
  seed_user_movie(*store_, e, movie("Inactive"),
                  {.watchlisted_at = kNow - days(30), .added_from_ai_suggestion = true});
  seed_user_movie(*store_, g, movie("Late"), listed(kNow - days(13)));
  add_batch(e);
  add_batch(f);

  const auto metrics = get("metrics/");
  ASSERT_EQ(metrics.status, 200u) << metrics.body;
  const auto json = metrics.json().as_object();
  // Active: staff, a, b, c, d, f, g.
  EXPECT_EQ(json.at("total_users"), 7);
  EXPECT_EQ(json.at("new_users"), boost::json::parse(R"({"today":1,"last_7_days":2,"last_30_days":3})"));
  // Here 7 days or more: staff, c, d, f, g; of them c, d, g have rows. 30 days: staff, d, f, g; d, g.
  EXPECT_EQ(json.at("retention_7d_percent"), 60.0);
  EXPECT_EQ(json.at("retention_30d_percent"), 50.0);
  EXPECT_EQ(json.at("pct_users_with_min_10_movies"), 14.3);  // b: 1 of 7
  EXPECT_EQ(json.at("pct_users_used_ai"), 28.6);             // e (inactive counts above the line) and f
  EXPECT_EQ(json.at("pct_users_added_ai_movies"), 28.6);     // c and e
  EXPECT_EQ(json.at("avg_movies_per_user"), 2.8);            // 14 kept rows over b, c, d, e, g
  // Exactly how the original's client reads them: a float keeps its ".0".
  EXPECT_NE(metrics.body.find(R"("retention_7d_percent":60.0,)"), std::string::npos) << metrics.body;

  // Weekly cohorts, oldest first: d and g (from now-35d): g watchlisted 22 days into the week; c (from
  // now-14d) within 7 days; of a and b (from now-7d), b. Weeks without sign-ups have no point.
  EXPECT_EQ(json.at("retention_timeseries"), boost::json::parse(R"([
      {"date":"2026-05-11","retention_7d":0.0,"retention_30d":50.0},
      {"date":"2026-06-01","retention_7d":100.0,"retention_30d":100.0},
      {"date":"2026-06-08","retention_7d":50.0,"retention_30d":50.0}])"));
  const auto& days_series = json.at("new_users_timeseries").as_array();
  ASSERT_EQ(days_series.size(), 30u);
  EXPECT_EQ(days_series.front(), boost::json::parse(R"({"date":"2026-05-17","count":0})"));
  EXPECT_EQ(days_series.back(), boost::json::parse(R"({"date":"2026-06-15","count":1})"));
  long long joined = 0;
  for (const auto& day : days_series) joined += day.at("count").as_int64();
  EXPECT_EQ(joined, 3);  // a, b, c
  EXPECT_EQ(days_series[24], boost::json::parse(R"({"date":"2026-06-10","count":1})"));
}

TEST_F(AnalyticsTest, TopMoviesCountByListAndRangeWithATieBreaker) {
  const auto often = movie("Often, \"Quoted\"", 1999), twice = movie("Twice"),
             old = movie("Old Favourite", std::nullopt);
  std::vector<std::string> users;
  for (int i = 0; i < 4; ++i) users.push_back(add_user(kNow - days(100)));
  for (int i = 0; i < 3; ++i) seed_user_movie(*store_, users[i], often, listed(kNow - days(1)));
  seed_user_movie(*store_, users[0], twice, listed(kNow - days(2)));
  seed_user_movie(*store_, users[1], twice, listed(kNow - days(3)));
  seed_user_movie(*store_, users[3], twice, {.watchlisted_at = kNow - days(1), .watchlist_deleted_at = kNow});
  for (int i = 0; i < 4; ++i) seed_user_movie(*store_, users[i], old, {.watched_at = kNow - days(20 + i)});

  const auto week = get("top-movies/");
  ASSERT_EQ(week.status, 200u) << week.body;
  EXPECT_EQ(
      week.json(),
      boost::json::parse("{\"type\":\"watchlist\",\"range\":\"7d\",\"items\":["
                         "{\"tconst\":\"" +
                         often +
                         "\",\"primary_title\":\"Often, \\\"Quoted\\\"\",\"start_year\":1999,\"count\":3},"
                         "{\"tconst\":\"" +
                         twice + "\",\"primary_title\":\"Twice\",\"start_year\":2000,\"count\":2}]}"));
  const auto watched_week = get("top-movies/?type=watched&range=7d").json();
  EXPECT_TRUE(watched_week.at("items").as_array().empty());
  const auto watched_month = get("top-movies/?type=watched&range=30d").json();
  ASSERT_EQ(watched_month.at("items").as_array().size(), 1u);
  EXPECT_EQ(watched_month.at("items").at(0).at("count"), 4);
  EXPECT_EQ(watched_month.at("items").at(0).at("start_year"), nullptr);

  // Ties go by tconst: eleven movies with one watchlisting each, ten shown.
  std::vector<std::string> tied;
  for (int i = 0; i < 11; ++i) {
    tied.push_back(movie("Tied " + std::to_string(i)));
    seed_user_movie(*store_, users[3], tied.back(), listed(kNow - days(200)));
  }
  const auto all = get("top-movies/?type=watchlist&range=all").json();
  const auto& items = all.at("items").as_array();
  ASSERT_EQ(items.size(), 10u);
  EXPECT_EQ(items[0].at("tconst").as_string(), often);
  EXPECT_EQ(items[1].at("tconst").as_string(), twice);
  for (size_t i = 2; i < items.size(); ++i) EXPECT_EQ(items[i].at("tconst").as_string(), tied[i - 2]);

  const auto csv = get("top-movies/export.csv?range=7d");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_EQ(csv.header("content-type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"top-movies-watchlist-7d.csv\"");
  EXPECT_EQ(csv.body, "Pozycja,Tytuł,Rok,Liczba\r\n1,\"Often, \"\"Quoted\"\"\",1999,3\r\n2,Twice,2000,2\r\n");
  EXPECT_EQ(parse_csv(get("top-movies/export.csv?type=watched&range=all").body).at(1),
            (std::vector<std::string>{"1", "Old Favourite", "", "4"}));

  for (const auto& [path, body] : std::vector<std::pair<std::string, std::string>>{
           {"top-movies/?type=invalid",
            R"({"error":"Invalid type parameter. Must be \"watchlist\" or \"watched\""})"},
           {"top-movies/?range=1y",
            R"({"error":"Invalid range parameter. Must be \"7d\", \"30d\", or \"all\""})"},
           {"top-movies/?type=",
            R"({"error":"Invalid type parameter. Must be \"watchlist\" or \"watched\""})"},
           {"top-movies/export.csv?type=x", R"({"error":"Invalid type parameter"})"},
           {"top-movies/export.csv?range=x", R"({"error":"Invalid range parameter"})"}}) {
    const auto refused = get(path);
    EXPECT_EQ(refused.status, 400u) << path;
    EXPECT_EQ(refused.body, body) << path;
  }
}

TEST_F(AnalyticsTest, ErrorLogsFilterSortAndPage) {
  const auto user = add_user(kNow - days(100));
  log_error("tmdb", "TMDB answered 500", kNow - days(3), user);
  log_error("watchmode", "Watchmode quota", kNow - days(2));
  log_error("gemini", "Model said no", kNow - days(2));  // same moment: the id breaks the tie
  log_error("tmdb", "TMDB timed out", kNow - hours(1));

  const auto all = get("error-logs/");
  ASSERT_EQ(all.status, 200u) << all.body;
  const auto json = all.json();
  EXPECT_EQ(json.at("total"), 4);
  EXPECT_EQ(json.at("page"), 1);
  EXPECT_EQ(json.at("page_size"), 50);
  EXPECT_EQ(json.at("total_pages"), 1);
  const auto& items = json.at("items").as_array();
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].at("error_message"), "TMDB timed out");
  EXPECT_EQ(items[1].at("api_type"), "gemini");
  EXPECT_EQ(items[2].at("api_type"), "watchmode");
  EXPECT_EQ(items[3].at("user_id").as_string(), user);
  EXPECT_EQ(items[3].at("occurred_at"), "2026-06-12T12:00:00+00:00");
  EXPECT_EQ(items[0].as_object().size(), 5u);

  const auto messages = [&](const std::string& query) {
    const auto answer = get("error-logs/" + query);
    EXPECT_EQ(answer.status, 200u) << query << answer.body;
    std::vector<std::string> out;
    const auto page = answer.json();
    for (const auto& item : page.at("items").as_array())
      out.emplace_back(item.at("error_message").as_string());
    return out;
  };
  using List = std::vector<std::string>;
  EXPECT_EQ(messages("?api_type=tmdb"), (List{"TMDB timed out", "TMDB answered 500"}));
  EXPECT_EQ(messages("?api_type%5B%5D=tmdb&api_type%5B%5D=gemini"),
            (List{"TMDB timed out", "Model said no", "TMDB answered 500"}));
  EXPECT_EQ(messages("?user_id=" + user), (List{"TMDB answered 500"}));
  EXPECT_EQ(messages("?date_from=2026-06-13&date_to=2026-06-13"), (List{"Model said no", "Watchmode quota"}));
  EXPECT_EQ(messages("?sort=occurred_at&page=2&page_size=2"), (List{"Model said no", "TMDB timed out"}));
  const auto paged = get("error-logs/?page=2&page_size=3").json();
  EXPECT_EQ(paged.at("total_pages"), 2);
  EXPECT_EQ(paged.at("items").as_array().size(), 1u);

  for (const auto& [query, status, body] : std::vector<std::tuple<std::string, unsigned, std::string>>{
           {"?sort=invalid", 400,
            R"({"error":"Invalid sort parameter. Must be \"occurred_at\" or \"-occurred_at\""})"},
           {"?date_from=13.06.2026", 400, R"({"error":"Invalid date_from format. Use YYYY-MM-DD"})"},
           {"?date_to=2026-02-30", 400, R"({"error":"Invalid date_to format. Use YYYY-MM-DD"})"},
           {"?user_id=42", 400, R"({"error":"Invalid user_id format. Must be a valid UUID"})"},
           {"?page=x", 400, R"({"page":["A valid integer is required."]})"},
           {"?page_size=0", 400, R"({"page_size":["Ensure this value is greater than or equal to 1."]})"},
           {"?page_size=1001", 400, R"({"page_size":["Ensure this value is less than or equal to 1000."]})"},
           {"?page=0", 404, R"({"detail":"Invalid page."})"},
           {"?page=3&page_size=2", 404, R"({"detail":"Invalid page."})"},
           {"?page=9223372036854775807&page_size=1000", 404, R"({"detail":"Invalid page."})"}}) {
    const auto refused = get("error-logs/" + query);
    EXPECT_EQ(refused.status, status) << query;
    EXPECT_EQ(refused.body, body) << query;
  }
}

TEST_F(AnalyticsTest, ErrorLogExportStreamsEveryRowInOrder) {
  // More rows than one piece of the stream, with text that needs quoting.
  const int rows = 4500;
  {
    soci::transaction batch(sql(*store_));
    for (int i = 0; i < rows; ++i) {
      log_error(i % 2 ? "tmdb" : "smtp", "line " + std::to_string(i) + ", \"quoted\"\nsecond",
                kNow - std::chrono::seconds(i / 2));
    }
    batch.commit();
  }
  const auto csv = get("error-logs/export.csv?sort=bogus");
  ASSERT_EQ(csv.status, 200u) << csv.body;
  EXPECT_EQ(csv.header("transfer-encoding"), "chunked");
  EXPECT_EQ(csv.header("content-disposition"), "attachment; filename=\"error-logs-2026-06-15.csv\"");
  const auto table = parse_csv(csv.body);
  ASSERT_EQ(table.size(), static_cast<size_t>(rows + 1));
  EXPECT_EQ(table[0], (std::vector<std::string>{"Data", "Typ API", "Komunikat", "ID użytkownika"}));
  // Newest first; two rows share each second, the later id first.
  EXPECT_EQ(table[1],
            (std::vector<std::string>{"2026-06-15 12:00:00", "tmdb", "line 1, \"quoted\"\nsecond", ""}));
  EXPECT_EQ(table[2][2], "line 0, \"quoted\"\nsecond");
  EXPECT_EQ(table[rows][2], "line 4498, \"quoted\"\nsecond");
  std::set<std::string> seen;
  for (size_t i = 1; i < table.size(); ++i) seen.insert(table[i][2]);
  EXPECT_EQ(seen.size(), static_cast<size_t>(rows));
  const auto oldest_first = parse_csv(get("error-logs/export.csv?sort=occurred_at&api_type=smtp").body);
  ASSERT_EQ(oldest_first.size(), static_cast<size_t>(rows / 2 + 1));
  EXPECT_EQ(oldest_first[1][2], "line 4498, \"quoted\"\nsecond");
  EXPECT_EQ(get("error-logs/export.csv?user_id=nope").status, 400u);
}

}  // namespace
}  // namespace myvod::testing
