#pragma once
// All SQL lives behind this class: one open connection plus the queries of every aggregate, one source
// file per aggregate (users.cpp, platforms.cpp, tokens.cpp, settings.cpp, catalog.cpp). Handlers never see
// SQL. Queries of user-owned rows always take the caller's user id.

#include <soci/soci.h>

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/user.hpp"
#include "store/database_url.hpp"

namespace myvod::store {

struct NewUser {
  std::string id;
  std::string email;
  std::string password_hash;
  bool is_staff = false;
  Timestamp date_joined;
};

struct OutstandingToken {
  std::string jti;
  std::string token;
  std::string user_id;
  Timestamp created_at;
  Timestamp expires_at;
};

// One title of the IMDb catalog as the importer writes it.
struct MovieRecord {
  std::string tconst;
  std::string primary_title;
  std::string original_title;
  std::optional<int> start_year;
  std::optional<std::string> genres;  // IMDb comma-joined list
  std::optional<double> avg_rating;
  std::optional<int> num_votes;
};

class Store {
 public:
  Store(Engine engine, std::unique_ptr<soci::session> session);

  Engine engine() const { return engine_; }
  soci::session& sql() { return *session_; }

  // Runs `work` in one transaction: committed when it returns, rolled back when it throws. On SQLite the
  // write lock is taken up front (BEGIN IMMEDIATE), so two writers queue instead of failing to upgrade.
  template <class Work>
  auto transaction(Work&& work) {
    begin();
    try {
      if constexpr (std::is_void_v<decltype(work())>) {
        work();
        commit();
      } else {
        auto result = work();
        commit();
        return result;
      }
    } catch (...) {
      rollback();
      throw;
    }
  }

  void execute_script(std::string_view script);

  // users.cpp
  std::optional<domain::User> find_user_by_id(const std::string& id);
  std::optional<domain::User> find_user_for_login(const std::string& email_or_username);
  bool email_taken(const std::string& email);  // case-insensitive
  bool insert_user(const NewUser& user);       // false when the email or username is taken
  void set_password(const std::string& user_id, const std::string& password_hash);
  bool delete_user(const std::string& user_id);

  // platforms.cpp
  std::vector<domain::Platform> list_platforms();
  std::vector<domain::Platform> user_platforms(const std::string& user_id);
  void replace_user_platforms(const std::string& user_id, const std::vector<int>& platform_ids);

  // tokens.cpp
  void record_outstanding_token(const OutstandingToken& token);
  bool is_blacklisted(const std::string& jti);
  // Blacklists `old_jti` (recording it first if it was never recorded). False when it already was: a
  // concurrent rotation of the same refresh token loses here, on the database's UNIQUE constraint.
  bool blacklist(const OutstandingToken& old_token, Timestamp at);

  // settings.cpp
  // Stores `value` under `key` unless a value is there already; returns the value in force.
  std::string setting_or_insert(const std::string& key, const std::string& value);

  // catalog.cpp
  long long count_movies();
  // Inserts new titles and updates changed ones; returns how many rows were inserted or changed.
  long long upsert_movies(const std::vector<MovieRecord>& movies, Timestamp now);
  void add_genres(const std::set<std::string>& names);
  std::vector<std::string> list_genres();

 private:
  void begin();
  void commit();
  void rollback();

  Engine engine_;
  std::unique_ptr<soci::session> session_;
};

// Opens a session on either engine, configured as the store expects.
std::unique_ptr<Store> open_store(const DatabaseUrl& url);

}  // namespace myvod::store
