#include "api/fields.hpp"
#include "api/handlers.hpp"
#include "api/listing.hpp"
#include "domain/text.hpp"

namespace myvod::api {

namespace {

boost::json::object suggestion_json(const service::SuggestedMovie& suggested) {
  const auto& movie = suggested.movie;
  boost::json::array availability;
  for (const auto& platform : suggested.streaming_on)
    availability.push_back(
        {{"platform_id", platform.id}, {"platform_name", platform.name}, {"is_available", true}});
  return {{"tconst", movie.tconst},
          {"primary_title", movie.primary_title},
          {"start_year", json_or_null(movie.start_year)},
          {"poster_path", json_or_null(movie.poster_path)},
          {"genres", genres_json(movie.genres)},
          {"justification", suggested.justification},
          {"availability", std::move(availability)}};
}

}  // namespace

// GET /api/suggestions/: today's picks (service/suggestions), `debug=true` asking afresh for staff only.
Handled get_suggestions(Call& call) {
  const auto& user = call.current_user();
  const auto debug = optional_param(call.target.query, "debug");
  const bool fresh = user.is_staff && debug && domain::ascii_lower(*debug) == "true";
  auto answer = co_await call.services.suggestions.today(user, fresh);
  if (!answer) {
    const char* message =
        answer.error() == service::SuggestionRefusal::no_movies
            ? "You need to add movies to your watchlist or mark movies as watched before we can generate "
              "personalized suggestions."
            : "You need to configure at least one VOD platform in your profile before we can generate "
              "suggestions "
              "based on available content.";
    throw Error(ErrorCode::not_found, boost::json::object{{"error", message}});
  }
  boost::json::array suggestions;
  for (const auto& suggested : answer->suggestions) suggestions.push_back(suggestion_json(suggested));
  co_return http::Response::json(200, boost::json::object{{"expires_at", to_api_string(answer->expires_at)},
                                                          {"suggestions", suggestions}});
}

}  // namespace myvod::api
