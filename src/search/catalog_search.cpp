#include "search/catalog_search.hpp"

#include <algorithm>

#include "common/log.hpp"
#include "common/metrics.hpp"

namespace myvod::search {

namespace {

// A failed rebuild (the database unreachable, say) is tried again by a later search, but not by every one.
constexpr std::chrono::seconds kRetryFailedRebuildAfter{10};

// Thrown through the catalog's reading to abandon a rebuild when the server stops.
struct RebuildStopped {};

std::shared_ptr<const TitleIndex> build_index(store::Store& store, const std::atomic<bool>& stopping) {
  const auto started = std::chrono::steady_clock::now();
  TitleIndex::Builder builder;
  store.catalog().for_each_title([&](const domain::Movie& title) {
    if (stopping.load(std::memory_order_relaxed)) throw RebuildStopped{};
    builder.add(title);
  });
  auto index = std::make_shared<const TitleIndex>(std::move(builder).build());
  const auto took =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  log::info("search index built",
            {{"titles", index->size()}, {"bytes", index->memory_bytes()}, {"ms", took.count()}});
  static auto& titles =
      metrics::registry().gauge("myvod_search_index_titles", "Titles in the search index.").at({});
  static auto& bytes =
      metrics::registry().gauge("myvod_search_index_bytes", "Memory held by the search index.").at({});
  static auto& builds = metrics::registry()
                            .histogram("myvod_search_index_build_duration_seconds",
                                       "Time to build the search index from the catalog.")
                            .at({});
  titles.set(static_cast<std::int64_t>(index->size()));
  bytes.set(static_cast<std::int64_t>(index->memory_bytes()));
  builds.observe(std::chrono::steady_clock::now() - started);
  return index;
}

}  // namespace

CatalogSearch::CatalogSearch(store::Store& store, store::DatabaseUrl url, size_t rebuild_in_place_below)
    : url_(std::move(url)), rebuild_in_place_below_(rebuild_in_place_below) {
  // The version is read first: an import that lands while the index is built makes it look stale, never
  // fresh, so the next search rebuilds.
  indexed_.version = store.catalog().version();
  indexed_.index = build_index(store, stopping_);
}

CatalogSearch::~CatalogSearch() {
  stopping_ = true;
  std::thread rebuilder;
  {
    std::lock_guard lock(state_mutex_);
    rebuilder = std::move(rebuilder_);
  }
  if (rebuilder.joinable()) rebuilder.join();  // outside the lock, which the rebuild takes to finish
}

CatalogSearch::Indexed CatalogSearch::indexed() const {
  std::lock_guard lock(state_mutex_);
  return indexed_;
}

CatalogSearch::Indexed CatalogSearch::current(store::Store& store, const std::string& version) {
  {
    std::lock_guard lock(state_mutex_);
    if (version == indexed_.version) return indexed_;
    if (indexed_.index->size() >= rebuild_in_place_below_) {
      if (!rebuilding_ && std::chrono::steady_clock::now() >= retry_after_ && !stopping_) {
        // The last rebuild's thread has finished (clearing rebuilding_ was its last step), so this join is
        // immediate.
        if (rebuilder_.joinable()) rebuilder_.join();
        rebuilding_ = true;
        rebuilder_ = std::thread([this] { rebuild_on_own_connection(); });
      }
      return indexed_;
    }
  }
  return rebuild_in_place(store);
}

CatalogSearch::Indexed CatalogSearch::rebuild_in_place(store::Store& store) {
  std::lock_guard rebuilding(rebuild_mutex_);
  Indexed fresh{nullptr, store.catalog().version()};
  {
    std::lock_guard lock(state_mutex_);
    if (fresh.version == indexed_.version) return indexed_;  // another search rebuilt it meanwhile
  }
  fresh.index = build_index(store, stopping_);
  std::lock_guard lock(state_mutex_);
  indexed_ = fresh;
  return fresh;
}

void CatalogSearch::rebuild_on_own_connection() {
  try {
    const auto store = store::open_store(url_);
    Indexed fresh{nullptr, store->catalog().version()};
    fresh.index = build_index(*store, stopping_);
    std::lock_guard lock(state_mutex_);
    indexed_ = std::move(fresh);  // the old index goes with the last search still reading it
    rebuilding_ = false;
  } catch (const RebuildStopped&) {
    std::lock_guard lock(state_mutex_);
    rebuilding_ = false;
  } catch (const std::exception& error) {
    log::error("search index rebuild failed; searches keep the previous index", {{"error", error.what()}});
    std::lock_guard lock(state_mutex_);
    rebuilding_ = false;
    retry_after_ = std::chrono::steady_clock::now() + kRetryFailedRebuildAfter;
  }
}

std::vector<domain::Movie> CatalogSearch::search(store::Store& store, std::string_view query, size_t limit) {
  // Ranked with the index there is; its version is checked against the one read with the rows, so an
  // unchanged catalog (nearly every search) costs one statement.
  Indexed used = indexed();
  auto ranked = used.index->search(query, limit);
  auto found = store.catalog().movies_with_version(ranked);
  if (found.version != used.version) {
    Indexed fresher = current(store, found.version);
    // A small catalog was indexed again: ranked again, as the change is meant to show at once. A large one
    // keeps answering from the old index until its rebuild is ready.
    if (fresher.index != used.index) {
      ranked = fresher.index->search(query, limit);
      found = store.catalog().movies_with_version(ranked);
    }
  }
  // Back into rank order; a title removed since the index was built is left out.
  std::vector<domain::Movie> movies;
  movies.reserve(ranked.size());
  for (const auto& tconst : ranked) {
    const auto hit = std::find_if(found.movies.begin(), found.movies.end(),
                                  [&](const domain::Movie& movie) { return movie.tconst == tconst; });
    if (hit != found.movies.end()) movies.push_back(std::move(*hit));
  }
  return movies;
}

size_t CatalogSearch::indexed_titles() const {
  std::lock_guard lock(state_mutex_);
  return indexed_.index->size();
}

bool CatalogSearch::rebuilding() const {
  std::lock_guard lock(state_mutex_);
  return rebuilding_;
}

}  // namespace myvod::search
