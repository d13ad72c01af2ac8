#include "app/cli.hpp"

#include <CLI/CLI.hpp>
#include <iostream>

#include "app/commands.hpp"
#include "catalog/imdb_import.hpp"
#include "common/log.hpp"

namespace myvod::app {

int run_cli(int argc, char** argv) {
  CLI::App cli{"myvod: the myVOD server (watchlists, availability on VOD platforms, catalog search)"};
  cli.set_version_flag("--version", MYVOD_VERSION);
  cli.require_subcommand(1);
  Config config;
  ImportOptions import_options;
  StaffUserOptions staff_options;

  auto* serve_command = cli.add_subcommand("serve", "Serve the REST API (migrates the database first)");
  add_server_options(*serve_command, config);

  auto* migrate_command = cli.add_subcommand("migrate", "Apply pending database migrations");
  add_database_option(*migrate_command, config);

  BackupOptions backup_options;
  auto* backup_command = cli.add_subcommand(
      "backup", "Copy the SQLite database to a new FILE while the server runs (PostgreSQL: use pg_dump)");
  add_database_option(*backup_command, config);
  backup_command->add_option("file", backup_options.path, "The copy to write (must not exist)")->required();

  auto* import_command = cli.add_subcommand(
      "import-imdb", "Import IMDb title.basics, title.ratings and title.akas (.tsv or .tsv.gz)");
  add_database_option(*import_command, config);
  auto* basics_option =
      import_command->add_option("--basics", import_options.basics_path, "title.basics.tsv[.gz]")
          ->check(CLI::ExistingFile);
  import_command
      ->add_option("--ratings", import_options.ratings_path,
                   "title.ratings.tsv[.gz]; without it, stored ratings are kept and new movies have none")
      ->check(CLI::ExistingFile)
      ->needs(basics_option);
  auto* akas_option =
      import_command
          ->add_option("--akas", import_options.akas_path,
                       "title.akas.tsv[.gz]: the other titles of the movies, for search (after the basics)")
          ->check(CLI::ExistingFile);
  auto* regions_option =
      import_command
          ->add_option(
              "--akas-regions", import_options.akas_regions,
              "The regions whose titles to keep, comma-separated (PL,US); replaces those regions' titles")
          ->delimiter(',')
          // A transform, not a check: what it returns replaces the value, so "pl" is stored as "PL".
          ->transform(CLI::Validator(
              [](std::string& code) {
                for (auto& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                return catalog::is_region_code(code) ? std::string()
                                                     : "not a region code such as PL or US: " + code;
              },
              "REGION"));
  akas_option->needs(regions_option);
  regions_option->needs(akas_option);
  import_command->callback([&import_options] {
    if (import_options.basics_path.empty() && import_options.akas_path.empty())
      throw CLI::RequiredError("--basics or --akas");
  });

  auto* staff_command = cli.add_subcommand(
      "create-staff-user",
      "Create a staff user; the password is read from MYVOD_STAFF_PASSWORD or standard input");
  add_database_option(*staff_command, config);
  staff_command->add_option("--email", staff_options.email, "E-mail (also the username)")->required();

  UserOptions user_options;
  auto* users_command = cli.add_subcommand("users", "The operator's account tools");
  add_database_option(*users_command, config);
  add_link_options(*users_command, config);
  users_command->require_subcommand(1);
  auto* list_users =
      users_command->add_subcommand("list", "Every account (or those whose e-mail contains TEXT)");
  list_users->add_option("text", user_options.email, "A part of the e-mails to show");
  const std::vector<std::pair<const char*, const char*>> user_actions{
      {"promote", "Make the account staff"},
      {"demote", "Make the account a plain user"},
      {"deactivate", "Refuse the account's log-ins and tokens (its data stays)"},
      {"reactivate", "Let a deactivated account log in again"},
      {"delete", "Delete the account and everything it owns"},
      {"set-password", "Set the password (from MYVOD_PASSWORD or standard input), by the validators' rules"},
      {"reset-link",
       "Print a password-reset link for the account (valid 3 days, once), for a server without mail"}};
  std::vector<CLI::App*> user_commands{list_users};
  for (const auto& [name, description] : user_actions) {
    auto* action = users_command->add_subcommand(name, description);
    action->add_option("email", user_options.email, "The account's e-mail")->required();
    user_commands.push_back(action);
  }
  users_command->get_subcommand("delete")->add_flag("--yes", user_options.yes, "Yes, delete it");
  for (auto* action : user_commands) {
    action->callback([&user_options, action] { user_options.action = action->get_name(); });
  }

  PosterOptions poster_options;
  auto* posters_command = cli.add_subcommand(
      "fetch-posters", "Fetch posters from TMDB for the movies missing one (or, with --all, every movie)");
  add_database_option(*posters_command, config);
  add_tmdb_options(*posters_command, config);
  auto* all_flag =
      posters_command->add_flag("--all", poster_options.all, "Every movie, even with a recent answer");
  bool missing_only = false;  // the default; the flag exists so that scripts can say so
  posters_command->add_flag("--missing", missing_only, "Only movies without a poster (the default)")
      ->excludes(all_flag);

  JobOptions job_options;
  auto* job_command =
      cli.add_subcommand("run-job", "Run a scheduled job now (recorded as a run with trigger cli)");
  add_database_option(*job_command, config);
  job_command
      ->add_option("--retention-days", config.retention_days, "Days error-log rows and job runs are kept")
      ->envname("MYVOD_RETENTION_DAYS")
      ->capture_default_str();
  add_mail_options(*job_command, config);
  add_link_options(*job_command, config);
  job_command->add_option("job", job_options.job, "The job: housekeeping or mail-digest")
      ->required()
      ->check(CLI::IsMember({"housekeeping", "mail-digest"}));

  MailOptions mail_options;
  auto* mail_command = cli.add_subcommand("send-test-mail", "Send a test mail through the SMTP settings");
  add_database_option(*mail_command, config);
  add_mail_options(*mail_command, config);
  mail_command->add_option("address", mail_options.address, "Where to send it")->required();

  SyncOptions sync_options;
  auto* sync_command = cli.add_subcommand(
      "sync-availability", "Sync which movies stream on which platform now (a run with trigger cli)");
  add_database_option(*sync_command, config);
  add_tmdb_options(*sync_command, config);
  add_availability_options(*sync_command, config);
  sync_command->add_option("--platform", sync_options.platforms,
                           "A platform's slug (repeatable; default: all)");

  PlatformOptions platform_options;
  auto* platforms_command = cli.add_subcommand("platforms", "List, add or change the streaming platforms");
  add_database_option(*platforms_command, config);
  platforms_command->require_subcommand(1);
  platforms_command->add_subcommand("list", "Every platform with its provider ids")->callback([&] {
    platform_options.action = "list";
  });
  auto* add_platform = platforms_command->add_subcommand("add", "A platform beyond the fixed five");
  add_platform->callback([&] { platform_options.action = "add"; });
  add_platform->add_option("--slug", platform_options.slug, "Lower-case letters, digits, dashes")->required();
  add_platform->add_option("--name", platform_options.name, "The name users see")->required();
  auto* set_platform = platforms_command->add_subcommand("set", "Change a platform's name or provider ids");
  set_platform->callback([&] { platform_options.action = "set"; });
  set_platform->add_option("slug", platform_options.slug, "The platform's slug")->required();
  set_platform->add_option("--name", platform_options.name, "The name users see (not for the fixed five)");
  for (auto* command : {add_platform, set_platform}) {
    command->add_option("--watchmode-source-id", platform_options.watchmode_source_id,
                        "Watchmode's source id");
    command->add_option("--tmdb-provider-ids", platform_options.tmdb_provider_ids,
                        "TMDB watch-provider ids, comma-separated (empty: none)");
  }

  ListImportOptions list_options;
  auto* list_command = cli.add_subcommand(
      "import-list", "Import a user's ratings and watchlist from an IMDb or Letterboxd export");
  add_database_option(*list_command, config);
  list_command->add_option("--user", list_options.email, "The user's e-mail")->required();
  list_command->add_option("--source", list_options.source, "Where the file comes from")
      ->required()
      ->check(CLI::IsMember({"imdb", "letterboxd"}));
  list_command->add_flag("--dry-run", list_options.dry_run, "Report what would change and change nothing");
  list_command
      ->add_option("file", list_options.path,
                   "IMDb's ratings or watchlist CSV; Letterboxd's export ZIP or one of its CSV files")
      ->required()
      ->check(CLI::ExistingFile);

  PromptOptions prompt_options;
  auto* prompt_command = cli.add_subcommand("suggestions-prompt",
                                            "Print the prompt today's AI suggestions would send for a user, "
                                            "and the time building it took (no model call)");
  add_database_option(*prompt_command, config);
  prompt_command->add_option("--email", prompt_options.email, "The user's e-mail")->required();

  CLI11_PARSE(cli, argc, argv);
  try {
    if (*serve_command) {
      return serve(config);
    }
    if (*migrate_command) return migrate_database(config);
    if (*backup_command) return backup_database(config, backup_options);
    if (*import_command) return import_catalog(config, import_options);
    if (*staff_command) return create_staff_user(config, staff_options);
    if (*users_command) return manage_users(config, user_options);
    if (*posters_command) return fetch_posters(config, poster_options);
    if (*job_command) return run_job(config, job_options);
    if (*mail_command) return send_test_mail(config, mail_options);
    if (*sync_command) return sync_availability(config, sync_options);
    if (*platforms_command) return manage_platforms(config, platform_options);
    if (*prompt_command) return print_suggestions_prompt(config, prompt_options);
    if (*list_command) return import_list(config, list_options);
  } catch (const std::exception& failure) {
    std::cerr << "myvod: " << failure.what() << "\n";
    return 1;
  }
  return 2;
}

}  // namespace myvod::app
