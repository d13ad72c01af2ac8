#include "search/catalog_search.hpp"

#include "common/log.hpp"
#include "common/metrics.hpp"

namespace myvod::search {

namespace {

std::shared_ptr<const TitleIndex> build_index(store::Store& store) {
  const auto started = std::chrono::steady_clock::now();
  TitleIndex::Builder builder;
  store.catalog().for_each_title([&](const domain::Movie& title) { builder.add(title); });
  auto index = std::make_shared<const TitleIndex>(std::move(builder).build());
  const auto took =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  log::info("search index built", {{"titles", index->size()}, {"ms", took.count()}});
  static auto& titles =
      metrics::registry().gauge("myvod_search_index_titles", "Titles in the search index.").at({});
  static auto& builds = metrics::registry()
                            .histogram("myvod_search_index_build_duration_seconds",
                                       "Time to build the search index from the catalog.")
                            .at({});
  titles.set(static_cast<std::int64_t>(index->size()));
  builds.observe(std::chrono::steady_clock::now() - started);
  return index;
}

}  // namespace

CatalogSearch::CatalogSearch(store::Store& store) {
  // The version is read first: an import that lands while the index is built makes it look stale, never
  // fresh, so the next search rebuilds.
  version_ = store.catalog().version();
  index_ = build_index(store);
}

std::shared_ptr<const TitleIndex> CatalogSearch::current(store::Store& store) {
  const std::string version = store.catalog().version();
  {
    std::lock_guard lock(state_mutex_);
    if (version == version_) return index_;
  }
  std::lock_guard rebuilding(rebuild_mutex_);
  {
    std::lock_guard lock(state_mutex_);
    if (version == version_) return index_;  // another search rebuilt it meanwhile
  }
  const std::string fresh_version = store.catalog().version();
  auto fresh = build_index(store);
  std::lock_guard lock(state_mutex_);
  version_ = fresh_version;
  index_ = fresh;
  return fresh;
}

std::vector<std::string> CatalogSearch::search(store::Store& store, std::string_view query, size_t limit) {
  return current(store)->search(query, limit);
}

size_t CatalogSearch::indexed_titles() const {
  std::lock_guard lock(state_mutex_);
  return index_->size();
}

}  // namespace myvod::search
