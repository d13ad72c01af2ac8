#include "app/server_app.hpp"

#include <sys/resource.h>

#include <thread>

#include "api/application.hpp"
#include "api/platforms.hpp"
#include "app/background.hpp"
#include "catalog/imdb_import.hpp"
#include "clients/text_model.hpp"
#include "common/log.hpp"
#include "common/random.hpp"
#include "http/dispatcher.hpp"
#include "http/server.hpp"
#include "jobs/job_runner.hpp"
#include "search/catalog_search.hpp"
#include "service/runtime.hpp"
#include "store/migrations.hpp"
#include "ui/static_site.hpp"

namespace myvod::app {

namespace {

unsigned cores() {
  return std::max(1u, std::thread::hardware_concurrency());
}

// Migrates, seeds, and reads what the services need from the database, on one connection.
struct Startup {
  std::vector<domain::Platform> platforms;
  std::string secret_key;
};

Startup prepare_database(store::Database& database, const Config& config) {
  return database.with_store([&](store::Store& store) {
    for (const auto& migration : store::migrate(store)) {
      log::info("migration applied", {{"version", migration.version}, {"name", migration.name}});
    }
    if (config.load_sample_catalog) {
      if (auto summary = catalog::load_bundled_sample_if_empty(store)) {
        log::info("sample catalog loaded", {{"movies", summary->movies}, {"genres", summary->genres}});
      }
    }
    return Startup{store.platforms().list(), secret_key_in_force(config, store)};
  });
}

// The language model for suggestions, or nothing when none is configured (said once, here, rather than in
// an error row on every request).
std::unique_ptr<clients::TextModel> make_text_model(const Config& config) {
  if (config.ai_provider.empty()) {
    log::info("AI suggestions are off: MYVOD_AI_PROVIDER is not set");
    return nullptr;
  }
  const bool gemini = config.ai_provider == "gemini";
  if (gemini && config.ai_api_key.empty()) {
    log::warn("AI suggestions are off: MYVOD_AI_PROVIDER is gemini but MYVOD_AI_API_KEY is not set");
    return nullptr;
  }
  clients::TextModelOptions options{config.ai_provider, config.ai_base_url, config.ai_model,
                                    config.ai_api_key, std::chrono::seconds(config.ai_timeout_seconds)};
  if (gemini) {
    if (options.base_url.empty()) options.base_url = "https://generativelanguage.googleapis.com/v1beta";
    if (options.model.empty()) options.model = "gemini-2.5-flash-lite";
  } else if (options.base_url.empty() || options.model.empty()) {
    throw std::invalid_argument("MYVOD_AI_PROVIDER=openai needs MYVOD_AI_BASE_URL and MYVOD_AI_MODEL");
  }
  log::info("AI suggestions are on", {{"provider", options.provider}, {"model", options.model}});
  auto http = clients::text_model_http_options(options.timeout);
  http.provider = options.provider;
  return clients::make_text_model(options, clients::HttpClient(http));
}

}  // namespace

std::string secret_key_in_force(const Config& config, store::Store& store) {
  if (!config.secret_key.empty()) return config.secret_key;
  return store.settings().get_or_insert("secret_key", random_secret_key());
}

namespace {
std::string without_trailing_slashes(std::string url) {
  while (url.ends_with('/')) url.pop_back();
  return url;
}
}  // namespace

std::string public_url(const Config& config) {
  return without_trailing_slashes(config.public_url.empty() ? "http://127.0.0.1:8000" : config.public_url);
}

std::string frontend_url(const Config& config) {
  return config.frontend_url.empty() ? public_url(config) : without_trailing_slashes(config.frontend_url);
}

service::MailLinkBase mail_link_base(const Config& config) {
  return {frontend_url(config), public_url(config)};
}

struct ServerApp::Parts {
  Parts(const Config& config, const Clock& clock)
      : database(database_url(config), config.database_connections),
        startup(prepare_database(database, config)),
        background(config, database.url(), startup.secret_key, clock),
        catalog_search(database.with_store([this](store::Store& store) {
          return std::make_unique<search::CatalogSearch>(store, database.url());
        })),
        database_workers("database", config.database_connections, 10'000),
        // One client address holds an eighth of the hashing queue at most, so a few can never fill it.
        hashing_workers("hashing",
                        config.hashing_threads ? config.hashing_threads : std::max(1u, cores() / 2),
                        config.hashing_queue_limit, std::max<size_t>(1, config.hashing_queue_limit / 8)),
        jwt(startup.secret_key),
        hasher(config.bcrypt_cost),
        runtime(database, database_workers, hashing_workers, clock),
        login_limit(runtime, "login",
                    {config.login_max_failures, config.login_max_failures_per_address,
                     std::chrono::seconds(config.login_window_seconds)}),
        reset_limit(runtime, "password_reset",
                    {kResetRequestsPerHour, kResetRequestsPerHour, std::chrono::hours(1)}),
        accounts(runtime, hasher, domain::CommonPasswords::bundled()),
        password_reset(runtime, hasher, startup.secret_key, frontend_url(config)),
        mail_settings(runtime, background.mailer(), startup.secret_key, mail_link_base(config)),
        user_movies(runtime),
        platforms(runtime, startup.platforms),
        text_model(make_text_model(config)),
        // Model calls take seconds: they wait on their own threads, never on a database worker.
        outbound_workers("outbound", 4, 256),
        suggestions(runtime, outbound_workers, text_model.get(),
                    std::chrono::seconds(config.ai_timeout_seconds), jobs::process_owner_name()),
        services{.runtime = runtime,
                 .accounts = accounts,
                 .user_movies = user_movies,
                 .suggestions = suggestions,
                 .jwt = jwt,
                 .hasher = hasher,
                 .login_limit = login_limit,
                 .reset_limit = reset_limit,
                 .password_reset = password_reset,
                 .mailer = background.mailer(),
                 .mail_settings = mail_settings,
                 .catalog_search = *catalog_search,
                 .posters = background.poster_requests(),
                 .sync_launcher = background.sync_launcher(),
                 .availability_sync = background.syncs_availability(),
                 .registration_open = config.registration_open,
                 .platforms = platforms,
                 .decoy_password_hash = hasher.hash(random_hex(16)),
                 .cors_origins = config.cors_origins,
                 .metrics_allow = *http::parse_address_ranges(config.metrics_allow),  // checked by the CLI
                 .public_url = config.public_url.empty() ? "" : public_url(config)},
        application(services),
        dispatcher(make_dispatcher(application, site, allowed_hosts(config))),
        server(server_options(config), [this](http::RawRequest& request, const http::RequestMeta& meta) {
          return dispatcher(request, meta);
        }) {}

  // The API answers its own paths, its health check and Prometheus's /metrics; the web UI the rest.
  static http::AllowedHosts allowed_hosts(const Config& config) {
    if (!config.allowed_hosts.empty()) return http::AllowedHosts(config.allowed_hosts);
    auto hosts = http::AllowedHosts::for_listening_on(parse_listen(config.listen).first);
    if (hosts.allows_any()) {
      log::warn(
          "MYVOD_ALLOWED_HOSTS is not set: answering any Host header, as the server listens beyond "
          "loopback. Set it to the names clients use.");
    }
    return hosts;
  }

  static http::Dispatcher make_dispatcher(api::Application& application, const ui::StaticSite& site,
                                          http::AllowedHosts hosts) {
    const http::RequestHandler api = [&application](http::RawRequest& request,
                                                    const http::RequestMeta& meta) {
      return application.handle(request, meta);
    };
    http::Dispatcher dispatcher([&site](http::RawRequest& request, const http::RequestMeta& meta) {
      return site.handle(request, meta);
    });
    dispatcher.prefix("/api/", api)
        .prefix("/admin/analytics/api/", api)
        .exact("/healthz", api)
        .exact("/metrics", api)
        // Balancers' probes and Prometheus name the server by its address; /metrics has its own client list.
        .allow_hosts(std::move(hosts), {"/healthz", "/metrics"});
    return dispatcher;
  }

  // The process's open-file limit, its soft limit first raised to the hard one: the soft default (1,024 on
  // Debian) is a few hundred clients, and only the hard limit is the operator's decision.
  static size_t raised_open_file_limit() {
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0) return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
      rlimit raised = limit;
      raised.rlim_cur = limit.rlim_max;
      if (setrlimit(RLIMIT_NOFILE, &raised) == 0) limit = raised;
    }
    return limit.rlim_cur == RLIM_INFINITY ? SIZE_MAX : static_cast<size_t>(limit.rlim_cur);
  }

  // Called while the members are built: `application` is already there (it is declared before `server`).
  http::ServerOptions server_options(const Config& config) {
    const auto [host, port] = parse_listen(config.listen);
    http::ServerOptions options;
    options.host = host;
    options.port = port;
    options.io_threads = config.io_threads ? config.io_threads : cores();
    options.idle_timeout = std::chrono::seconds(config.idle_timeout_seconds);
    options.header_timeout = std::chrono::seconds(config.header_timeout_seconds);
    options.request_timeout = std::chrono::seconds(config.request_timeout_seconds);
    options.shutdown_grace = std::chrono::seconds(config.shutdown_grace_seconds);
    options.on_grace_over = [this] { refuse_queued_jobs(); };
    // Half the descriptors at most: the rest stay for the database, the files and the refusals themselves.
    const size_t file_limit = raised_open_file_limit();
    options.max_connections =
        config.max_connections ? config.max_connections : std::min<size_t>(10'000, file_limit / 2);
    if (options.max_connections >= file_limit) {
      log::warn(
          "MYVOD_MAX_CONNECTIONS is not below the open-file limit: accepting will fail before the limit",
          {{"max_connections", options.max_connections}, {"open_file_limit", file_limit}});
    }
    // Browsers may not guess types, frame the pages, send our paths to other sites, or share a window
    // with another site's.
    options.headers = {{"X-Content-Type-Options", "nosniff"},
                       {"X-Frame-Options", "DENY"},
                       {"Referrer-Policy", "same-origin"},
                       {"Cross-Origin-Opener-Policy", "same-origin"}};
    options.trusted_proxies = *http::parse_address_ranges(config.trusted_proxies);  // checked by the CLI
    for (const auto& upload : api::upload_body_limits()) {
      options.max_body_limit = std::max(options.max_body_limit, upload.second);
    }
    options.body_limit_for = [this, standard = options.body_limit](const http::RawRequest& header) {
      return application.body_limit_for(header, standard);
    };
    return options;
  }

  // Work not started when the grace period ends is refused (503), so a queue of password hashes cannot keep
  // the process alive past it: 60 logins at bcrypt cost 12 are 15 s of hashing.
  void refuse_queued_jobs() {
    for (WorkerPool* pool : {&hashing_workers, &database_workers, &outbound_workers})
      pool->refuse_queued_jobs();
  }
  // The jobs still running post their answers to the server's I/O contexts: they finish before those go.
  ~Parts() {
    server.drain();
    server.wait();
    refuse_queued_jobs();
    for (WorkerPool* pool : {&hashing_workers, &database_workers, &outbound_workers}) pool->join();
  }
  Parts(const Parts&) = delete;
  Parts& operator=(const Parts&) = delete;

  store::Database database;
  Startup startup;
  Background background;
  std::unique_ptr<search::CatalogSearch> catalog_search;
  WorkerPool database_workers;
  WorkerPool hashing_workers;
  auth::JwtCodec jwt;
  auth::PasswordHasher hasher;
  service::Runtime runtime;
  service::AttemptLimit login_limit;
  // Reset requests per e-mail and per client address: each may mail a stranger's inbox.
  static constexpr int kResetRequestsPerHour = 5;
  service::AttemptLimit reset_limit;
  service::Accounts accounts;
  service::PasswordReset password_reset;
  service::MailSettings mail_settings;
  service::UserMovies user_movies;
  service::PlatformDirectory platforms;
  std::unique_ptr<clients::TextModel> text_model;
  WorkerPool outbound_workers;
  service::Suggestions suggestions;
  api::Services services;
  api::Application application;
  ui::StaticSite site;
  http::Dispatcher dispatcher;
  http::Server server;
};

ServerApp::ServerApp(const Config& config, const Clock& clock) {
  log::set_level(config.log_level);
  parts_ = std::make_unique<Parts>(config, clock);
}
ServerApp::~ServerApp() = default;

void ServerApp::start() {
  parts_->server.start();
  parts_->background.start();
}
std::uint64_t ServerApp::database_statements() const {
  return parts_->database.statements_run();
}
size_t ServerApp::database_jobs() const {
  return parts_->database_workers.pending();
}
store::Database& ServerApp::database() {
  return parts_->database;
}
// A Reply cannot be default-constructed, which run_to_completion's future needs.
static boost::asio::awaitable<std::optional<http::Reply>> optional_reply(
    boost::asio::awaitable<http::Reply> reply) {
  co_return co_await std::move(reply);
}

http::Reply ServerApp::handle(http::RawRequest& request, const http::RequestMeta& meta) {
  return std::move(*service::run_to_completion(optional_reply(parts_->dispatcher(request, meta))));
}
unsigned short ServerApp::port() const {
  return parts_->server.port();
}
void ServerApp::drain() {
  parts_->background.stop();
  parts_->server.drain();
}
void ServerApp::wait() {
  parts_->server.wait();
}

}  // namespace myvod::app
