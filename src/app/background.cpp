#include "app/background.hpp"

#include "app/server_app.hpp"
#include "common/log.hpp"
#include "service/housekeeping.hpp"

namespace myvod::app {

std::unique_ptr<clients::TmdbHttp> make_tmdb(const Config& config, const Clock& clock) {
  if (config.tmdb_api_key.empty()) return nullptr;
  clients::TmdbOptions options;
  options.api_key = config.tmdb_api_key;
  options.base_url = config.tmdb_base_url;
  options.requests_per_second = config.tmdb_requests_per_second;
  clients::HttpOptions http;
  http.provider = "tmdb";
  return std::make_unique<clients::TmdbHttp>(std::move(options), clients::HttpClient(http), clock);
}

std::string availability_source_of(const Config& config) {
  const auto& chosen = config.availability_source;
  if (chosen == "watchmode" && config.watchmode_api_key.empty())
    throw std::invalid_argument("MYVOD_AVAILABILITY_SOURCE=watchmode needs MYVOD_WATCHMODE_API_KEY");
  if (chosen == "tmdb" && config.tmdb_api_key.empty())
    throw std::invalid_argument("MYVOD_AVAILABILITY_SOURCE=tmdb needs MYVOD_TMDB_API_KEY");
  if (!chosen.empty()) return chosen;
  if (!config.watchmode_api_key.empty()) return "watchmode";
  if (!config.tmdb_api_key.empty()) return "tmdb";
  return "";
}

std::unique_ptr<clients::Watchmode> make_watchmode(const Config& config) {
  if (availability_source_of(config) != "watchmode") return nullptr;
  clients::WatchmodeOptions options;
  options.api_key = config.watchmode_api_key;
  options.base_url = config.watchmode_base_url;
  options.region = config.region;
  options.requests_per_second = config.watchmode_requests_per_second;
  clients::HttpOptions http;
  http.provider = "watchmode";
  return std::make_unique<clients::WatchmodeHttp>(std::move(options), clients::HttpClient(http));
}

std::unique_ptr<clients::SmtpClient> make_smtp(const Config& config) {
  if (config.smtp_url.empty()) return nullptr;
  const auto choice = clients::smtp_security_for(config.smtp_url, config.smtp_security);
  if (!choice.security) throw std::invalid_argument(choice.problem);
  clients::SmtpOptions options;
  options.url = config.smtp_url;
  options.security = *choice.security;
  options.ca_file = config.smtp_ca_file;
  options.user = config.smtp_user;
  options.password = config.smtp_password;
  return std::make_unique<clients::SmtpClient>(std::move(options));
}

service::Pause pause_until_stopped(std::stop_token stop) {
  return [stop](std::chrono::milliseconds duration) {
    std::mutex mutex;
    std::condition_variable_any never_notified;
    std::unique_lock lock(mutex);
    never_notified.wait_for(lock, stop, duration, [] { return false; });
    return !stop.stop_requested();
  };
}

jobs::JobWork mail_digest_job(service::Digest& digest) {
  return [&digest](jobs::JobContext& context) {
    const auto counts = digest.run(context.clock().now());
    context.counts = {{"recipients", counts.recipients},
                      {"sent", counts.sent},
                      {"nothing_new", counts.nothing_new},
                      {"failed", counts.failed}};
    if (counts.failed > 0) {
      throw std::runtime_error(std::to_string(counts.failed) +
                               " digest mails could not be sent (see the smtp error log)");
    }
  };
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

Background::Background(const Config& config, const store::DatabaseUrl& url, const std::string& secret_key,
                       const Clock& clock)
    : database_(url, 2),
      job_runner_(database_, clock, jobs::process_owner_name()),
      tmdb_(make_tmdb(config, clock)),
      watchmode_(make_watchmode(config)),
      availability_sync_(
          database_,
          {watchmode_.get(), availability_source_of(config) == "tmdb" ? tmdb_.get() : nullptr, config.region},
          clock),
      sync_launcher_(job_runner_, availability_sync_) {
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
  if (!availability_sync_.configured()) {
    log::info("availability sync is off: neither MYVOD_WATCHMODE_API_KEY nor MYVOD_TMDB_API_KEY is set");
  } else if (auto schedule = schedule_of("MYVOD_SYNC_SCHEDULE", config.sync_schedule)) {
    scheduled.push_back(
        {service::kAvailabilitySyncJob, *schedule,
         jobs::availability_sync_job(availability_sync_, {service::kAllPlatforms},
                                     {.line = [](const std::string&) {}, .stop = stopping_.get_token()})});
  }
  smtp_ = make_smtp(config);
  if (!smtp_) {
    log::info("mail is off: MYVOD_SMTP_URL is not set");
  } else {
    const service::DeliveryOptions delivery{.from = config.smtp_from};
    mail_queue_ = std::make_unique<jobs::MailQueue>([this, delivery, &clock](service::Pause pause) {
      return std::make_unique<service::MailDelivery>(database_, *smtp_, delivery, clock, std::move(pause));
    });
    digest_delivery_ = std::make_unique<service::MailDelivery>(database_, *smtp_, delivery, clock,
                                                               pause_until_stopped(stopping_.get_token()));
    digest_ =
        std::make_unique<service::Digest>(database_, *digest_delivery_, secret_key, mail_link_base(config));
    if (auto schedule = schedule_of("MYVOD_DIGEST_SCHEDULE", config.digest_schedule)) {
      scheduled.push_back({service::kMailDigestJob, *schedule, mail_digest_job(*digest_)});
    }
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
  stopping_.request_stop();  // a scheduled sync stops after its current page
  scheduler_->stop();
  sync_launcher_.stop();
  if (poster_worker_) poster_worker_->stop();
  if (mail_queue_) mail_queue_->stop();
}

}  // namespace myvod::app
