// Imports of a user's lists from IMDb and Letterboxd (service/list_import): the file is the raw body, the
// answer a summary of what changed or, for a dry run, would change. The review step is stateless: the client
// posts back the rows it chose a movie for.

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "api/listing.hpp"
#include "domain/text.hpp"
#include "service/list_import.hpp"

namespace myvod::api {

namespace {

// What browsers and tools send a CSV or a ZIP as (Windows labels CSV as Excel's, some ZIPs by the old name).
constexpr std::string_view kUploadTypes[] = {"text/csv",
                                             "text/plain",
                                             "application/csv",
                                             "application/vnd.ms-excel",
                                             "application/zip",
                                             "application/x-zip-compressed",
                                             "application/octet-stream"};

constexpr size_t kMaxResolvedEntries = 10'000;
// A wrong file can have a malformed row on every line: the first ones say what is wrong, the count how much.
constexpr size_t kReportedProblems = 1'000;

void check_upload_type(const Call& call) {
  const auto content_type = call.request[http::bhttp::field::content_type];
  const auto media_type = domain::ascii_lower(domain::strip(content_type.substr(0, content_type.find(';'))));
  if (std::find(std::begin(kUploadTypes), std::end(kUploadTypes), media_type) == std::end(kUploadTypes)) {
    throw Error::detail(ErrorCode::unsupported_media,
                        "Unsupported media type \"" + std::string(content_type) + "\" in request.");
  }
}

boost::json::object row_json(const domain::ImportRow& row) {
  boost::json::object json{{"file", row.file},
                           {"line", row.line},
                           {"title", row.title},
                           {"year", json_or_null(row.year)},
                           {"list", domain::import_list_name(row.list)},
                           {"date", utc_date(row.date)},
                           {"rating", json_or_null(row.rating)}};
  if (row.tconst) json["tconst"] = *row.tconst;
  return json;
}

http::Response summary_response(const service::ImportSummary& summary) {
  boost::json::array changes;
  for (const auto& change : summary.changes) {
    const auto& state = change.state;
    changes.push_back(
        {{"tconst", change.tconst},
         {"primary_title", change.primary_title},
         {"start_year", json_or_null(change.start_year)},
         {"change", domain::entry_change_name(change.change)},
         {"list", state.watched() ? "watched" : "watchlist"},
         {"watchlisted_at", time_json(state.on_watchlist() ? state.watchlisted_at : std::nullopt)},
         {"watched_at", time_json(state.watched_at)},
         {"user_rating", json_or_null(state.user_rating)}});
  }
  boost::json::array skipped;
  for (const auto& entry : summary.skipped) {
    auto json = row_json(entry.row);
    json["reason"] = entry.reason;
    skipped.push_back(std::move(json));
  }
  boost::json::array errors;
  for (const auto& problem : summary.problems) {
    if (errors.size() == kReportedProblems) break;
    errors.push_back({{"file", problem.file}, {"line", problem.line}, {"message", problem.message}});
  }
  boost::json::array review;
  for (const auto& item : summary.needs_review) {
    boost::json::array rows, candidates;
    for (const auto& row : item.rows) rows.push_back(row_json(row));
    for (const auto& candidate : item.candidates) {
      candidates.push_back({{"tconst", candidate.tconst},
                            {"primary_title", candidate.primary_title},
                            {"original_title", candidate.original_title},
                            {"start_year", json_or_null(candidate.start_year)}});
    }
    review.push_back({{"title", item.title},
                      {"year", json_or_null(item.year)},
                      {"rows", std::move(rows)},
                      {"candidates", std::move(candidates)}});
  }
  return http::Response::json(200, boost::json::object{{"dry_run", summary.dry_run},
                                                       {"rows", summary.rows},
                                                       {"added", summary.added},
                                                       {"updated", summary.updated},
                                                       {"unchanged", summary.unchanged},
                                                       {"changes", std::move(changes)},
                                                       {"skipped", std::move(skipped)},
                                                       {"errors", std::move(errors)},
                                                       {"error_count", summary.problems.size()},
                                                       {"needs_review", std::move(review)}});
}

// One entry of POST /api/imports/resolve/: {tconst, list, rating, date}; its field errors go to `errors`.
std::optional<domain::ImportRow> resolved_row(const boost::json::value& value, size_t index,
                                              FieldErrors& entry_errors) {
  if (!value.is_object()) {
    entry_errors.add("non_field_errors", "Invalid data. Expected a dictionary, but got " +
                                             std::string(python_type_name(value)) + ".");
  }
  domain::ImportRow row{.file = "review", .line = index + 1};
  if (value.is_object()) {
    const auto& entry = value.as_object();
    const auto tconst = required_string(entry, "tconst", entry_errors);
    if (tconst) row.tconst = *tconst;
    const auto list = required_string(entry, "list", entry_errors);
    if (list && !domain::parse_import_list(*list)) {
      entry_errors.add("list", "\"" + *list + "\" is not a valid choice.");
    } else if (list) {
      row.list = *domain::parse_import_list(*list);
    }
    const auto date = required_string(entry, "date", entry_errors);
    if (date && !domain::parse_day(*date)) {
      entry_errors.add("date", "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.");
    } else if (date) {
      row.date = *domain::parse_day(*date);
    }
    // null is "no rating", as the review rows of the import's answer carry it.
    const auto* rating = entry.if_contains("rating");
    if (rating && !rating->is_null())
      row.rating = optional_bounded_integer(entry, "rating", 1, 10, entry_errors);
    if (row.rating && row.list == domain::ImportList::watchlist) {
      entry_errors.add("rating", "A watchlist entry has no rating.");
    }
  }
  if (entry_errors.empty()) return row;
  return std::nullopt;
}

}  // namespace

Handled import_list(Call& call) {
  const auto& query = call.target.query;
  FieldErrors errors;
  service::ImportRequest request;
  const auto source_text = optional_param(query, "source");
  if (!source_text) {
    errors.add("source", "This field is required.");
  } else if (const auto source = domain::parse_import_source(*source_text)) {
    request.source = *source;
  } else {
    errors.add("source", "\"" + *source_text + "\" is not a valid choice.");
  }
  request.dry_run = boolean_param(query, "dry_run", errors).value_or(false);
  if (const auto file = optional_param(query, "file")) {
    const auto& names = domain::kLetterboxdFiles;
    if (std::find(std::begin(names), std::end(names), *file) == std::end(names)) {
      errors.add("file", "\"" + *file + "\" is not a valid choice.");
    }
    request.file_name = *file;
  }
  errors.throw_if_any();
  if (call.request.body().empty()) throw Error::detail(ErrorCode::invalid_input, "No file was submitted.");
  check_upload_type(call);
  request.body = call.request.body();
  const auto summary = co_await call.db(
      [&](store::Store& store) { return service::import_list(store, call.current_user().id, request); });
  co_return summary_response(summary);
}

Handled resolve_import(Call& call) {
  const auto& body = call.body();
  FieldErrors errors;
  const auto* entries = body.if_contains("entries");
  if (!entries) {
    errors.add("entries", "This field is required.");
  } else if (!entries->is_array()) {
    errors.add("entries",
               "Expected a list of items but got type \"" + std::string(python_type_name(*entries)) + "\".");
  } else if (entries->as_array().size() > kMaxResolvedEntries) {
    errors.add("entries",
               "Ensure this field has no more than " + std::to_string(kMaxResolvedEntries) + " elements.");
  }
  bool dry_run = false;
  if (const auto* value = body.if_contains("dry_run")) {
    const auto parsed = drf_boolean_value(*value);
    if (!parsed) errors.add("dry_run", "Must be a valid boolean.");
    dry_run = parsed.value_or(false);
  }
  errors.throw_if_any();
  // DRF's nested list errors: one object per entry, empty for the valid ones.
  std::vector<domain::ImportRow> rows;
  boost::json::array entry_errors;
  bool any_errors = false;
  const auto& items = entries->as_array();
  for (size_t i = 0; i < items.size(); ++i) {
    FieldErrors problems;
    if (auto row = resolved_row(items[i], i, problems)) rows.push_back(std::move(*row));
    any_errors = any_errors || !problems.empty();
    entry_errors.push_back(problems.fields());
  }
  if (any_errors)
    throw Error(ErrorCode::invalid_input, boost::json::object{{"entries", std::move(entry_errors)}});
  const auto summary = co_await call.db([&](store::Store& store) {
    return service::resolve_import(store, call.current_user().id, rows, dry_run);
  });
  co_return summary_response(summary);
}

}  // namespace myvod::api
