#include "app/commands.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "app/background.hpp"
#include "app/server_app.hpp"
#include "auth/password_hasher.hpp"
#include "catalog/imdb_import.hpp"
#include "common/log.hpp"
#include "common/random.hpp"
#include "domain/mail_templates.hpp"
#include "domain/password_rules.hpp"
#include "domain/text.hpp"
#include "service/accounts.hpp"
#include "service/list_import.hpp"
#include "service/password_reset.hpp"
#include "service/suggestions.hpp"
#include "store/migrations.hpp"

namespace myvod::app {

namespace {

void print_applied(const std::vector<store::AppliedMigration>& migrations) {
  for (const auto& migration : migrations) {
    std::cerr << "applied migration " << migration.version << " " << migration.name << "\n";
  }
}

std::unique_ptr<store::Store> open_migrated(const Config& config) {
  auto store = store::open_store(database_url(config));
  print_applied(store::migrate(*store));
  return store;
}

// Migrates on a connection of its own and returns the URL, for commands that open a connection pool.
store::DatabaseUrl migrated_url(const Config& config) {
  open_migrated(config);
  return database_url(config);
}

struct File {
  explicit File(const std::string& path) : handle(std::fopen(path.c_str(), "rb")) {
    if (!handle) throw std::runtime_error("cannot open " + path);
  }
  ~File() { std::fclose(handle); }
  std::FILE* handle;
};

}  // namespace

int serve(const Config& config) {
  ServerApp app(config);
  app.start();
  log::info("listening", {{"address", config.listen}, {"port", app.port()}});
  boost::asio::io_context signals_context;
  boost::asio::signal_set signals(signals_context, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code&, int signal) {
    log::info("draining", {{"signal", signal}});
    app.drain();
  });
  signals_context.run();
  app.wait();
  log::info("stopped");
  return 0;
}

int migrate_database(const Config& config) {
  open_migrated(config);
  std::cerr << "database is up to date\n";
  return 0;
}

int backup_database(const Config& config, const BackupOptions& options) {
  namespace fs = std::filesystem;
  const auto url = database_url(config);
  if (url.engine != store::Engine::sqlite) {
    std::cerr
        << "myvod backup copies a SQLite database; back up PostgreSQL with pg_dump (README: Operating)\n";
    return 2;
  }
  if (!fs::exists(url.target)) throw std::runtime_error("no database at " + url.target);
  if (fs::exists(options.path)) throw std::runtime_error(options.path + " exists; name a new file");
  // Written beside its final name and renamed only once checked: a backup that failed or was cut short is
  // never mistaken for one that worked.
  const std::string partial = options.path + ".partial-" + random_hex(4);
  try {
    store::open_store(url)->copy_sqlite_database_into(partial);
    fs::rename(partial, options.path);
  } catch (...) {
    std::error_code ignored;
    fs::remove(partial, ignored);
    throw;
  }
  std::cout << "backup written to " << options.path << " (" << fs::file_size(options.path) << " bytes)\n";
  return 0;
}

namespace {

// A progress bar on standard error when it is a terminal: how far into `file` the reading is, and the lines
// read and kept so far.
std::function<void(const catalog::ImportProgress&)> progress_bar(File& file, const char* kept) {
  struct stat info {};
  const double total_bytes = fstat(fileno(file.handle), &info) == 0 ? double(info.st_size) : 0.0;
  if (!isatty(STDERR_FILENO)) return {};
  return [&file, total_bytes, kept](const catalog::ImportProgress& step) {
    const double done = total_bytes > 0 ? double(ftell(file.handle)) / total_bytes : 0.0;
    const int width = 30;
    const int filled = std::min(width, static_cast<int>(done * width));
    std::fprintf(stderr, "\r[%s%s] %3.0f%%  %llu rows, %llu %s", std::string(size_t(filled), '#').c_str(),
                 std::string(size_t(width - filled), ' ').c_str(), done * 100,
                 static_cast<unsigned long long>(step.rows), static_cast<unsigned long long>(step.kept),
                 kept);
    std::fflush(stderr);
  };
}

void print_malformed(const std::vector<catalog::MalformedLine>& lines, std::uint64_t count) {
  std::cout << "malformed lines: " << count << "\n";
  for (const auto& line : lines)
    std::cout << "  " << line.file << " line " << line.line_number << ": " << line.reason << "\n";
  if (count > lines.size()) std::cout << "  ... and " << count - lines.size() << " more\n";
}

void import_basics_files(store::Store& store, const ImportOptions& options) {
  File basics_file(options.basics_path);
  GzipLineReader basics(GzipLineReader::from_file(basics_file.handle));
  std::unique_ptr<File> ratings_file;
  std::unique_ptr<GzipLineReader> ratings;
  if (!options.ratings_path.empty()) {
    ratings_file = std::make_unique<File>(options.ratings_path);
    ratings = std::make_unique<GzipLineReader>(GzipLineReader::from_file(ratings_file->handle));
  }
  const auto progress = progress_bar(basics_file, "movies");
  const auto summary = catalog::import_imdb(store, basics, ratings.get(), progress);
  if (progress) std::fprintf(stderr, "\n");
  std::cout << "rows read: " << summary.basics_rows << " titles, " << summary.ratings_rows << " ratings\n"
            << "movies: " << summary.movies << " (imported " << summary.inserted << ", updated "
            << summary.updated << ", unchanged " << summary.unchanged << ")\n"
            << "skipped (not movies): " << summary.skipped << "\n"
            << "genres: " << summary.genres << "\n";
  print_malformed(summary.malformed_lines, summary.malformed);
  std::cout << "took " << summary.duration.count() << " ms\n";
}

void import_akas_file(store::Store& store, const ImportOptions& options) {
  File akas_file(options.akas_path);
  GzipLineReader akas(GzipLineReader::from_file(akas_file.handle));
  const auto progress = progress_bar(akas_file, "titles kept");
  const auto summary = catalog::import_akas(store, akas, options.akas_regions, progress);
  if (progress) std::fprintf(stderr, "\n");
  std::string regions;
  for (const auto& region : options.akas_regions) regions += (regions.empty() ? "" : ",") + region;
  std::cout << "other titles read: " << summary.rows << " rows, " << summary.kept << " of movies in "
            << regions << "\n"
            << "other titles: added " << summary.added << ", removed " << summary.removed << "\n";
  print_malformed(summary.malformed_lines, summary.malformed);
  std::cout << "took " << summary.duration.count() << " ms\n";
}

}  // namespace

int import_catalog(const Config& config, const ImportOptions& options) {
  auto store = open_migrated(config);
  // The basics first: other titles are kept only for the movies of the catalog.
  if (!options.basics_path.empty()) import_basics_files(*store, options);
  if (!options.akas_path.empty()) import_akas_file(*store, options);
  return 0;
}

int print_suggestions_prompt(const Config& config, const PromptOptions& options) {
  store::Database database(migrated_url(config), 1);
  WorkerPool database_workers("database", 1, 1);
  WorkerPool unused_workers("hashing", 1, 1);
  service::Runtime runtime(database, database_workers, unused_workers, system_clock());
  service::Suggestions suggestions(runtime, unused_workers, nullptr,
                                   std::chrono::seconds(config.ai_timeout_seconds), "cli");
  const auto user =
      database.with_store([&](store::Store& store) { return store.users().find_for_login(options.email); });
  if (!user) {
    std::cerr << "myvod: no user with the e-mail " << options.email << "\n";
    return 1;
  }
  const auto started = std::chrono::steady_clock::now();
  const std::string prompt = suggestions.prompt_for(user->id);
  const auto took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started);
  std::cout << prompt;
  std::cerr << "prompt built in " << took.count() << " ms (" << prompt.size() << " bytes)\n";
  return 0;
}

namespace {

// A password from the environment variable, or typed (without echo on a terminal is the shell's business).
std::string read_password(const char* variable) {
  if (const char* from_environment = std::getenv(variable)) return from_environment;
  if (isatty(STDIN_FILENO)) std::cerr << "Password: ";
  std::string password;
  std::getline(std::cin, password);
  return password;
}

// The same refusals as the API's, one line per message.
int report_refusal(const Error& refused) {
  for (const auto& [field, messages] : refused.body().as_object()) {
    for (const auto& message : messages.as_array())
      std::cerr << field << ": " << std::string_view(message.as_string()) << "\n";
  }
  return 1;
}

// What the account commands share: the database, the pools and the accounts service.
struct AccountTools {
  explicit AccountTools(const Config& config)
      : database(migrated_url(config), 1),
        runtime(database, database_workers, hashing_workers, system_clock()),
        hasher(config.bcrypt_cost),
        accounts(runtime, hasher, domain::CommonPasswords::bundled()) {}
  store::Database database;
  WorkerPool database_workers{"database", 1, 1};
  WorkerPool hashing_workers{"hashing", 1, 1};
  service::Runtime runtime;
  const auth::PasswordHasher hasher;
  service::Accounts accounts;
};

}  // namespace

int create_staff_user(const Config& config, const StaffUserOptions& options) {
  const std::string password = read_password("MYVOD_STAFF_PASSWORD");
  AccountTools tools(config);
  service::Registration registration{std::string(domain::strip(options.email)), password, true, {}, {}};
  try {
    const auto email = service::run_to_completion(tools.accounts.register_user(std::move(registration)));
    std::cout << "staff user " << email << " created\n";
    return 0;
  } catch (const Error& refused) {
    return report_refusal(refused);
  }
}

int manage_users(const Config& config, const UserOptions& options) {
  AccountTools tools(config);
  auto with_store = [&](auto work) { return tools.database.with_store(work); };
  if (options.action == "list") {
    const auto users = with_store([&](store::Store& store) { return store.users().list(options.email); });
    std::printf("%-40s %-36s %-5s %-6s %-10s %s\n", "email", "id", "staff", "active", "joined",
                "last log-in");
    for (const auto& user : users) {
      const std::string last_login = user.last_login ? utc_date(*user.last_login) : "never";
      std::printf("%-40s %-36s %-5s %-6s %-10s %s\n", user.email.c_str(), user.id.c_str(),
                  user.is_staff ? "yes" : "no", user.is_active ? "yes" : "no",
                  utc_date(user.date_joined).c_str(), last_login.c_str());
    }
    std::cout << users.size() << (users.size() == 1 ? " account\n" : " accounts\n");
    return 0;
  }
  const auto user = with_store([&](store::Store& store) {
    return store.users().find_by_email(std::string(domain::strip(options.email)));
  });
  if (!user) {
    std::cerr << "no account with the e-mail " << options.email << "\n";
    return 1;
  }
  if (options.action == "promote" || options.action == "demote") {
    const bool staff = options.action == "promote";
    with_store([&](store::Store& store) { store.users().set_staff(user->id, staff); });
    std::cout << user->email << (staff ? " is staff now\n" : " is no longer staff\n");
  } else if (options.action == "deactivate" || options.action == "reactivate") {
    const bool active = options.action == "reactivate";
    with_store([&](store::Store& store) { store.users().set_active(user->id, active); });
    // An inactive account's tokens are refused at once: every request checks is_active.
    std::cout << user->email << (active ? " can log in again\n" : " can no longer log in\n");
  } else if (options.action == "delete") {
    if (!options.yes) {
      std::cerr << "deleting " << user->email
                << " removes its lists, ratings and notifications for good: add --yes\n";
      return 1;
    }
    with_store([&](store::Store& store) { return store.users().remove(user->id); });
    std::cout << user->email << " deleted\n";
  } else if (options.action == "set-password") {
    try {
      service::run_to_completion(tools.accounts.set_password(*user, read_password("MYVOD_PASSWORD")));
    } catch (const Error& refused) {
      return report_refusal(refused);
    }
    std::cout << "password of " << user->email << " changed\n";
  } else if (options.action == "reset-link") {
    const std::string secret =
        with_store([&](store::Store& store) { return secret_key_in_force(config, store); });
    service::PasswordReset reset(tools.runtime, tools.hasher, secret, frontend_url(config));
    const auto link = service::run_to_completion(reset.link_for(user->email));
    if (!link) {
      std::cerr << user->email << " is deactivated: reactivate it first\n";
      return 1;
    }
    // On the operator's terminal only: the link is a credential, so it goes nowhere else.
    std::cout << link->url << "\n";
  }
  return 0;
}

namespace {

// One line that redraws itself: "[#####     ]  50%  5000/10000  found 4000  none 900  failed 100".
void draw_progress(size_t done, size_t total, const std::map<std::string, long long>& counts,
                   const std::string& label = {}) {
  const int width = 30;
  const double share = total ? double(done) / double(total) : 1.0;
  const int filled = std::min(width, int(share * width));
  std::string line = "\r[" + std::string(size_t(filled), '#') + std::string(size_t(width - filled), ' ') +
                     "] " + std::to_string(int(share * 100)) + "%  " + std::to_string(done) + "/" +
                     std::to_string(total);
  for (const auto& [name, count] : counts) line += "  " + name + " " + std::to_string(count);
  if (!label.empty()) line += "  " + label;
  std::fputs(line.c_str(), stderr);
  std::fflush(stderr);
}

}  // namespace

int fetch_posters(const Config& config, const PosterOptions& options) {
  const auto& clock = system_clock();
  auto tmdb = make_tmdb(config, clock);
  if (!tmdb) {
    std::cerr << "MYVOD_TMDB_API_KEY is not set: there is no TMDB to ask\n";
    return 1;
  }
  const auto url = migrated_url(config);
  store::Database database(url, config.poster_workers + 1);
  service::Posters posters(database, *tmdb, clock);
  jobs::JobRunner runner(database, clock, jobs::process_owner_name());
  const bool terminal = isatty(STDERR_FILENO);
  std::map<std::string, long long> counts{{"found", 0}, {"none", 0}, {"failed", 0}, {"skipped", 0}};
  const auto run = runner.run("posters", "cli", std::nullopt, [&](jobs::JobContext& context) {
    const Timestamp answered_before = clock.now() - domain::kPosterRecheckAfter;
    const bool missing_only = !options.all;
    const auto total = size_t(database.with_store(
        [&](store::Store& store) { return store.posters().count_movies(missing_only, answered_before); }));
    std::mutex mutex;
    std::string after;
    size_t done = 0;
    // Threads take pages of movies in tconst order; the TMDB client spaces their calls out.
    auto next_page = [&]() -> std::vector<std::string> {
      std::lock_guard lock(mutex);
      auto page = database.with_store([&](store::Store& store) {
        return store.posters().page_of_movies(missing_only, answered_before, after, 50);
      });
      if (!page.empty()) after = page.back();
      return page;
    };
    auto work = [&] {
      for (auto page = next_page(); !page.empty(); page = next_page()) {
        for (const auto& tconst : page) {
          const auto outcome = posters.refresh(tconst, domain::PosterView::list, options.all);
          std::lock_guard lock(mutex);
          switch (outcome) {
            case service::PosterOutcome::found:
              ++counts["found"];
              break;
            case service::PosterOutcome::none:
              ++counts["none"];
              break;
            case service::PosterOutcome::failed:
              ++counts["failed"];
              break;
            default:
              ++counts["skipped"];
              break;
          }
          if (terminal && (++done % 10 == 0 || done == total)) draw_progress(done, total, counts);
        }
        context.heartbeat();
      }
    };
    std::vector<std::thread> threads;
    for (unsigned i = 0; i < config.poster_workers; ++i) threads.emplace_back(work);
    for (auto& thread : threads) thread.join();
    for (const auto& [name, count] : counts) context.counts[name] = count;
  });
  if (terminal) std::fputs("\n", stderr);
  if (!run) {
    std::cerr << "another posters run holds the lease; try again when it has finished\n";
    return 1;
  }
  std::cout << "posters: found " << counts["found"] << ", none " << counts["none"] << ", failed "
            << counts["failed"] << ", skipped " << counts["skipped"] << "\n";
  if (counts["failed"] > 0) std::cout << "failures are in the integration error log (api_type tmdb)\n";
  return run->outcome == "succeeded" ? 0 : 1;
}

namespace {

// A pause between mail retries that nothing interrupts (a CLI run ends with its work).
service::Pause plain_pause() {
  return [](std::chrono::milliseconds duration) {
    std::this_thread::sleep_for(duration);
    return true;
  };
}

}  // namespace

int run_job(const Config& config, const JobOptions& options) {
  const auto url = migrated_url(config);
  store::Database database(url, 1);
  jobs::JobRunner runner(database, system_clock(), jobs::process_owner_name());
  jobs::JobWork work = housekeeping_job(database, std::chrono::days(config.retention_days));
  // The digest's parts live as long as the run.
  std::unique_ptr<clients::SmtpClient> smtp;
  std::unique_ptr<service::MailDelivery> delivery;
  std::unique_ptr<service::Digest> digest;
  if (options.job == service::kMailDigestJob) {
    smtp = make_smtp(config);
    if (!smtp) {
      std::cerr << "mail is off: MYVOD_SMTP_URL is not set\n";
      return 1;
    }
    const std::string secret_key =
        database.with_store([&](store::Store& store) { return secret_key_in_force(config, store); });
    delivery = std::make_unique<service::MailDelivery>(
        database, *smtp, service::DeliveryOptions{.from = config.smtp_from}, system_clock(), plain_pause());
    digest = std::make_unique<service::Digest>(database, *delivery, secret_key, mail_link_base(config));
    work = mail_digest_job(*digest);
  }
  const auto run = runner.run(options.job, "cli", std::nullopt, work);
  if (!run) {
    std::cerr << options.job << " is running elsewhere; try again when it has finished\n";
    return 1;
  }
  std::cout << options.job << ": " << run->outcome << " " << run->counts_json << "\n";
  if (run->error) std::cerr << *run->error << "\n";
  return run->outcome == "succeeded" ? 0 : 1;
}

int send_test_mail(const Config& config, const MailOptions& options) {
  const auto smtp = make_smtp(config);
  if (!smtp) {
    std::cerr << "mail is off: MYVOD_SMTP_URL is not set\n";
    return 1;
  }
  store::Database database(migrated_url(config), 1);
  // One attempt: the operator wants the server's answer now, not after the retries.
  service::MailDelivery delivery(database, *smtp, {.from = config.smtp_from, .max_attempts = 1},
                                 system_clock(), plain_pause());
  if (!delivery.deliver({domain::test_mail(options.address), std::nullopt})) {
    std::cerr << "not sent: the reason is in the log line above and in the error log (api_type smtp)\n";
    return 1;
  }
  std::cout << "sent to " << options.address << "\n";
  return 0;
}

int sync_availability(const Config& config, const SyncOptions& options) {
  const auto& clock = system_clock();
  const std::string source = availability_source_of(config);
  if (source.empty()) {
    std::cerr << "availability sync is off: neither MYVOD_WATCHMODE_API_KEY nor MYVOD_TMDB_API_KEY is set\n";
    return 1;
  }
  auto watchmode = make_watchmode(config);
  auto tmdb = source == "tmdb" ? make_tmdb(config, clock) : nullptr;
  const auto url = migrated_url(config);
  store::Database database(url, 1);
  service::AvailabilitySync sync(database, {watchmode.get(), tmdb.get(), config.region}, clock);
  jobs::JobRunner runner(database, clock, jobs::process_owner_name());
  const bool terminal = isatty(STDERR_FILENO);
  bool bar_drawn = false;
  service::SyncProgress progress{.line = [&](const std::string& line) {
    if (bar_drawn) std::fputs("\r\033[K", stderr);  // the bar gives way to the line
    bar_drawn = false;
    std::cout << line << std::endl;
  }};
  if (terminal) {
    progress.page = [&](const std::string& slug, int page, int total_pages) {
      draw_progress(size_t(page), size_t(std::max(page, total_pages)), {}, slug + " pages");
      bar_drawn = true;
    };
  }
  auto slugs = options.platforms;
  if (slugs.empty()) slugs.push_back(service::kAllPlatforms);
  const auto started = std::chrono::steady_clock::now();
  const auto run = runner.run(service::kAvailabilitySyncJob, "cli", std::nullopt,
                              jobs::availability_sync_job(sync, slugs, progress));
  if (bar_drawn) std::fputs("\n", stderr);
  if (!run) {
    std::cerr << "a sync is running already (here or on another server); try again when it has finished\n";
    return 1;
  }
  // The summary: one row per platform, from the run's counts.
  std::printf("\n%-14s %8s %8s %12s %10s %14s  %s\n", "platform", "added", "kept", "unavailable", "unmatched",
              "notifications", "outcome");
  const auto counts = boost::json::parse(run->counts_json).as_object();
  for (const auto& [slug, platform] : counts) {
    const auto& each = platform.as_object();
    const auto number = [&](const char* key) {
      const auto* value = each.if_contains(key);
      return value && value->is_int64() ? static_cast<long long>(value->as_int64()) : 0LL;
    };
    std::printf("%-14s %8lld %8lld %12lld %10lld %14lld  %s\n", std::string(slug).c_str(), number("added"),
                number("kept"), number("marked_unavailable"), number("unmatched"), number("notifications"),
                std::string(each.at("outcome").as_string()).c_str());
  }
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::printf("%.2f s, %llu SQL statements\n", took.count(),
              static_cast<unsigned long long>(database.statements_run()));
  if (run->error) std::cerr << "failed: " << *run->error << "\n";
  return run->outcome == "succeeded" ? 0 : 1;
}

int manage_platforms(const Config& config, const PlatformOptions& options) {
  auto store = open_migrated(config);
  auto platforms = store->platforms();
  if (options.action == "list") {
    std::printf("%-4s %-20s %-28s %-10s %s\n", "id", "slug", "name", "watchmode", "tmdb");
    for (const auto& platform : platforms.sources()) {
      std::string tmdb;
      for (const long long id : platform.tmdb_provider_ids)
        tmdb += (tmdb.empty() ? "" : ",") + std::to_string(id);
      const std::string watchmode =
          platform.watchmode_source_id ? std::to_string(*platform.watchmode_source_id) : "-";
      std::printf("%-4d %-20s %-28s %-10s %s\n", platform.id, platform.slug.c_str(), platform.name.c_str(),
                  watchmode.c_str(), tmdb.empty() ? "-" : tmdb.c_str());
    }
    return 0;
  }
  const auto existing = platforms.sources();
  const auto stored = std::find_if(existing.begin(), existing.end(), [&](const domain::PlatformSource& each) {
    return each.slug == options.slug;
  });
  domain::PlatformSource platform;
  if (options.action == "set") {
    if (stored == existing.end()) {
      std::cerr << "no platform with the slug " << options.slug << "\n";
      return 1;
    }
    platform = *stored;
  }
  platform.slug = options.slug;
  if (options.name) platform.name = *options.name;
  if (options.watchmode_source_id) platform.watchmode_source_id = *options.watchmode_source_id;
  if (options.tmdb_provider_ids) {
    platform.tmdb_provider_ids.clear();
    try {
      for (const auto& id : domain::split_commas(*options.tmdb_provider_ids))
        platform.tmdb_provider_ids.push_back(std::stoll(id));
    } catch (const std::exception&) {
      std::cerr << "--tmdb-provider-ids: expected numbers separated by commas\n";
      return 1;
    }
  }
  const auto before = stored == existing.end() ? std::nullopt : std::optional(*stored);
  if (const auto refusal =
          domain::platform_refusal(platform, options.action == "set" ? before : std::nullopt)) {
    std::cerr << *refusal << "\n";
    return 1;
  }
  if (options.action == "add") {
    const auto id = platforms.add(platform);
    if (!id) {
      std::cerr << "a platform with the slug " << platform.slug << " exists already\n";
      return 1;
    }
    std::cout << "platform " << platform.slug << " added with id " << *id << "\n";
  } else {
    platforms.update(platform);
    std::cout << "platform " << platform.slug << " changed\n";
  }
  std::cout << "running servers offer it within seconds; it syncs from the next run on\n";
  return 0;
}

int import_list(const Config& config, const ListImportOptions& options) {
  std::ifstream in(options.path, std::ios::binary);
  std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) {
    std::cerr << "cannot read " << options.path << "\n";
    return 1;
  }
  service::ImportRequest request{.source = *domain::parse_import_source(options.source),
                                 .file_name = std::filesystem::path(options.path).filename().string(),
                                 .body = std::move(body),
                                 .dry_run = options.dry_run};
  // A bare Letterboxd CSV is told by its name when it has one of Letterboxd's, by its columns otherwise.
  const auto& known = domain::kLetterboxdFiles;
  if (std::find(std::begin(known), std::end(known), request.file_name) == std::end(known))
    request.file_name.clear();
  store::Database database(migrated_url(config), 1);
  try {
    const auto summary = database.with_store([&](store::Store& store) {
      const auto user = store.users().find_by_email(options.email);
      if (!user) throw Error::detail(ErrorCode::not_found, "no account has the e-mail " + options.email);
      return service::import_list(store, user->id, request);
    });
    for (const auto& problem : summary.problems) {
      std::cout << problem.file << " line " << problem.line << ": " << problem.message << "\n";
    }
    for (const auto& skipped : summary.skipped) {
      std::cout << skipped.row.file << " line " << skipped.row.line << ": skipped (" << skipped.reason << ") "
                << skipped.row.tconst.value_or(skipped.row.title) << "\n";
    }
    for (const auto& item : summary.needs_review) {
      std::cout << item.rows.front().file << " line " << item.rows.front().line
                << ": needs review: " << item.title
                << (item.year ? " (" + std::to_string(*item.year) + ")" : "") << ", "
                << item.candidates.size() << " candidates\n";
    }
    if (options.dry_run) {
      std::cout << "dry run: would add " << summary.added << ", update " << summary.updated << ", leave "
                << summary.unchanged << " unchanged";
    } else {
      std::cout << "added " << summary.added << ", updated " << summary.updated << ", unchanged "
                << summary.unchanged;
    }
    std::cout << "; skipped " << summary.skipped.size() << ", malformed " << summary.problems.size()
              << ", needing review " << summary.needs_review.size() << "\n";
    if (!summary.needs_review.empty()) std::cout << "choose their movies on the web UI's import page\n";
    std::cerr << "import-list: " << database.statements_run() << " statements\n";
    return 0;
  } catch (const Error& refused) {
    std::cerr << "myvod: " << std::string_view(refused.body().at("detail").as_string()) << "\n";
    return 1;
  }
}

}  // namespace myvod::app
