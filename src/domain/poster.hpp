#pragma once
// When to ask TMDB for a movie's poster, and which of its images to take: pure rules, so that the worker,
// the bulk command and the tests agree.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"

namespace myvod::domain {

// How long an answer from TMDB (a poster, or "none") stands before the movie is asked about again.
inline constexpr auto kPosterRecheckAfter = std::chrono::days(30);

struct PosterState {
  std::optional<std::string> poster_path;
  std::optional<Timestamp> checked_at;  // when TMDB last answered for this movie
};

// A movie's poster fields as a write left them.
struct PosterChange {
  std::string tconst;
  PosterState state;
};

// Where the movie is being shown: a search answer also refreshes a poster that came without a check date
// (from an import), while the lists leave such a poster alone.
enum class PosterView { list, search };

// True when the movie should be (re)asked: never answered and without a poster (or, in search, never
// answered at all), or answered longer than kPosterRecheckAfter ago.
bool poster_due(const PosterState& state, Timestamp now, PosterView view);

struct PosterImage {
  std::optional<std::string> language;  // ISO 639-1, absent for an image without text
  std::string file_path;                // "/abc.jpg"
};

// The first Polish poster, else the first English one, else the first without a language; nothing when
// none of those exists (an image in another language is not taken).
std::optional<std::string> choose_poster(const std::vector<PosterImage>& images);

// The full URL the API shows: TMDB's original-size image of `file_path`.
std::string poster_url(std::string_view file_path);

}  // namespace myvod::domain
