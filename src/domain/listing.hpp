#pragma once
// The vocabulary of the two paginated lists: their ordering choices and the
// page arithmetic of Django's Paginator.

#include <optional>
#include <string_view>

namespace myvod::domain {

// GET /api/user-movies/ `ordering`, plus the order used when neither it nor `status` is given.
enum class UserMovieOrdering {
  watchlisted_desc,  // -watchlisted_at
  watched_desc,      // -watched_at
  rating_desc,       // -user_rating
  avg_rating_desc,   // -tconst__avg_rating
  year_desc,         // -tconst__start_year
  year_asc,          // tconst__start_year
  newest_row,        // no ordering asked for and no status: newest rows first
};

std::optional<UserMovieOrdering> parse_user_movie_ordering(std::string_view text);

// GET /api/on-vod-movies/ `ordering`.
enum class OnVodOrdering { added_desc, imdb_desc, year_desc, year_asc };

std::optional<OnVodOrdering> parse_on_vod_ordering(std::string_view text);

constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;

// `page_size` as DRF reads it: a positive integer, capped at 100; anything else means the default.
int page_size_from(std::optional<std::string_view> text);

struct PageWindow {
  long long number = 1;
  long long offset = 0;
  bool has_next = false;
  bool has_previous = false;
};

// The page of `count` rows numbered `number` (nullopt: the last page); nullopt when there is no such page.
// As Django's Paginator, an empty list still has a page 1.
std::optional<PageWindow> page_window(std::optional<long long> number, int size, long long count);

}  // namespace myvod::domain
