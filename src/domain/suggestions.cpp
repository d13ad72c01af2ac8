#include "domain/suggestions.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <regex>

#include "domain/text.hpp"

namespace myvod::domain {

namespace {

// IMDb's genre names: what "never watched" is measured against.
const std::vector<std::string> kImdbGenres = {
    "Action",      "Adult", "Adventure", "Animation", "Biography", "Comedy",     "Crime",
    "Documentary", "Drama", "Family",    "Fantasy",   "Film-Noir", "Game-Show",  "History",
    "Horror",      "Music", "Musical",   "Mystery",   "News",      "Reality-TV", "Romance",
    "Sci-Fi",      "Short", "Sport",     "Talk-Show", "Thriller",  "War",        "Western"};

// The most frequent keys first; ties in key order, so the prompt is the same for the same history.
template <class Key>
std::vector<Key> most_frequent(const std::map<Key, int>& counts, size_t how_many) {
  std::vector<std::pair<Key, int>> sorted(counts.begin(), counts.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<Key> top;
  for (size_t i = 0; i < sorted.size() && i < how_many; ++i) top.push_back(sorted[i].first);
  return top;
}

std::string year_text(const std::optional<int>& year) {
  return year ? std::to_string(*year) : "N/A";
}

std::string genre_text(const std::vector<std::string>& genres) {
  return genres.empty() ? "N/A" : fmt::format("{}", fmt::join(genres, ", "));
}

// The first `count` characters (not bytes).
std::string first_characters(const std::string& text, size_t count) {
  size_t characters = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (characters == count) return text.substr(0, i);
      ++characters;
    }
  }
  return text;
}

std::optional<boost::json::object> as_object(std::string_view text) {
  boost::system::error_code error;
  auto value = boost::json::parse(text, error);
  if (error || !value.is_object()) return std::nullopt;
  return std::move(value.as_object());
}

}  // namespace

int candidates_per_platform(size_t platform_count) {
  switch (platform_count) {
    case 0:
    case 1:
      return 250;
    case 2:
      return 125;
    case 3:
      return 80;
    case 4:
      return 62;
    default:
      return 50;
  }
}

int picks_per_platform(size_t platform_count) {
  if (platform_count <= 2) return 6;
  return platform_count == 3 ? 5 : 4;
}

Taste analyse_taste(const std::vector<TasteMovie>& movies) {
  std::map<std::string, int> genres;
  std::map<int, int> decades;
  for (const auto& movie : movies) {
    for (const auto& genre : movie.genres) ++genres[genre];
    if (movie.year) ++decades[*movie.year / 10 * 10];
  }
  Taste taste;
  taste.top_genres = most_frequent(genres, 3);
  for (const auto& [genre, count] : genres)
    if (count <= 2) taste.rare_genres.push_back(genre);
  for (const auto& genre : kImdbGenres)
    if (!genres.contains(genre)) taste.unexplored_genres.push_back(genre);
  taste.top_decades = most_frequent(decades, 2);
  for (int decade = 1960; decade <= 2020; decade += 10)
    if (!decades.contains(decade)) taste.unexplored_decades.push_back(decade);
  return taste;
}

std::string build_prompt(const std::vector<std::string>& platform_names,
                         const std::vector<TasteMovie>& movies, const std::vector<Candidate>& candidates,
                         const Taste& taste, int picks) {
  fmt::memory_buffer out;
  auto line = [&out](std::string_view text) {
    out.append(text);
    out.push_back('\n');
  };
  line("You are a movie recommendation system for a user of VOD streaming services.");
  line("");
  line("## User's Subscribed VOD Platforms:");
  line(fmt::format("{}", fmt::join(platform_names, ", ")));
  line("");
  line("## User's Current Watchlist (movies they plan to watch):");
  for (const auto& movie : movies)
    if (!movie.watched)
      line(fmt::format("- {} ({}) - Genres: {}", movie.title, year_text(movie.year),
                       genre_text(movie.genres)));
  line("");
  line("## Movies User Has Watched:");
  for (const auto& movie : movies) {
    if (!movie.watched) continue;
    std::string text =
        fmt::format("- {} ({}) - Genres: {}", movie.title, year_text(movie.year), genre_text(movie.genres));
    if (movie.user_rating) text += fmt::format(" - User's rating: {}/10", *movie.user_rating);
    line(text);
  }
  line("");
  line("## Available Movies on User's Platforms:");
  line("You MUST pick only from this list:");
  for (const auto& candidate : candidates) {
    line(fmt::format("- [{}] {} ({}) - Genres: {} - Rating: {}/10 ({} votes) - Platforms: {}",
                     candidate.tconst, candidate.title, year_text(candidate.year),
                     genre_text(candidate.genres),
                     candidate.avg_rating ? fmt::format("{:.1f}", *candidate.avg_rating) : "N/A",
                     candidate.num_votes ? std::to_string(*candidate.num_votes) : "N/A",
                     fmt::join(candidate.platforms, ", ")));
  }
  line("");
  line("## Your Task & Diversity Principles:");
  line(fmt::format(
      "Pick exactly {} movies per platform that this user will enjoy, following these principles:", picks));
  line("- Vary the franchises: at most one movie of any series.");
  line("- Cover at least 3 different genres.");
  line("- Include at least one hidden gem rated above 7.5 with fewer votes.");
  line("- Include at least one classic from before 2000.");
  if (!taste.top_genres.empty())
    line(fmt::format("- The user's favourite genres: {}.", fmt::join(taste.top_genres, ", ")));
  if (!taste.rare_genres.empty())
    line(fmt::format("- Genres the user has tried only a little: {}.", fmt::join(taste.rare_genres, ", ")));
  if (!taste.unexplored_genres.empty())
    line(fmt::format("- Genres the user has never watched (consider one): {}.",
                     fmt::join(taste.unexplored_genres, ", ")));
  if (!taste.top_decades.empty())
    line(fmt::format("- The user's favourite decades: {}s.", fmt::join(taste.top_decades, "s, ")));
  if (!taste.unexplored_decades.empty())
    line(
        fmt::format("- Decades the user has not explored: {}s.", fmt::join(taste.unexplored_decades, "s, ")));
  line("");
  line("## Response Format:");
  line(
      "Answer with ONLY a JSON object whose keys are exactly the platform names above and whose values are "
      "arrays of objects {\"tconst\": \"...\", \"justification\": \"...\"}.");
  line("Write each justification in Polish, at most 200 characters.");
  line("");
  line("## Final CRITICAL Rules (MUST be followed):");
  line("1. Pick only movies from the available list, under a platform that streams them.");
  line("2. Never suggest a movie the user has watched.");
  line("3. No movie twice, not even under two platforms.");
  line(fmt::format("4. Exactly {} movies per platform.", picks));
  return fmt::to_string(out);
}

std::optional<boost::json::object> read_model_answer(std::string_view text) {
  if (auto whole = as_object(strip(text))) return whole;
  // A fenced block: ``` or ```json, up to the closing fence.
  static const std::regex fence(R"(```(?:json|JSON)?\s*([\s\S]*?)```)");
  std::match_results<std::string_view::const_iterator> match;
  if (std::regex_search(text.begin(), text.end(), match, fence)) {
    if (auto fenced =
            as_object(strip(std::string_view(&*match[1].first, static_cast<size_t>(match[1].length())))))
      return fenced;
  }
  // Prose around the object: from the first `{ "key": [` to the last closing brace, then shorter.
  static const std::regex start(R"(\{\s*"[^"]*"\s*:\s*\[)");
  if (std::regex_search(text.begin(), text.end(), match, start)) {
    const size_t from = static_cast<size_t>(match[0].first - text.begin());
    for (size_t to = text.rfind('}'); to != std::string_view::npos && to > from;
         to = text.rfind('}', to - 1)) {
      if (auto embedded = as_object(text.substr(from, to - from + 1))) return embedded;
    }
  }
  return std::nullopt;
}

boost::json::object validate_picks(const boost::json::object& answer, const std::set<std::string>& pool,
                                   const std::set<std::string>& watched) {
  static const std::regex well_formed(R"(^tt\d{7,}$)");
  boost::json::object valid;
  for (const auto& [platform, picks] : answer) {
    if (!picks.is_array()) continue;
    boost::json::array kept;
    for (const auto& pick : picks.as_array()) {
      if (!pick.is_object()) continue;
      const auto* tconst_value = pick.as_object().if_contains("tconst");
      if (!tconst_value || !tconst_value->is_string()) continue;
      const std::string tconst(strip(std::string_view(tconst_value->as_string())));
      if (!std::regex_match(tconst, well_formed) || watched.contains(tconst) || !pool.contains(tconst))
        continue;
      std::string justification;
      if (const auto* given = pick.as_object().if_contains("justification"); given && given->is_string())
        justification = std::string(strip(std::string_view(given->as_string())));
      if (justification.empty()) justification = kDefaultJustification;
      if (utf8_length(justification) > kJustificationLimit)
        justification = first_characters(justification, kJustificationLimit - 3) + "...";
      kept.push_back(boost::json::object{{"tconst", tconst}, {"justification", justification}});
    }
    valid[platform] = std::move(kept);
  }
  return valid;
}

std::vector<Pick> picks_of_batch(const boost::json::value& response) {
  std::vector<Pick> picks;
  if (!response.is_object()) return picks;
  std::vector<std::string_view> keys;
  for (const auto& entry : response.as_object()) keys.push_back(entry.key());
  std::sort(keys.begin(), keys.end(), [](std::string_view a, std::string_view b) {
    return a.size() != b.size() ? a.size() < b.size() : a < b;
  });
  std::set<std::string> seen;
  for (const auto key : keys) {
    const auto& items = response.as_object().at(key);
    if (!items.is_array()) continue;
    for (const auto& item : items.as_array()) {
      if (!item.is_object()) continue;
      const auto* tconst = item.as_object().if_contains("tconst");
      if (!tconst || !tconst->is_string() || tconst->as_string().empty()) continue;
      if (!seen.insert(std::string(tconst->as_string())).second) continue;
      const auto* justification = item.as_object().if_contains("justification");
      picks.push_back({std::string(tconst->as_string()), justification && justification->is_string()
                                                             ? std::string(justification->as_string())
                                                             : ""});
    }
  }
  return picks;
}

}  // namespace myvod::domain
