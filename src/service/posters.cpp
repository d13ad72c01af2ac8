#include "service/posters.hpp"

#include <boost/json.hpp>

#include "common/log.hpp"

namespace myvod::service {

PosterOutcome Posters::refresh(const std::string& tconst, domain::PosterView view, bool force) {
  const auto target = database_.with_store([&](store::Store& store) { return store.posters().find(tconst); });
  if (!target) return PosterOutcome::unknown_movie;
  if (!force && !domain::poster_due(target->state, clock_.now(), view)) return PosterOutcome::not_due;

  std::optional<long long> tmdb_id = target->tmdb_id;
  if (!tmdb_id) {
    auto found = tmdb_.find_movie(tconst);
    if (!found) return failed(tconst, found.error());
    tmdb_id = *found;
  }
  std::optional<std::string> poster;
  if (tmdb_id) {
    auto images = tmdb_.movie_images(*tmdb_id);
    if (!images) return failed(tconst, images.error());
    if (const auto file = domain::choose_poster(*images)) poster = domain::poster_url(*file);
  }
  database_.with_store(
      [&](store::Store& store) { store.posters().save(tconst, tmdb_id, poster, clock_.now()); });
  return poster ? PosterOutcome::found : PosterOutcome::none;
}

PosterOutcome Posters::failed(const std::string& tconst, const clients::HttpFailure& failure) {
  log::warn("poster fetch failed", {{"tconst", tconst}, {"error", failure.message}});
  boost::json::object details{{"tconst", tconst}};
  if (failure.status) details["status"] = *failure.status;
  database_.with_store([&](store::Store& store) {
    store.integration_log().record(
        {"tmdb", failure.message, boost::json::serialize(details), std::nullopt, clock_.now()});
  });
  return PosterOutcome::failed;
}

}  // namespace myvod::service
