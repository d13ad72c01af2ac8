#pragma once
// Title search over the whole catalog, kept fresh across processes: every search first reads the catalog
// version (one small query), and when an import, here or in another process, has changed it, the index is
// rebuilt before the search runs, so results are never stale and no restart is needed.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "search/title_index.hpp"
#include "store/store.hpp"

namespace myvod::search {

class CatalogSearch {
 public:
  // Builds the index from the catalog (at start-up, before the server listens).
  explicit CatalogSearch(store::Store& store);

  // The tconsts of the best `limit` titles for `query`, best first.
  std::vector<std::string> search(store::Store& store, std::string_view query, size_t limit);

  size_t indexed_titles() const;

 private:
  std::shared_ptr<const TitleIndex> current(store::Store& store);

  mutable std::mutex state_mutex_;  // guards index_ and version_
  std::mutex rebuild_mutex_;        // one rebuild at a time; searches that need it wait for it
  std::shared_ptr<const TitleIndex> index_;
  std::string version_;
};

}  // namespace myvod::search
