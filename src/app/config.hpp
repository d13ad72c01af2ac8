#pragma once
// Server configuration. Every setting has a MYVOD_* environment variable and a command-line flag
// (`myvod serve --help` lists both with their defaults); README.md documents them.

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "store/database_url.hpp"

namespace myvod::app {

struct Config {
  std::string listen = "127.0.0.1:8000";
  std::string database_url = "sqlite:myvod.db";
  bool pg_prepare = true;  // MYVOD_PG_PREPARE=off: no server-side prepared statements (PgBouncer < 1.21)
  std::string secret_key;  // empty: generated once and kept in the database
  std::vector<std::string> cors_origins;
  unsigned io_threads = 0;  // 0: one per core
  unsigned database_connections = 4;
  unsigned hashing_threads = 0;  // 0: half the cores, at least one
  unsigned hashing_queue_limit = 64;
  // This server's external base URL. Empty: http://127.0.0.1:8000 for mailed links, and pagination links
  // follow the request's (allowed) Host, as DRF's do.
  std::string public_url;
  std::string frontend_url;                // empty: the public URL; where reset links point
  std::vector<std::string> allowed_hosts;  // empty: loopback names on a loopback address, else any host
  bool registration_open = true;           // MYVOD_REGISTRATION=closed: accounts come from the CLI only
  int bcrypt_cost = 12;
  int login_max_failures = 5;                      // per e-mail
  int login_max_failures_per_address = 50;         // per client address
  std::string metrics_allow = "127.0.0.0/8, ::1";  // CIDR list: clients that may read /metrics
  std::string trusted_proxies;  // CIDR list: peers whose X-Forwarded-For/Forwarded is believed
  int login_window_seconds = 900;
  int idle_timeout_seconds = 60;
  int header_timeout_seconds = 10;
  int request_timeout_seconds = 30;
  int shutdown_grace_seconds = 10;
  size_t max_connections = 0;  // 0: half the open-file limit, at most 10,000
  bool load_sample_catalog = true;
  std::string log_level = "info";

  // TMDB (posters). No key: no calls, posters stay as they are.
  std::string tmdb_api_key;
  std::string tmdb_base_url = "https://api.themoviedb.org/3";
  double tmdb_requests_per_second = 10;
  unsigned poster_workers = 2;

  // Availability sync. The source: "watchmode", "tmdb", or empty for Watchmode when its key is set, else
  // TMDB when its key is set, else off.
  std::string availability_source;
  std::string watchmode_api_key;
  std::string watchmode_base_url = "https://api.watchmode.com/v1";
  double watchmode_requests_per_second = 5;
  std::string region = "PL";

  // AI suggestions: "gemini" or "openai" (any OpenAI-compatible chat-completions server); empty: off.
  std::string ai_provider;
  std::string ai_api_key;
  std::string ai_model;     // empty: gemini-2.5-flash-lite for gemini; required for openai
  std::string ai_base_url;  // empty: Google's for gemini; required for openai
  int ai_timeout_seconds = 30;

  // Mail (SMTP). No URL: no mail; reset links come from `myvod users reset-link`.
  std::string smtp_url;       // smtp://host:587 or smtps://host:465
  std::string smtp_security;  // starttls, tls or none; empty: starttls for smtp://, tls for smtps://
  std::string smtp_ca_file;   // an extra CA to trust beside the system's
  std::string smtp_user;
  std::string smtp_password;
  std::string smtp_from = "myVOD <noreply@localhost>";

  // Jobs: 5-field cron expressions in UTC, or "off".
  std::string housekeeping_schedule = "17 3 * * *";
  std::string sync_schedule = "0 18 * * 5";
  std::string digest_schedule = "0 8 * * 1";
  int retention_days = 90;
};

// The database the settings name, with MYVOD_PG_PREPARE applied; throws std::invalid_argument for a URL
// that names none.
store::DatabaseUrl database_url(const Config& config);

// Registers the database options only (for the commands that just need a database).
void add_database_option(CLI::App& command, Config& config);
// Registers the TMDB options (serve, fetch-posters).
void add_tmdb_options(CLI::App& command, Config& config);
// Registers the availability-sync options (serve, sync-availability).
void add_availability_options(CLI::App& command, Config& config);
// Registers the SMTP options and the digest's schedule (serve, run-job, send-test-mail).
void add_mail_options(CLI::App& command, Config& config);
// Registers every server option on `command`.
// MYVOD_PUBLIC_URL and MYVOD_FRONTEND_URL: where links that leave the server point.
void add_link_options(CLI::App& command, Config& config);
void add_server_options(CLI::App& command, Config& config);

// "host:port" or "[v6]:port"; throws std::invalid_argument.
std::pair<std::string, unsigned short> parse_listen(const std::string& listen);

}  // namespace myvod::app
