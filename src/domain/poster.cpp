#include "domain/poster.hpp"

namespace myvod::domain {

bool poster_due(const PosterState& state, Timestamp now, PosterView view) {
  if (!state.checked_at) return !state.poster_path || view == PosterView::search;
  return now - *state.checked_at >= kPosterRecheckAfter;
}

std::optional<std::string> choose_poster(const std::vector<PosterImage>& images) {
  for (const std::optional<std::string>& wanted :
       {std::optional<std::string>("pl"), std::optional<std::string>("en"), std::optional<std::string>()}) {
    for (const auto& image : images) {
      if (image.language == wanted && !image.file_path.empty()) return image.file_path;
    }
  }
  return std::nullopt;
}

std::string poster_url(std::string_view file_path) {
  return "https://image.tmdb.org/t/p/original" + std::string(file_path);
}

}  // namespace myvod::domain
