#pragma once
// AI suggestions as pure rules, apart from the model call and the database: how many candidates and picks
// per platform, what the user's history says about their taste, the prompt, reading the model's answer
// (which models wrap in prose or code fences) and checking every pick against what the user may be
// offered. The service (service/suggestions) feeds these from the store and the provider.

#include <boost/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace myvod::domain {

// One of the user's movies as the prompt describes it: actively on the watchlist, or watched.
struct TasteMovie {
  std::string tconst;
  std::string title;
  std::optional<int> year;
  std::vector<std::string> genres;
  std::optional<int> user_rating;
  bool watched = false;
};

// A movie the model may pick: streaming now on at least one of the user's platforms, never watched.
struct Candidate {
  std::string tconst;
  std::string title;
  std::optional<int> year;
  std::vector<std::string> genres;
  std::optional<double> avg_rating;
  std::optional<int> num_votes;
  std::vector<std::string> platforms;  // names, in the user's platform order
};

// How many available movies per platform go into the pool, and how many picks per platform are asked
// for: fewer per platform as platforms add up, so the prompt stays about the same size.
int candidates_per_platform(size_t platform_count);
int picks_per_platform(size_t platform_count);

struct Taste {
  std::vector<std::string> top_genres;         // the three most frequent
  std::vector<std::string> rare_genres;        // seen at most twice
  std::vector<std::string> unexplored_genres;  // IMDb genres never seen
  std::vector<int> top_decades;                // the two most frequent, e.g. 1990
  std::vector<int> unexplored_decades;         // of 1960..2020, never seen
};

Taste analyse_taste(const std::vector<TasteMovie>& movies);

std::string build_prompt(const std::vector<std::string>& platform_names,
                         const std::vector<TasteMovie>& movies, const std::vector<Candidate>& candidates,
                         const Taste& taste, int picks_per_platform);

// The model's answer as a JSON object: the whole text, else the first fenced code block holding an object,
// else the first `{ "key": [ ... ] }` inside the text. Nothing when none of these is an object.
std::optional<boost::json::object> read_model_answer(std::string_view text);

constexpr size_t kJustificationLimit = 200;
constexpr std::string_view kDefaultJustification = "Recommended based on your preferences";

// Keeps, per platform key, the picks that are objects with a well-formed tconst of the candidate pool that
// the user has not watched; empty justifications get the default, long ones are cut to the limit. Every
// platform key stays, even with no pick left (non-list values are dropped).
boost::json::object validate_picks(const boost::json::object& answer, const std::set<std::string>& pool,
                                   const std::set<std::string>& watched);

struct Pick {
  std::string tconst;
  std::string justification;
};

// A stored batch's picks in answer order: platform lists concatenated with shorter keys first, then in
// byte order (how PostgreSQL's jsonb orders keys, kept on both engines), items without a tconst skipped,
// and each movie once.
std::vector<Pick> picks_of_batch(const boost::json::value& response);

}  // namespace myvod::domain
