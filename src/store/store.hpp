#pragma once
// All SQL lives behind this class: one open connection plus the queries of every aggregate, one source
// file per aggregate (users.cpp, platforms.cpp, tokens.cpp, settings.cpp, catalog.cpp, user_movies.cpp,
// on_vod.cpp; items.cpp holds what the two lists share). Handlers never see SQL. Queries of user-owned rows
// always take the caller's user id.

#include <soci/soci.h>

#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/clock.hpp"
#include "domain/listing.hpp"
#include "domain/movie.hpp"
#include "domain/user.hpp"
#include "domain/user_movie.hpp"
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

// The movie part of a list item.
struct MovieSummary {
  std::string tconst;
  std::string primary_title;
  std::optional<int> start_year;
  std::optional<std::string> genres;  // IMDb comma-joined list
  std::optional<double> avg_rating;
  std::optional<std::string> poster_path;
};

// One item of the watchlist, the watched history or the on-VOD list, with every availability row of its
// movie (by platform id); which of them the client sees is the handler's rule.
struct UserMovieItem {
  std::optional<long long> id;  // absent on the on-VOD list when the caller has no row for the movie
  MovieSummary movie;
  domain::UserMovieState state;
  std::vector<domain::AvailabilityRow> availability;
};

struct UserMovieRow {
  long long id = 0;
  domain::UserMovieState state;
};

// GET /api/user-movies/ filters; the caller is always part of it.
struct UserMovieFilter {
  std::string user_id;
  std::optional<domain::WatchStatus> status;
  domain::UserMovieOrdering ordering = domain::UserMovieOrdering::newest_row;
  std::optional<bool> is_available;               // on the platforms in force
  std::vector<int> platforms_in_force;            // the user's platforms, or the requested ones
  bool available_on_requested_platforms = false;  // platform_ids was given: keep movies available there
  std::vector<std::string> genres;                // any of them
};

// GET /api/on-vod-movies/ filters.
struct OnVodFilter {
  std::string user_id;
  std::vector<int> platform_ids;  // empty: any platform
  domain::OnVodOrdering ordering = domain::OnVodOrdering::added_desc;
  std::vector<std::string> genres;
  bool exclude_watched = false;
  bool exclude_watchlisted = false;
  bool exclude_unassigned = false;
};

// One page of a list and the size of the whole list (0 when the page is empty).
struct ItemSlice {
  long long total = 0;
  std::vector<UserMovieItem> items;
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
  // Inserts new titles and updates changed ones; returns how many rows were inserted or changed. A change
  // marks the catalog changed (see catalog_version).
  long long upsert_movies(const std::vector<MovieRecord>& movies, Timestamp now);
  void add_genres(const std::set<std::string>& names);
  std::vector<std::string> list_genres();  // in byte order on both engines
  bool movie_exists(const std::string& tconst);
  // Calls `visit` for every movie, in tconst order, reading a bounded batch at a time.
  void for_each_catalog_title(const std::function<void(const domain::CatalogTitle&)>& visit);
  // The movies of `tconsts` that exist, in no particular order.
  std::vector<domain::MovieHit> movie_hits(const std::vector<std::string>& tconsts);
  // A token that changes with every import, so that each server can tell its search index is stale even
  // when another process imported.
  std::string catalog_version();

  // user_movies.cpp: every query takes the caller's id. Lists cost one query for the page and one for the
  // availability of its movies, whatever the page size.
  long long count_user_movies(const UserMovieFilter& filter);
  ItemSlice list_user_movies(const UserMovieFilter& filter, long long offset, int limit);
  std::optional<UserMovieItem> find_user_movie(const std::string& user_id, long long id);
  // The caller's row, locked until the transaction ends (PostgreSQL; SQLite's writer lock already is).
  std::optional<UserMovieRow> lock_user_movie(const std::string& user_id, const std::string& tconst);
  std::optional<UserMovieRow> lock_user_movie(const std::string& user_id, long long id);
  // The new row's id; nothing when the user already has a row for the movie (a concurrent insert won).
  std::optional<long long> insert_user_movie(const std::string& user_id, const std::string& tconst,
                                             const domain::UserMovieState& state);
  void update_user_movie(const std::string& user_id, long long id, const domain::UserMovieState& state);

  // on_vod.cpp
  long long count_on_vod(const OnVodFilter& filter);
  ItemSlice list_on_vod(const OnVodFilter& filter, long long offset, int limit);

 private:
  void mark_catalog_changed();
  void begin();
  void commit();
  void rollback();

  Engine engine_;
  std::unique_ptr<soci::session> session_;
};

// Opens a session on either engine, configured as the store expects.
std::unique_ptr<Store> open_store(const DatabaseUrl& url);

}  // namespace myvod::store
