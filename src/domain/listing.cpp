#include "domain/listing.hpp"

#include <charconv>

namespace myvod::domain {

std::optional<UserMovieOrdering> parse_user_movie_ordering(std::string_view text) {
  if (text == "-watchlisted_at") return UserMovieOrdering::watchlisted_desc;
  if (text == "-watched_at") return UserMovieOrdering::watched_desc;
  if (text == "-user_rating") return UserMovieOrdering::rating_desc;
  if (text == "-tconst__avg_rating") return UserMovieOrdering::avg_rating_desc;
  if (text == "-tconst__start_year") return UserMovieOrdering::year_desc;
  if (text == "tconst__start_year") return UserMovieOrdering::year_asc;
  return std::nullopt;
}

std::optional<OnVodOrdering> parse_on_vod_ordering(std::string_view text) {
  if (text == "added_desc") return OnVodOrdering::added_desc;
  if (text == "imdb_desc") return OnVodOrdering::imdb_desc;
  if (text == "year_desc") return OnVodOrdering::year_desc;
  if (text == "year_asc") return OnVodOrdering::year_asc;
  return std::nullopt;
}

int page_size_from(std::optional<std::string_view> text) {
  if (!text) return kDefaultPageSize;
  long long size = 0;
  const auto [end, error] = std::from_chars(text->data(), text->data() + text->size(), size);
  if (error == std::errc::result_out_of_range && !text->starts_with('-')) return kMaxPageSize;
  if (error != std::errc() || end != text->data() + text->size() || size < 1) return kDefaultPageSize;
  return size > kMaxPageSize ? kMaxPageSize : static_cast<int>(size);
}

std::optional<PageWindow> page_window(std::optional<long long> number, int size, long long count) {
  const long long pages = count == 0 ? 1 : (count + size - 1) / size;
  const long long page = number.value_or(pages);
  if (page < 1 || page > pages) return std::nullopt;
  return PageWindow{page, (page - 1) * size, page<pages, page> 1};
}

}  // namespace myvod::domain
