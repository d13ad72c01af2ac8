#include "search/shown_movies.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace myvod::search {

namespace {

// A movie without any poster field needs no entry in the poster map.
bool has_poster_fields(const domain::PosterState& state) {
  return state.poster_path || state.checked_at;
}

}  // namespace

void ShownMovies::Builder::add(const domain::Movie& movie) {
  const auto number = static_cast<std::uint32_t>(movies_.size());
  titles_ += movie.primary_title;
  movies_.push_back({movie.avg_rating.value_or(std::numeric_limits<double>::quiet_NaN()),
                     static_cast<std::uint32_t>(titles_.size())});
  domain::PosterState poster{movie.poster_path, movie.poster_checked_at};
  if (has_poster_fields(poster)) posters_.emplace(number, std::move(poster));
}

std::shared_ptr<ShownMovies> ShownMovies::Builder::build(std::shared_ptr<const TitleIndex> index,
                                                         long long poster_change) && {
  if (index->size() != movies_.size())
    throw std::logic_error("the shown fields and the title index were built from different movies");
  return std::shared_ptr<ShownMovies>(new ShownMovies(std::move(*this), std::move(index), poster_change));
}

ShownMovies::ShownMovies(Builder&& built, std::shared_ptr<const TitleIndex> index, long long poster_change)
    : index_(std::move(index)),
      titles_(std::move(built.titles_)),
      movies_(std::move(built.movies_)),
      poster_change_(poster_change),
      posters_(std::move(built.posters_)) {
  titles_.shrink_to_fit();
  movies_.shrink_to_fit();
  // The catalog hands the movies over in tconst order, but in its collation's order: sorted again here, in
  // byte order, rather than trusted.
  by_tconst_.resize(movies_.size());
  std::iota(by_tconst_.begin(), by_tconst_.end(), 0u);
  std::sort(by_tconst_.begin(), by_tconst_.end(),
            [this](std::uint32_t a, std::uint32_t b) { return index_->tconst_of(a) < index_->tconst_of(b); });
}

std::optional<std::uint32_t> ShownMovies::number_of(std::string_view tconst) const {
  const auto found = std::lower_bound(
      by_tconst_.begin(), by_tconst_.end(), tconst,
      [this](std::uint32_t number, std::string_view wanted) { return index_->tconst_of(number) < wanted; });
  if (found == by_tconst_.end() || index_->tconst_of(*found) != tconst) return std::nullopt;
  return *found;
}

domain::Movie ShownMovies::movie(std::uint32_t number) const {
  const Fixed& fixed = movies_[number];
  const RankedMovie& ranked = index_->ranked(number);
  const std::uint32_t title_begin = number == 0 ? 0 : movies_[number - 1].title_end;
  domain::Movie movie;
  movie.tconst = index_->tconst_of(number);
  movie.primary_title = titles_.substr(title_begin, fixed.title_end - title_begin);
  if (ranked.year != -1) movie.start_year = ranked.year;
  if (!std::isnan(fixed.rating)) movie.avg_rating = fixed.rating;
  if (ranked.votes != -1) movie.num_votes = ranked.votes;
  std::shared_lock lock(posters_mutex_);
  if (const auto poster = posters_.find(number); poster != posters_.end()) {
    movie.poster_path = poster->second.poster_path;
    movie.poster_checked_at = poster->second.checked_at;
  }
  return movie;
}

void ShownMovies::catch_up(long long latest,
                           const std::function<std::vector<domain::PosterChange>(long long)>& changes_since) {
  if (poster_change() >= latest) return;
  std::lock_guard one_at_a_time(catch_up_mutex_);
  const long long seen = poster_change();
  if (seen >= latest) return;  // the replay this one waited for brought it
  // Read outside the posters' lock: searches go on reading the copy meanwhile.
  const auto changes = changes_since(seen);
  {
    std::unique_lock lock(posters_mutex_);
    for (const auto& change : changes) {
      const auto number = number_of(change.tconst);
      if (!number) continue;
      if (has_poster_fields(change.state)) {
        posters_.insert_or_assign(*number, change.state);
      } else {
        posters_.erase(*number);
      }
    }
  }
  // Writes numbered after `latest` may be in `changes` too; the next replay reads them again, which only
  // writes the same fields once more.
  poster_change_.store(latest, std::memory_order_release);
}

size_t ShownMovies::memory_bytes() const {
  // Each poster entry: its node (the pair and two pointers) and a path of its own beyond the string's buffer.
  size_t posters = 0;
  {
    std::shared_lock lock(posters_mutex_);
    for (const auto& [number, state] : posters_)
      posters += sizeof(std::pair<std::uint32_t, domain::PosterState>) + 2 * sizeof(void*) +
                 (state.poster_path ? state.poster_path->capacity() : 0);
    posters += posters_.bucket_count() * sizeof(void*);
  }
  return titles_.capacity() + movies_.capacity() * sizeof(Fixed) +
         by_tconst_.capacity() * sizeof(std::uint32_t) + posters;
}

}  // namespace myvod::search
