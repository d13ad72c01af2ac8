#pragma once
// Shared by the watchlist and on-VOD tests: callers with platforms, and reading list responses.

#include <string>
#include <vector>

#include "support/api_fixture.hpp"
#include "support/catalog_seed.hpp"

namespace myvod::testing {

struct Caller {
  Tokens tokens;
  std::string id;
  const std::string& token() const { return tokens.access; }
};

class UserMovieApiTest : public ApiTest {
 protected:
  static Caller caller(const std::vector<int>& platforms = {}) {
    std::string email;
    Caller who{new_user(&email), {}};
    who.id = user_id_of(db(), email);
    if (!platforms.empty()) db().platforms().replace_for_user(who.id, platforms);
    return who;
  }

  static domain::UserMovieState watchlisted(int minutes_back) {
    domain::UserMovieState state;
    state.watchlisted_at = minutes_ago(minutes_back);
    return state;
  }
  static domain::UserMovieState watched(int minutes_back, std::optional<int> rating = std::nullopt) {
    domain::UserMovieState state;
    state.watched_at = minutes_ago(minutes_back);
    state.user_rating = rating;
    return state;
  }

  // The tconsts of a paginated answer's results, in order.
  static std::vector<std::string> listed(const HttpResult& result) {
    std::vector<std::string> tconsts;
    const auto json = result.json();
    for (const auto& item : json.at("results").as_array())
      tconsts.emplace_back(item.at("movie").at("tconst").as_string());
    return tconsts;
  }

  static boost::json::value first_result(const HttpResult& result) {
    return result.json().at("results").as_array().at(0);
  }
};

}  // namespace myvod::testing
