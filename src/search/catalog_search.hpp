#pragma once
// Title search over the whole catalog, answered from memory and kept fresh across processes: every search
// reads the catalog version and the number of the last poster write (one small statement, which the searches
// that arrive while it runs share: common/shared_read.hpp). When an import,
// here or in another process, has changed the catalog, the index and its copy of the shown fields
// (ShownMovies) are rebuilt, so no restart is needed; poster writes since the copy was made are replayed
// into it.
//
// A large catalog is rebuilt on a thread of its own with a connection of its own (a full catalog takes a
// second or two): searches keep the old index until the new one is ready, and no search, nor any request
// waiting for a pooled connection, stalls behind the build. A small catalog is rebuilt in place by the search
// that finds it changed: it takes a few milliseconds, and that search already sees the change.

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "common/shared_read.hpp"
#include "search/shown_movies.hpp"
#include "search/title_index.hpp"
#include "store/database_url.hpp"
#include "store/store.hpp"

namespace myvod::search {

class CatalogSearch {
 public:
  // Below this many titles, a changed catalog is indexed again by the search that finds the change.
  static constexpr size_t kRebuildInPlaceBelow = 20'000;

  // Builds the index from the catalog (at start-up, before the server listens); later rebuilds of a large
  // catalog open their own connection to `url`.
  CatalogSearch(store::Store& store, store::DatabaseUrl url,
                size_t rebuild_in_place_below = kRebuildInPlaceBelow);
  // Stops a rebuild under way and waits for its thread.
  ~CatalogSearch();
  CatalogSearch(const CatalogSearch&) = delete;
  CatalogSearch& operator=(const CatalogSearch&) = delete;

  // The best `limit` movies for `query`, best first, as answers show them.
  std::vector<domain::Movie> search(store::Store& store, std::string_view query, size_t limit);

  // The same without the database, for a server's searches, which need no connection when the catalog has
  // not changed: `versions` come from versions(), and the answer is empty when the database is needed after
  // all (a small catalog to index again, or poster writes to replay); search() then does that.
  using Versions = store::CatalogStore::Versions;
  std::optional<std::vector<domain::Movie>> search_in_memory(const Versions& versions, std::string_view query,
                                                             size_t limit);
  // The catalog's versions from a read that began after this call: `read()` awaits one (on the database
  // pool), and the searches that ask while one is under way share the next.
  template <class Read>
  boost::asio::awaitable<Versions> versions(Read read) {
    return versions_.get(std::move(read));
  }

  size_t indexed_titles() const;
  // Whether a rebuild is under way on its own thread.
  bool rebuilding() const;

 private:
  // The shown fields of the catalog's movies, with the index they were built beside (shown->index()), and
  // the catalog version they were built from.
  struct Indexed {
    std::shared_ptr<ShownMovies> shown;
    std::string version;
  };
  // The index to search for the catalog at `version`: the one there is when it is of that version, or when
  // the catalog is large (a rebuild then starts on its own thread); none when a small catalog must be
  // rebuilt in place first.
  std::optional<Indexed> usable(const std::string& version);
  static std::vector<domain::Movie> rank(const Indexed& indexed, std::string_view query, size_t limit);
  Indexed rebuild_in_place(store::Store& store);
  static Indexed build(store::Store& store, const std::atomic<bool>& stopping);
  void rebuild_on_own_connection();

  SharedRead<Versions> versions_;
  const store::DatabaseUrl url_;
  const size_t rebuild_in_place_below_;
  mutable std::mutex state_mutex_;  // guards indexed_, rebuilding_, retry_after_ and rebuilder_
  std::mutex rebuild_mutex_;        // one in-place rebuild at a time; searches that need it wait for it
  Indexed indexed_;
  bool rebuilding_ = false;
  std::chrono::steady_clock::time_point retry_after_;  // after a failed rebuild, not before this
  std::atomic<bool> stopping_{false};
  std::thread rebuilder_;
};

}  // namespace myvod::search
