// /admin/analytics/api/... (api-contract.md §3.15): the staff's usage figures, the most wanted and most
// watched movies, and the integration error log, each list also as a CSV download. Bad parameters are 400s
// (the original answered some with 500s); the CSV of the error log is streamed from the database a piece
// at a time, so its size never sits in memory.

#include <fmt/format.h>

#include <cctype>
#include <charconv>

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "api/listing.hpp"
#include "common/random.hpp"
#include "domain/csv.hpp"

namespace myvod::api {

namespace {

constexpr int kDefaultErrorLogPageSize = 50;
constexpr int kMaxErrorLogPageSize = 1000;
constexpr int kExportPieceRows = 2000;

boost::json::value percent_json(long long part, long long whole) {
  const auto value = domain::percent(part, whole);
  return value ? boost::json::value(*value) : boost::json::value(0);
}

Error analytics_error(std::string message) {
  return Error(ErrorCode::invalid_input, boost::json::object{{"error", std::move(message)}});
}

struct TopMoviesAsk {
  domain::TopMoviesList list = domain::TopMoviesList::watchlist;
  domain::TopMoviesRange range = domain::TopMoviesRange::last_7_days;
  std::string list_text = "watchlist";
  std::string range_text = "7d";
};

// `type` and `range`; the list answer and the CSV word their refusals differently (`long_messages`).
TopMoviesAsk top_movies_ask(const QueryParams& query, bool long_messages) {
  TopMoviesAsk ask;
  if (auto text = query.get("type")) {
    const auto list = domain::parse_top_movies_list(*text);
    if (!list) {
      throw analytics_error(long_messages ? R"(Invalid type parameter. Must be "watchlist" or "watched")"
                                          : "Invalid type parameter");
    }
    ask.list = *list;
    ask.list_text = std::move(*text);
  }
  if (auto text = query.get("range")) {
    const auto range = domain::parse_top_movies_range(*text);
    if (!range) {
      throw analytics_error(long_messages ? R"(Invalid range parameter. Must be "7d", "30d", or "all")"
                                          : "Invalid range parameter");
    }
    ask.range = *range;
    ask.range_text = std::move(*text);
  }
  return ask;
}

boost::asio::awaitable<std::vector<store::TopMovie>> load_top_movies(Call& call, const TopMoviesAsk& ask) {
  const auto since = domain::range_start(ask.range, call.now());
  co_return co_await call.db(
      [&](store::Store& store) { return store.analytics().top_movies(ask.list, since); });
}

// The filters both error-log answers read: `api_type` (repeatable, also as `api_type[]`, which the web
// client sends), `date_from`, `date_to`, `user_id` and `sort`.
store::ErrorLogFilter error_log_filter(const QueryParams& query, bool strict_sort) {
  store::ErrorLogFilter filter;
  for (const char* key : {"api_type", "api_type[]"}) {
    for (auto& type : query.get_all(key)) filter.api_types.push_back(std::move(type));
  }
  const std::string sort = query.get("sort").value_or("-occurred_at");
  if (sort == "occurred_at") {
    filter.oldest_first = true;
  } else if (sort != "-occurred_at" && strict_sort) {
    throw analytics_error(R"(Invalid sort parameter. Must be "occurred_at" or "-occurred_at")");
  }
  if (const auto text = optional_param(query, "date_from")) {
    filter.from = domain::parse_utc_date(*text);
    if (!filter.from) throw analytics_error("Invalid date_from format. Use YYYY-MM-DD");
  }
  if (const auto text = optional_param(query, "date_to")) {
    const auto day = domain::parse_utc_date(*text);
    if (!day) throw analytics_error("Invalid date_to format. Use YYYY-MM-DD");
    filter.before = *day + std::chrono::days(1);  // the whole day
  }
  if (auto text = optional_param(query, "user_id")) {
    if (!is_uuid(*text)) throw analytics_error("Invalid user_id format. Must be a valid UUID");
    for (char& c : *text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    filter.user_id = std::move(*text);
  }
  return filter;
}

// A positive whole number, `fallback` when absent; the DRF field error otherwise.
long long positive_param(const QueryParams& query, std::string_view key, long long fallback, long long max,
                         FieldErrors& errors) {
  const auto text = optional_param(query, key);
  if (!text) return fallback;
  long long value = 0;
  const auto [end, problem] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (problem != std::errc() || end != text->data() + text->size()) {
    errors.add(key, "A valid integer is required.");
  } else if (value < 1) {
    errors.add(key, "Ensure this value is greater than or equal to 1.");
  } else if (value > max) {
    errors.add(key, fmt::format("Ensure this value is less than or equal to {}.", max));
  }
  return value;
}

boost::json::value user_json(const std::optional<std::string>& user_id) {
  return user_id ? boost::json::value(*user_id) : boost::json::value(nullptr);
}

// The error log as CSV, read from the database a piece at a time as the connection asks for the next one:
// no cursor stays open between pieces, and the answer never sits in memory whole.
class ErrorLogExport final : public http::ChunkSource {
 public:
  ErrorLogExport(Services& services, store::ErrorLogFilter filter)
      : services_(services), filter_(std::move(filter)) {}

  boost::asio::awaitable<std::optional<std::string>> next() override {
    if (done_) co_return std::nullopt;
    std::string csv;
    if (!last_) domain::append_csv_row(csv, {"Data", "Typ API", "Komunikat", "ID użytkownika"});
    const auto entries = co_await services_.runtime.db([this](store::Store& store) {
      return store.analytics().error_logs_after(filter_, last_, kExportPieceRows);
    });
    for (const auto& entry : entries) {
      // "YYYY-MM-DD HH:MM:SS", UTC: the database form without its fraction and zone.
      const std::string at = to_db_string(entry.occurred_at).substr(0, 19);
      domain::append_csv_row(csv, {at, entry.api_type, entry.error_message, entry.user_id.value_or("")});
    }
    done_ = entries.size() < static_cast<size_t>(kExportPieceRows);
    if (!entries.empty()) last_ = entries.back();
    co_return csv;
  }

 private:
  Services& services_;
  const store::ErrorLogFilter filter_;
  std::optional<store::ErrorLogEntry> last_;  // the last entry sent; nothing before the first piece
  bool done_ = false;
};

}  // namespace

Handled get_metrics(Call& call) {
  const Timestamp now = call.now();
  const auto [totals, joiners] = co_await call.db([now](store::Store& store) {
    auto analytics = store.analytics();
    return std::pair{analytics.usage_totals(now), analytics.joiners_since(domain::growth_window_start(now))};
  });
  const auto growth = domain::growth_of(joiners, now);
  const auto average = domain::average(totals.movies, totals.users_with_movies);
  boost::json::array retention, per_day;
  for (const auto& point : growth.retention) {
    retention.push_back({{"date", point.date},
                         {"retention_7d", point.within_7_days},
                         {"retention_30d", point.within_30_days}});
  }
  for (const auto& day : growth.per_day) per_day.push_back({{"date", day.date}, {"count", day.count}});
  const boost::json::object body{
      {"total_users", totals.active},
      {"new_users",
       {{"today", growth.joined_today},
        {"last_7_days", growth.joined_last_7_days},
        {"last_30_days", growth.joined_last_30_days}}},
      {"retention_7d_percent", percent_json(totals.retained_7_days, totals.joined_before_7_days)},
      {"retention_30d_percent", percent_json(totals.retained_30_days, totals.joined_before_30_days)},
      {"pct_users_with_min_10_movies", percent_json(totals.users_with_10_movies, totals.active)},
      {"pct_users_used_ai", percent_json(totals.users_asked_ai, totals.active)},
      {"pct_users_added_ai_movies", percent_json(totals.users_added_from_ai, totals.active)},
      {"avg_movies_per_user", average ? boost::json::value(*average) : boost::json::value(0)},
      {"retention_timeseries", std::move(retention)},
      {"new_users_timeseries", std::move(per_day)},
      {"last_updated_at", to_iso_string(now)}};
  co_return http::Response{200, serialize_like_python(body), "application/json", {}};
}

Handled get_top_movies(Call& call) {
  const auto ask = top_movies_ask(call.target.query, true);
  boost::json::array items;
  for (const auto& movie : co_await load_top_movies(call, ask)) {
    items.push_back({{"tconst", movie.tconst},
                     {"primary_title", movie.primary_title},
                     {"start_year", json_or_null(movie.start_year)},
                     {"count", movie.count}});
  }
  co_return http::Response::json(
      200,
      boost::json::object{{"type", ask.list_text}, {"range", ask.range_text}, {"items", std::move(items)}});
}

Handled export_top_movies(Call& call) {
  const auto ask = top_movies_ask(call.target.query, false);
  std::string csv;
  domain::append_csv_row(csv, {"Pozycja", "Tytuł", "Rok", "Liczba"});
  int rank = 0;
  for (const auto& movie : co_await load_top_movies(call, ask)) {
    const std::string year = movie.start_year ? std::to_string(*movie.start_year) : "";
    domain::append_csv_row(csv,
                           {std::to_string(++rank), movie.primary_title, year, std::to_string(movie.count)});
  }
  auto response =
      attachment_response(kCsv, fmt::format("top-movies-{}-{}.csv", ask.list_text, ask.range_text));
  response.body = std::move(csv);
  co_return response;
}

Handled list_error_logs(Call& call) {
  const auto& query = call.target.query;
  const auto filter = error_log_filter(query, true);
  FieldErrors errors;
  const long long size =
      positive_param(query, "page_size", kDefaultErrorLogPageSize, kMaxErrorLogPageSize, errors);
  long long page = 1;
  if (const auto text = optional_param(query, "page")) {
    const auto [end, problem] = std::from_chars(text->data(), text->data() + text->size(), page);
    if (problem != std::errc() || end != text->data() + text->size())
      errors.add("page", "A valid integer is required.");
  }
  errors.throw_if_any();
  // A page below 1, or past the last one, does not exist, as Django's paginator says.
  if (page < 1 || page - 1 > INT64_MAX / size) throw Error::detail(ErrorCode::not_found, "Invalid page.");
  const auto slice = co_await call.db([&](store::Store& store) {
    return store.analytics().error_logs(filter, (page - 1) * size, static_cast<int>(size));
  });
  const long long total_pages = std::max<long long>(1, (slice.total + size - 1) / size);
  if (page > total_pages) throw Error::detail(ErrorCode::not_found, "Invalid page.");
  boost::json::array items;
  for (const auto& entry : slice.items) {
    items.push_back({{"id", entry.id},
                     {"occurred_at", to_iso_string(entry.occurred_at)},
                     {"api_type", entry.api_type},
                     {"error_message", entry.error_message},
                     {"user_id", user_json(entry.user_id)}});
  }
  co_return http::Response::json(200, boost::json::object{{"items", std::move(items)},
                                                          {"page", page},
                                                          {"page_size", size},
                                                          {"total", slice.total},
                                                          {"total_pages", total_pages}});
}

Handled export_error_logs(Call& call) {
  auto response = attachment_response(kCsv, fmt::format("error-logs-{}.csv", utc_date(call.now())));
  response.stream =
      std::make_shared<ErrorLogExport>(call.services, error_log_filter(call.target.query, false));
  co_return response;
}

}  // namespace myvod::api
