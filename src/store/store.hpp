#pragma once
// All SQL lives in this folder. A Store is one open connection with its transactions; the queries are
// grouped by aggregate, one class and one source file each (users, platforms, tokens, settings, catalog,
// user_movies, on_vod, preferences, ...; items.cpp holds what the two lists share), reached as
// `store.users()`, `store.catalog()`, ... Only these classes see the connection's session: nothing above
// store/ writes SQL. Queries of user-owned rows always take the caller's user id.

#include <memory>
#include <mutex>
#include <string_view>
#include <type_traits>

#include "common/error.hpp"
#include "store/aggregates.hpp"
#include "store/database_url.hpp"

namespace soci {
class session;
}

namespace myvod::testing {
class RawSql;
}

namespace myvod::store {

class StatementCache;

class Store {
 public:
  // `statements` keeps the connection's statements between runs (null: one-time statements). `writers`:
  // SQLite's in-process queue of writers to the same database (sqlite::writer_queue), null on PostgreSQL.
  Store(Engine engine, std::unique_ptr<soci::session> session, std::unique_ptr<StatementCache> statements,
        std::shared_ptr<std::timed_mutex> writers = nullptr);
  ~Store();

  Engine engine() const { return engine_; }

  // Runs `work` in one transaction: committed when it returns, rolled back when it throws. On SQLite the
  // write lock is taken up front (BEGIN IMMEDIATE), so two writers queue instead of failing to upgrade, and
  // this process's writers queue before it (sqlite::writer_queue); one that waits longer than SQLite's
  // busy timeout is answered server_busy().
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
  // One trivial statement: the connection and the database answer.
  void ping();
  // SQLite only: a consistent copy of the whole database written to `path` (which must not exist) while
  // other connections go on reading and writing: VACUUM INTO, one read transaction, so the copy is the
  // database as of one moment, compacted, without a WAL to go with it. Throws when the copy fails SQLite's
  // quick_check.
  void copy_sqlite_database_into(const std::string& path);

  UserStore users() { return UserStore(*this); }
  PlatformStore platforms() { return PlatformStore(*this); }
  AvailabilityStore availability() { return AvailabilityStore(*this); }
  TokenStore tokens() { return TokenStore(*this); }
  SettingStore settings() { return SettingStore(*this); }
  CatalogStore catalog() { return CatalogStore(*this); }
  UserMovieStore user_movies() { return UserMovieStore(*this); }
  OnVodStore on_vod() { return OnVodStore(*this); }
  PosterStore posters() { return PosterStore(*this); }
  IntegrationLogStore integration_log() { return IntegrationLogStore(*this); }
  JobStore jobs() { return JobStore(*this); }
  NotificationStore notifications() { return NotificationStore(*this); }
  PreferenceStore preferences() { return PreferenceStore(*this); }
  AnalyticsStore analytics() { return AnalyticsStore(*this); }
  SuggestionStore suggestions() { return SuggestionStore(*this); }
  RetentionStore retention() { return RetentionStore(*this); }
  AttemptStore attempts() { return AttemptStore(*this); }

 private:
  friend class Aggregate;
  friend class Database;         // counts statements and checks a connection after a failure
  friend class testing::RawSql;  // tests seed and break rows directly
  friend class BoundQuery;       // runs on the session, through its statement cache
  friend class Rows;             // gives the cache back what it lent
  soci::session& sql() { return *session_; }
  StatementCache* statement_cache() { return statements_.get(); }

  void begin();
  void commit();
  void rollback();
  void leave_writer_queue();

  Engine engine_;
  std::unique_ptr<soci::session> session_;
  std::unique_ptr<StatementCache> statements_;  // declared after the session: it goes first
  std::shared_ptr<std::timed_mutex> writers_;
  std::unique_lock<std::timed_mutex> writing_;  // held from begin() to the commit or rollback
};

// The answer when the database cannot take the work now: 503 with Retry-After, never a 500.
Error server_busy();

// Opens a session on either engine, configured as the store expects.
std::unique_ptr<Store> open_store(const DatabaseUrl& url);

}  // namespace myvod::store
