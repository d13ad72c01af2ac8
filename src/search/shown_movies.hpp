#pragma once
// What a search answer shows of every movie of the catalog, kept in memory beside the title index, so that a
// search reads no rows from the database, only its two version numbers (one small statement). The tconst,
// year and votes the index already holds for its ranking are read from it, not kept twice; this copy adds
// the primary title, the rating as stored and the poster fields.
//
// The titles, year, rating and votes change only by an import, which changes the catalog version: the index
// and this copy are then built again together. The poster fields change under a running copy (TMDB's
// answers, written by any server), so each poster write is numbered (PosterStore::save) and a search first
// replays into this copy the writes numbered after the last one it has seen.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "domain/movie.hpp"
#include "domain/poster.hpp"
#include "search/title_index.hpp"

namespace myvod::search {

class ShownMovies {
  struct Fixed {
    double rating;  // NaN: NULL. As stored, not the index's tenths: an answer shows the stored value.
    std::uint32_t title_end;
  };

 public:
  class Builder {
   public:
    // In the order the title index's builder is given them, so that both number a movie alike.
    void add(const domain::Movie& movie);
    // `index`: built from the same movies in the same order (std::logic_error when its count differs).
    // `poster_change`: the last poster write numbered before the first movie was read.
    std::shared_ptr<ShownMovies> build(std::shared_ptr<const TitleIndex> index, long long poster_change) &&;

   private:
    friend class ShownMovies;
    std::string titles_;
    std::vector<Fixed> movies_;
    std::unordered_map<std::uint32_t, domain::PosterState> posters_;
  };

  ShownMovies(const ShownMovies&) = delete;
  ShownMovies& operator=(const ShownMovies&) = delete;

  // Movie `number` (the order it was added in) as answers show it: tconst, primary title, year, rating,
  // votes and the poster fields.
  domain::Movie movie(std::uint32_t number) const;

  // Replays the poster writes numbered after the last one seen, up to at least `latest` (read from the
  // database with the catalog version). `changes_since(seen)` reads them. One replay at a time, each reading
  // after the one before it, so an answer is never overwritten by an older one; a write to a movie this copy
  // does not have is left out (a movie added since changed the catalog version: a new copy is on its way).
  void catch_up(long long latest,
                const std::function<std::vector<domain::PosterChange>(long long)>& changes_since);
  long long poster_change() const { return poster_change_.load(std::memory_order_acquire); }

  // The title index this copy was built beside, which numbers its movies alike.
  const TitleIndex& index() const { return *index_; }
  size_t size() const { return movies_.size(); }
  // Its own arrays, not the index it reads from.
  size_t memory_bytes() const;

 private:
  ShownMovies(Builder&& built, std::shared_ptr<const TitleIndex> index, long long poster_change);

  // Nothing when the movie is not in this copy.
  std::optional<std::uint32_t> number_of(std::string_view tconst) const;

  std::shared_ptr<const TitleIndex> index_;
  std::string titles_;
  std::vector<Fixed> movies_;
  std::vector<std::uint32_t> by_tconst_;  // movie numbers in tconst order, for number_of

  std::atomic<long long> poster_change_;
  std::mutex catch_up_mutex_;                // one replay at a time
  mutable std::shared_mutex posters_mutex_;  // guards posters_: searches read, a replay writes
  // Only the movies with a poster field set: most of a large catalog has none.
  std::unordered_map<std::uint32_t, domain::PosterState> posters_;
};

}  // namespace myvod::search
