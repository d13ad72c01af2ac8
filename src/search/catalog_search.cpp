#include "search/catalog_search.hpp"

#include <malloc.h>

#include "common/log.hpp"
#include "common/metrics.hpp"

namespace myvod::search {

namespace {

// A failed rebuild (the database unreachable, say) is tried again by a later search, but not by every one.
constexpr std::chrono::seconds kRetryFailedRebuildAfter{10};

// Thrown through the catalog's reading to abandon a rebuild when the server stops.
struct RebuildStopped {};

// glibc's malloc keeps freed memory in its arenas for later allocations: after a build of the full catalog,
// its scratch arrays (and after a rebuild, the old index) would stay resident, ~75 MB (bench/README.md).
void give_back_freed_memory() {
  malloc_trim(0);
}

}  // namespace

// The versions are read first: an import that lands while the index is built makes it look stale, never
// fresh, so the next search rebuilds; a poster written meanwhile is replayed by the next search.
CatalogSearch::Indexed CatalogSearch::build(store::Store& store, const std::atomic<bool>& stopping) {
  const auto started = std::chrono::steady_clock::now();
  const auto versions = store.catalog().versions();
  TitleIndex::Builder builder;
  ShownMovies::Builder shown;
  store.catalog().for_each_title([&](const domain::Movie& title) {
    if (stopping.load(std::memory_order_relaxed)) throw RebuildStopped{};
    builder.add(title);
    shown.add(title);
  });
  Indexed built{std::move(shown).build(std::make_shared<const TitleIndex>(std::move(builder).build()),
                                       versions.poster_change),
                versions.catalog};
  const auto took =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  const size_t index_bytes = built.shown->index().memory_bytes();
  const size_t shown_bytes = built.shown->memory_bytes();  // walks the poster map: once
  log::info("search index built", {{"titles", built.shown->index().size()},
                                   {"index_bytes", index_bytes},
                                   {"shown_bytes", shown_bytes},
                                   {"ms", took.count()}});
  static auto& titles =
      metrics::registry().gauge("myvod_search_index_titles", "Titles in the search index.").at({});
  static auto& memory = metrics::registry()
                            .gauge("myvod_search_index_bytes",
                                   "Memory held by the search index and its copy of the fields answers show.")
                            .at({});
  static auto& builds = metrics::registry()
                            .histogram("myvod_search_index_build_duration_seconds",
                                       "Time to build the search index from the catalog.")
                            .at({});
  titles.set(static_cast<std::int64_t>(built.shown->index().size()));
  memory.set(static_cast<std::int64_t>(index_bytes + shown_bytes));
  builds.observe(std::chrono::steady_clock::now() - started);
  return built;
}

CatalogSearch::CatalogSearch(store::Store& store, store::DatabaseUrl url, size_t rebuild_in_place_below)
    : url_(std::move(url)), rebuild_in_place_below_(rebuild_in_place_below) {
  indexed_ = build(store, stopping_);
  give_back_freed_memory();
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

std::optional<CatalogSearch::Indexed> CatalogSearch::usable(const std::string& version) {
  std::lock_guard lock(state_mutex_);
  if (version == indexed_.version) return indexed_;
  if (indexed_.shown->index().size() < rebuild_in_place_below_) return std::nullopt;
  if (!rebuilding_ && std::chrono::steady_clock::now() >= retry_after_ && !stopping_) {
    // The last rebuild's thread has finished (clearing rebuilding_ was its last step), so this join is
    // immediate.
    if (rebuilder_.joinable()) rebuilder_.join();
    rebuilding_ = true;
    rebuilder_ = std::thread([this] { rebuild_on_own_connection(); });
  }
  return indexed_;
}

CatalogSearch::Indexed CatalogSearch::rebuild_in_place(store::Store& store) {
  std::lock_guard rebuilding(rebuild_mutex_);
  {
    const std::string version = store.catalog().version();
    std::lock_guard lock(state_mutex_);
    if (version == indexed_.version) return indexed_;  // another search rebuilt it meanwhile
  }
  Indexed fresh = build(store, stopping_);
  std::lock_guard lock(state_mutex_);
  indexed_ = fresh;
  return fresh;
}

void CatalogSearch::rebuild_on_own_connection() {
  try {
    const auto store = store::open_store(url_);
    Indexed fresh = build(*store, stopping_);
    {
      std::lock_guard lock(state_mutex_);
      indexed_ = std::move(fresh);  // the old index goes with the last search still reading it
      rebuilding_ = false;
    }
    give_back_freed_memory();  // the build's scratch arrays and, most often, the old index
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

std::vector<domain::Movie> CatalogSearch::rank(const Indexed& indexed, std::string_view query, size_t limit) {
  std::vector<domain::Movie> movies;
  for (const std::uint32_t movie : indexed.shown->index().rank(query, limit))
    movies.push_back(indexed.shown->movie(movie));
  return movies;
}

std::vector<domain::Movie> CatalogSearch::search(store::Store& store, std::string_view query, size_t limit) {
  const auto versions = store.catalog().versions();
  std::optional<Indexed> indexed = usable(versions.catalog);
  if (!indexed) indexed = rebuild_in_place(store);
  indexed->shown->catch_up(versions.poster_change,
                           [&](long long seen) { return store.posters().changes_since(seen); });
  return rank(*indexed, query, limit);
}

std::optional<std::vector<domain::Movie>> CatalogSearch::search_in_memory(const Versions& versions,
                                                                          std::string_view query,
                                                                          size_t limit) {
  const std::optional<Indexed> indexed = usable(versions.catalog);
  if (!indexed || indexed->shown->poster_change() < versions.poster_change) return std::nullopt;
  return rank(*indexed, query, limit);
}

size_t CatalogSearch::indexed_titles() const {
  std::lock_guard lock(state_mutex_);
  return indexed_.shown->index().size();
}

bool CatalogSearch::rebuilding() const {
  std::lock_guard lock(state_mutex_);
  return rebuilding_;
}

}  // namespace myvod::search
