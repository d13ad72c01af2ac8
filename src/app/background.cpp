#include "app/background.hpp"

#include "common/log.hpp"
#include "service/housekeeping.hpp"

namespace myvod::app {

std::unique_ptr<clients::TmdbHttp> make_tmdb(const Config& config, const Clock& clock) {
  if (config.tmdb_api_key.empty()) return nullptr;
  clients::TmdbOptions options;
  options.api_key = config.tmdb_api_key;
  options.base_url = config.tmdb_base_url;
  options.requests_per_second = config.tmdb_requests_per_second;
  return std::make_unique<clients::TmdbHttp>(std::move(options), clients::HttpClient(), clock);
}

jobs::JobWork housekeeping_job(store::Database& database, std::chrono::days retention) {
  return [&database, retention](jobs::JobContext& context) {
    context.counts = database.with_store(
        [&](store::Store& store) { return service::clean_up(store, context.clock().now(), retention); });
  };
}

namespace {

// A schedule from the configuration: nothing for "off"; a bad expression stops the start.
std::optional<domain::CronSchedule> schedule_of(const std::string& variable, const std::string& expression) {
  if (expression == "off") return std::nullopt;
  auto schedule = domain::CronSchedule::parse(expression);
  if (!schedule) throw std::invalid_argument(variable + ": " + schedule.error());
  return *schedule;
}

}  // namespace

Background::Background(const Config& config, const store::DatabaseUrl& url, const Clock& clock)
    : database_(url, 2),
      job_runner_(database_, clock, jobs::process_owner_name()),
      tmdb_(make_tmdb(config, clock)) {
  if (tmdb_) {
    posters_ = std::make_unique<service::Posters>(database_, *tmdb_, clock);
    jobs::PosterWorkerOptions options;
    options.threads = config.poster_workers;
    poster_worker_ = std::make_unique<jobs::PosterWorker>(*posters_, options, clock);
  } else {
    log::info("posters are off: MYVOD_TMDB_API_KEY is not set");
  }
  std::vector<jobs::ScheduledJob> scheduled;
  if (auto schedule = schedule_of("MYVOD_HOUSEKEEPING_SCHEDULE", config.housekeeping_schedule)) {
    scheduled.push_back(
        {"housekeeping", *schedule, housekeeping_job(database_, std::chrono::days(config.retention_days))});
  }
  scheduler_ = std::make_unique<jobs::Scheduler>(job_runner_, clock, std::move(scheduled));
}

Background::~Background() {
  stop();
}

void Background::start() {
  scheduler_->start();
}

void Background::stop() {
  scheduler_->stop();
  if (poster_worker_) poster_worker_->stop();
}

}  // namespace myvod::app
