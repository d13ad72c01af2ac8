#pragma once
// What `myvod serve` runs beside the API: the poster worker (when a TMDB key is set), the mail queue (when
// SMTP is configured), the scheduled jobs and staff-triggered syncs, on their own database connections so
// that a long job never holds one a request needs.

#include <memory>

#include "app/config.hpp"
#include "clients/smtp.hpp"
#include "clients/tmdb.hpp"
#include "clients/watchmode.hpp"
#include "jobs/availability_job.hpp"
#include "jobs/job_runner.hpp"
#include "jobs/mail_queue.hpp"
#include "jobs/poster_worker.hpp"
#include "jobs/scheduler.hpp"
#include "service/digest.hpp"
#include "service/posters.hpp"

namespace myvod::app {

// The TMDB client of the configuration; nothing when no key is set.
std::unique_ptr<clients::TmdbHttp> make_tmdb(const Config& config, const Clock& clock);
// Where availability comes from: MYVOD_AVAILABILITY_SOURCE, or by default Watchmode when its key is set,
// else TMDB when its key is set, else "" (sync is off). Throws when the chosen source has no key.
std::string availability_source_of(const Config& config);
// The Watchmode client when Watchmode is the source; nothing otherwise.
std::unique_ptr<clients::Watchmode> make_watchmode(const Config& config);

// The SMTP client of the configuration; nothing when MYVOD_SMTP_URL is not set. Throws when the URL and
// MYVOD_SMTP_SECURITY do not fit together.
std::unique_ptr<clients::SmtpClient> make_smtp(const Config& config);

class Background {
 public:
  Background(const Config& config, const store::DatabaseUrl& url, const std::string& secret_key,
             const Clock& clock);
  ~Background();

  // Where answers hand movies that lack a poster; nothing when posters are off.
  service::PosterRequests* poster_requests() { return poster_worker_.get(); }
  jobs::JobRunner& job_runner() { return job_runner_; }
  service::SyncLauncher& sync_launcher() { return sync_launcher_; }
  // Where requests hand their mails; nothing when mail is not configured.
  service::Mailer* mailer() { return mail_queue_.get(); }
  bool syncs_availability() const { return availability_sync_.configured(); }

  void start();
  // Stops the scheduler, a triggered sync (after its current page; it changes nothing for that platform),
  // the poster worker and the mail queue (after a short drain); a scheduled job under way finishes first.
  void stop();

 private:
  store::Database database_;
  jobs::JobRunner job_runner_;
  std::unique_ptr<clients::TmdbHttp> tmdb_;
  std::unique_ptr<clients::Watchmode> watchmode_;
  service::AvailabilitySync availability_sync_;
  jobs::AvailabilityLauncher sync_launcher_;
  std::stop_source stopping_;
  std::unique_ptr<service::Posters> posters_;
  std::unique_ptr<jobs::PosterWorker> poster_worker_;
  std::unique_ptr<clients::SmtpClient> smtp_;
  std::unique_ptr<jobs::MailQueue> mail_queue_;
  std::unique_ptr<service::MailDelivery> digest_delivery_;
  std::unique_ptr<service::Digest> digest_;
  std::unique_ptr<jobs::Scheduler> scheduler_;
};

// The jobs `myvod serve` schedules and `myvod run-job` runs by name.
jobs::JobWork housekeeping_job(store::Database& database, std::chrono::days retention);
jobs::JobWork mail_digest_job(service::Digest& digest);
// A pause for mail retries that a stop cuts short (it then answers false).
service::Pause pause_until_stopped(std::stop_token stop);

}  // namespace myvod::app
