#include "app/config.hpp"

#include <charconv>
#include <stdexcept>

#include "http/client_address.hpp"

namespace myvod::app {

void add_database_option(CLI::App& command, Config& config) {
  command
      .add_option("--database-url", config.database_url, "sqlite:PATH or postgresql://user:pass@host:port/db")
      ->envname("MYVOD_DATABASE_URL")
      ->capture_default_str();
  command
      .add_option("--pg-prepare", config.pg_prepare,
                  "PostgreSQL: keep statements prepared on each connection (off behind a pooler that cannot, "
                  "such as PgBouncer before 1.21 in transaction mode)")
      ->envname("MYVOD_PG_PREPARE")
      ->capture_default_str();
}

store::DatabaseUrl database_url(const Config& config) {
  auto url = store::parse_database_url(config.database_url);
  if (!url) throw std::invalid_argument(url.error());
  url->prepare_statements = config.pg_prepare;
  return *url;
}

void add_tmdb_options(CLI::App& command, Config& config) {
  command
      .add_option("--tmdb-api-key", config.tmdb_api_key, "TMDB v3 API key or v4 read-access token (posters)")
      ->envname("MYVOD_TMDB_API_KEY");
  command.add_option("--tmdb-base-url", config.tmdb_base_url, "TMDB API base URL (for proxies and tests)")
      ->envname("MYVOD_TMDB_BASE_URL")
      ->capture_default_str();
  command
      .add_option("--tmdb-requests-per-second", config.tmdb_requests_per_second,
                  "Calls to TMDB per second at most, across all poster threads")
      ->envname("MYVOD_TMDB_REQUESTS_PER_SECOND")
      ->check(CLI::Range(0.1, 1000.0))
      ->capture_default_str();
  command.add_option("--poster-workers", config.poster_workers, "Threads fetching posters")
      ->envname("MYVOD_POSTER_WORKERS")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
}

void add_availability_options(CLI::App& command, Config& config) {
  command
      .add_option("--availability-source", config.availability_source,
                  "Where availability comes from: watchmode or tmdb (empty: Watchmode when its key is set, "
                  "else TMDB when its key is set, else off)")
      ->envname("MYVOD_AVAILABILITY_SOURCE")
      ->check(CLI::IsMember({"", "watchmode", "tmdb"}));
  command.add_option("--watchmode-api-key", config.watchmode_api_key, "Watchmode API key (availability)")
      ->envname("MYVOD_WATCHMODE_API_KEY");
  command
      .add_option("--watchmode-base-url", config.watchmode_base_url,
                  "Watchmode API base URL (for proxies and tests)")
      ->envname("MYVOD_WATCHMODE_BASE_URL")
      ->capture_default_str();
  command
      .add_option("--watchmode-requests-per-second", config.watchmode_requests_per_second,
                  "Calls to Watchmode per second at most")
      ->envname("MYVOD_WATCHMODE_REQUESTS_PER_SECOND")
      ->check(CLI::Range(0.1, 1000.0))
      ->capture_default_str();
  command.add_option("--region", config.region, "Country whose streaming catalogues are synced (ISO 3166-1)")
      ->envname("MYVOD_REGION")
      ->capture_default_str();
}

void add_link_options(CLI::App& command, Config& config) {
  command
      .add_option("--public-url", config.public_url,
                  "This server's external base URL (default: http://127.0.0.1:8000 for mailed links; "
                  "pagination links follow the request's Host)")
      ->envname("MYVOD_PUBLIC_URL");
  command
      .add_option(
          "--frontend-url", config.frontend_url,
          "Where mailed links (reset, confirmation, unsubscribe) point (default: the public URL, whose "
          "web UI serves them)")
      ->envname("MYVOD_FRONTEND_URL");
}

void add_mail_options(CLI::App& command, Config& config) {
  command
      .add_option("--smtp-url", config.smtp_url,
                  "SMTP server: smtp://host:587 or smtps://host:465 (empty: no mail)")
      ->envname("MYVOD_SMTP_URL");
  command
      .add_option("--smtp-security", config.smtp_security,
                  "starttls (required, the default for smtp://), tls (the default for smtps://) or none")
      ->envname("MYVOD_SMTP_SECURITY")
      ->check(CLI::IsMember({"", "starttls", "tls", "none"}));
  command.add_option("--smtp-ca-file", config.smtp_ca_file, "A CA certificate to trust beside the system's")
      ->envname("MYVOD_SMTP_CA_FILE")
      ->check(CLI::ExistingFile);
  command.add_option("--smtp-user", config.smtp_user, "SMTP user (empty: no AUTH)")
      ->envname("MYVOD_SMTP_USER");
  command.add_option("--smtp-password", config.smtp_password, "SMTP password")
      ->envname("MYVOD_SMTP_PASSWORD");
  command.add_option("--smtp-from", config.smtp_from, "The sender of every mail")
      ->envname("MYVOD_SMTP_FROM")
      ->capture_default_str();
  command
      .add_option("--digest-schedule", config.digest_schedule,
                  "When the weekly e-mail digest goes out: a cron expression in UTC, or off")
      ->envname("MYVOD_DIGEST_SCHEDULE")
      ->capture_default_str();
}

void add_server_options(CLI::App& command, Config& config) {
  add_mail_options(command, config);
  add_database_option(command, config);
  add_tmdb_options(command, config);
  add_availability_options(command, config);
  command
      .add_option("--sync-schedule", config.sync_schedule,
                  "When the availability sync runs: a cron expression in UTC, or off")
      ->envname("MYVOD_SYNC_SCHEDULE")
      ->capture_default_str();
  command.add_option("--ai-provider", config.ai_provider, "AI suggestions: gemini or openai (empty: off)")
      ->envname("MYVOD_AI_PROVIDER")
      ->check(CLI::IsMember({"", "gemini", "openai"}));
  command
      .add_option("--ai-api-key", config.ai_api_key,
                  "Key of the AI provider (optional for a local openai server)")
      ->envname("MYVOD_AI_API_KEY");
  command.add_option("--ai-model", config.ai_model, "Model name (default for gemini: gemini-2.5-flash-lite)")
      ->envname("MYVOD_AI_MODEL");
  command
      .add_option("--ai-base-url", config.ai_base_url,
                  "API base URL (default for gemini: https://generativelanguage.googleapis.com/v1beta; "
                  "for openai e.g. http://127.0.0.1:11434/v1)")
      ->envname("MYVOD_AI_BASE_URL");
  command.add_option("--ai-timeout-seconds", config.ai_timeout_seconds, "Time a model call may take")
      ->envname("MYVOD_AI_TIMEOUT_SECONDS")
      ->check(CLI::Range(1, 600))
      ->capture_default_str();
  command
      .add_option("--housekeeping-schedule", config.housekeeping_schedule,
                  "When the clean-up job runs: a cron expression in UTC, or off")
      ->envname("MYVOD_HOUSEKEEPING_SCHEDULE")
      ->capture_default_str();
  command.add_option("--retention-days", config.retention_days, "Days error-log rows and job runs are kept")
      ->envname("MYVOD_RETENTION_DAYS")
      ->check(CLI::Range(1, 36500))
      ->capture_default_str();
  command.add_option("--listen", config.listen, "Address and port to serve on")
      ->envname("MYVOD_LISTEN")
      ->capture_default_str();
  command
      .add_option("--secret-key", config.secret_key,
                  "JWT signing key; when unset, one is generated once and kept in the database")
      ->envname("MYVOD_SECRET_KEY");
  command.add_option("--cors-origins", config.cors_origins, "Origins allowed by CORS (comma-separated)")
      ->envname("MYVOD_CORS_ORIGINS")
      ->delimiter(',');
  command
      .add_option("--allowed-hosts", config.allowed_hosts,
                  "Host headers answered (comma-separated; \"*\" any, \".example.com\" a domain and its "
                  "subdomains); default: localhost,127.0.0.1,::1 when listening on loopback, else any")
      ->envname("MYVOD_ALLOWED_HOSTS")
      ->delimiter(',');
  command.add_option("--io-threads", config.io_threads, "I/O threads (0: one per core)")
      ->envname("MYVOD_IO_THREADS")
      ->capture_default_str();
  command
      .add_option("--database-connections", config.database_connections,
                  "Database connections, each with its worker thread")
      ->envname("MYVOD_DATABASE_CONNECTIONS")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  command
      .add_option("--hashing-threads", config.hashing_threads, "Password hashing threads (0: half the cores)")
      ->envname("MYVOD_HASHING_THREADS")
      ->capture_default_str();
  command
      .add_option(
          "--hashing-queue-limit", config.hashing_queue_limit,
          "Password hashes waiting at most; more get 503 (one client address: an eighth of it, then 429)")
      ->envname("MYVOD_HASHING_QUEUE_LIMIT")
      ->check(CLI::Range(1u, 100000u))
      ->capture_default_str();
  command.add_option("--bcrypt-cost", config.bcrypt_cost, "bcrypt cost of new password hashes")
      ->envname("MYVOD_BCRYPT_COST")
      ->check(CLI::Range(4, 31))
      ->capture_default_str();
  add_link_options(command, config);
  command
      .add_option_function<std::string>(
          "--registration",
          [&config](const std::string& value) { config.registration_open = value == "open"; },
          "open: anyone may sign up; closed: POST /api/register/ answers 403 and accounts come from the CLI")
      ->envname("MYVOD_REGISTRATION")
      ->check(CLI::IsMember({"open", "closed"}))
      ->default_str("open");
  command
      .add_option("--login-max-failures", config.login_max_failures,
                  "Failed logins per e-mail before 429 (0: no limit)")
      ->envname("MYVOD_LOGIN_MAX_FAILURES")
      ->capture_default_str();
  command
      .add_option("--login-max-failures-per-address", config.login_max_failures_per_address,
                  "Failed logins per client address before 429 (0: no limit)")
      ->envname("MYVOD_LOGIN_MAX_FAILURES_PER_ADDRESS")
      ->capture_default_str();
  const CLI::Validator address_ranges(
      [](const std::string& value) {
        const auto ranges = http::parse_address_ranges(value);
        return ranges ? std::string() : ranges.error();
      },
      "CIDR LIST");
  command
      .add_option("--trusted-proxies", config.trusted_proxies,
                  "Reverse proxies (comma-separated addresses or CIDR blocks) whose X-Forwarded-For or "
                  "Forwarded names the client")
      ->envname("MYVOD_TRUSTED_PROXIES")
      ->check(address_ranges);
  command
      .add_option("--metrics-allow", config.metrics_allow,
                  "Clients (comma-separated addresses or CIDR blocks) that may read /metrics; empty: nobody")
      ->envname("MYVOD_METRICS_ALLOW")
      ->check(address_ranges)
      ->capture_default_str();
  command.add_option("--login-window-seconds", config.login_window_seconds, "Window of the login limit")
      ->envname("MYVOD_LOGIN_WINDOW_SECONDS")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      .add_option(
          "--max-connections", config.max_connections,
          "Open connections at most; more are answered 503 (0: half the open-file limit, at most 10000)")
      ->envname("MYVOD_MAX_CONNECTIONS")
      ->capture_default_str();
  command
      .add_option("--idle-timeout", config.idle_timeout_seconds, "Seconds a kept-alive connection may idle")
      ->envname("MYVOD_IDLE_TIMEOUT_SECONDS")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      .add_option("--header-timeout", config.header_timeout_seconds, "Seconds to receive a request's headers")
      ->envname("MYVOD_HEADER_TIMEOUT_SECONDS")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      .add_option("--request-timeout", config.request_timeout_seconds,
                  "Seconds to receive a body and to send a response")
      ->envname("MYVOD_REQUEST_TIMEOUT_SECONDS")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  command
      .add_option("--shutdown-grace", config.shutdown_grace_seconds,
                  "Seconds in-flight requests get after SIGTERM")
      ->envname("MYVOD_SHUTDOWN_GRACE_SECONDS")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  command
      .add_option("--load-sample-catalog", config.load_sample_catalog,
                  "Load the bundled sample catalog when the movie table is empty")
      ->envname("MYVOD_LOAD_SAMPLE_CATALOG")
      ->capture_default_str();
  command.add_option("--log-level", config.log_level, "debug, info, warn, error or off")
      ->envname("MYVOD_LOG_LEVEL")
      ->check(CLI::IsMember({"debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
}

std::pair<std::string, unsigned short> parse_listen(const std::string& listen) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) throw std::invalid_argument("MYVOD_LISTEN must be HOST:PORT");
  std::string host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned short port = 0;
  const char* begin = listen.data() + colon + 1;
  const char* end = listen.data() + listen.size();
  auto [parsed_end, error] = std::from_chars(begin, end, port);
  if (error != std::errc{} || parsed_end != end)
    throw std::invalid_argument("MYVOD_LISTEN has no valid port");
  return {host, port};
}

}  // namespace myvod::app
