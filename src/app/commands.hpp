#pragma once
// One function per command of the CLI.

#include <optional>
#include <string>
#include <vector>

#include "app/config.hpp"

namespace myvod::app {

struct ImportOptions {
  std::string basics_path;   // optional when akas_path is given
  std::string ratings_path;  // optional
  std::string akas_path;     // optional
  std::vector<std::string> akas_regions;  // with akas_path
};

struct StaffUserOptions {
  std::string email;
};

struct UserOptions {
  std::string action;  // list, promote, demote, deactivate, reactivate, delete, set-password, reset-link
  std::string email;   // the account (list: a part of the e-mails to show)
  bool yes = false;    // delete: confirmed on the command line
};

struct PosterOptions {
  bool all = false;  // every movie, even those with a recent answer; otherwise those missing a poster
};

struct JobOptions {
  std::string job;
};

struct MailOptions {
  std::string address;
};

struct SyncOptions {
  std::vector<std::string> platforms;  // slugs; empty: every platform
};

struct PlatformOptions {
  std::string action;  // list, add, set
  std::string slug;
  std::optional<std::string> name;
  std::optional<long long> watchmode_source_id;
  std::optional<std::string> tmdb_provider_ids;  // comma-separated; empty clears
};

struct ListImportOptions {
  std::string email;
  std::string source;  // imdb or letterboxd
  std::string path;    // a CSV file, or Letterboxd's export ZIP
  bool dry_run = false;
};

struct BackupOptions {
  std::string path;  // the copy to write; it must not exist
};

struct PromptOptions {
  std::string email;
};

int serve(const Config& config);
int fetch_posters(const Config& config, const PosterOptions& options);
int run_job(const Config& config, const JobOptions& options);
// Sends one mail through the configured SMTP server at once (no queue, no retries) and says what happened:
// the operator's check of MYVOD_SMTP_*.
int send_test_mail(const Config& config, const MailOptions& options);
// Imports a user's IMDb or Letterboxd export as POST /api/imports/ does, and prints the summary.
int import_list(const Config& config, const ListImportOptions& options);
// Syncs availability now (a run with trigger cli), printing the sync's lines, a progress bar on a terminal,
// and a summary per platform.
int sync_availability(const Config& config, const SyncOptions& options);
// Lists, adds or changes platforms (slug, name, Watchmode source id, TMDB provider ids).
int manage_platforms(const Config& config, const PlatformOptions& options);
int migrate_database(const Config& config);
// Writes a consistent copy of a SQLite database to a new file while the server runs (PostgreSQL has
// pg_dump), checks the copy, and only then gives it its name.
int backup_database(const Config& config, const BackupOptions& options);
int import_catalog(const Config& config, const ImportOptions& options);
int create_staff_user(const Config& config, const StaffUserOptions& options);
// The operator's account tools: list, promote/demote (staff), deactivate/reactivate (log-in), delete,
// set-password (the password from MYVOD_PASSWORD or standard input), reset-link (printed, for a server
// without mail).
int manage_users(const Config& config, const UserOptions& options);
// Prints the prompt today's AI suggestions would send for the user (no model call): what the model sees.
int print_suggestions_prompt(const Config& config, const PromptOptions& options);

}  // namespace myvod::app
