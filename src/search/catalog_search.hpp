#pragma once
// Title search over the whole catalog, answered from memory and kept fresh across processes: every search
// reads the catalog version and the number of the last poster write (one small statement). When an import,
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
#include <string>
#include <string_view>
#include <thread>
#include <vector>

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
  // The index for the catalog at `version`: rebuilt in place when small, else the one there is while a
  // rebuild starts on its own thread.
  Indexed current(store::Store& store, const std::string& version);
  Indexed rebuild_in_place(store::Store& store);
  static Indexed build(store::Store& store, const std::atomic<bool>& stopping);
  void rebuild_on_own_connection();

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
