#pragma once
// Answers that show movies hand those lacking a fresh poster to the poster worker; the answer itself never
// waits, so a poster found now shows on a later answer.

#include <vector>

#include "api/call.hpp"
#include "domain/poster.hpp"
#include "service/posters.hpp"

namespace myvod::api {

// `movie_of(each)` gives the movie of an element of `shown`.
template <class Shown, class MovieOf>
void request_posters(Call& call, const Shown& shown, MovieOf movie_of, domain::PosterView view) {
  if (!call.services.posters) return;
  call.services.posters->request(service::posters_due(shown, movie_of, call.now(), view));
}

}  // namespace myvod::api
