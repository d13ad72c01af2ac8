#include <charconv>

#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "api/listing.hpp"

namespace myvod::api {

namespace {

constexpr int kDefaultRuns = 50;
constexpr int kMaxRuns = 200;

boost::json::object run_to_json(const store::JobRun& run) {
  boost::system::error_code error;
  auto counts = boost::json::parse(run.counts_json, error);
  if (error || !counts.is_object()) counts = boost::json::object{};
  return {{"id", run.id},
          {"job", run.job},
          {"trigger", run.trigger},
          {"started_at", to_api_string(run.started_at)},
          {"finished_at", time_json(run.finished_at)},
          {"outcome", run.outcome},
          {"counts", counts},
          {"error", run.error ? boost::json::value(*run.error) : boost::json::value(nullptr)}};
}

}  // namespace

Handled list_job_runs(Call& call) {
  const auto& query = call.target.query;
  const std::string job = optional_param(query, "job").value_or("");
  int limit = kDefaultRuns;
  if (const auto text = optional_param(query, "limit")) {
    const auto [end, problem] = std::from_chars(text->data(), text->data() + text->size(), limit);
    if (problem != std::errc() || end != text->data() + text->size() || limit < 1 || limit > kMaxRuns) {
      FieldErrors errors;
      errors.add("limit", "Ensure this value is a whole number from 1 to 200.");
      errors.throw_if_any();
    }
  }
  const auto runs =
      co_await call.db([&](store::Store& store) { return store.jobs().recent_runs(job, limit); });
  boost::json::array items;
  for (const auto& run : runs) items.push_back(run_to_json(run));
  co_return http::Response::json(200, items);
}

}  // namespace myvod::api
