#include "domain/user_movie.hpp"

#include <algorithm>

namespace myvod::domain {

Expected<UserMovieState, AddRefusal> apply_add(UserMovieState state, const AddRequest& request,
                                               Timestamp now) {
  if (request.rating) {
    if (!state.watched_at) state.watched_at = now;
    state.user_rating = request.rating;
  } else if (request.mark_as_watched) {
    if (!state.watched_at) state.watched_at = now;
  } else {
    if (state.actively_watchlisted()) return unexpected(AddRefusal::already_on_watchlist);
    state.watchlisted_at = now;
    state.watchlist_deleted_at.reset();
  }
  // A new row takes the flag from the request; an existing one can gain it but never lose it.
  state.added_from_ai_suggestion = state.added_from_ai_suggestion || request.added_from_ai_suggestion;
  return state;
}

std::optional<PatchAction> parse_patch_action(std::string_view text) {
  if (text == "mark_as_watched") return PatchAction::mark_as_watched;
  if (text == "restore_to_watchlist") return PatchAction::restore_to_watchlist;
  if (text == "rate_movie") return PatchAction::rate_movie;
  return std::nullopt;
}

Expected<UserMovieState, std::string> apply_patch(UserMovieState state, PatchAction action,
                                                  std::optional<int> rating, Timestamp now) {
  switch (action) {
    case PatchAction::mark_as_watched:
      if (!state.actively_watchlisted())
        return unexpected(std::string("Movie must be on watchlist to mark as watched"));
      if (state.watched_at) return unexpected(std::string("Movie is already marked as watched"));
      // Watching a movie takes it off the watchlist at the same instant.
      state.watched_at = now;
      state.watchlist_deleted_at = now;
      return state;
    case PatchAction::restore_to_watchlist:
      if (!state.watched_at)
        return unexpected(std::string("Movie is not marked as watched, cannot restore to watchlist"));
      state.watched_at.reset();
      state.watchlist_deleted_at.reset();
      return state;
    case PatchAction::rate_movie:
      if (!state.watched_at) return unexpected(std::string("Movie must be watched to be rated"));
      state.user_rating = rating;
      return state;
  }
  return state;
}

std::optional<UserMovieState> apply_delete(UserMovieState state, Timestamp now) {
  if (state.watched_at) {
    state.watched_at.reset();
    state.user_rating.reset();
    return state;
  }
  if (state.watchlist_deleted_at) return std::nullopt;
  state.watchlist_deleted_at = now;
  return state;
}

std::vector<AvailabilityRow> availability_in_force(std::vector<AvailabilityRow> rows,
                                                   const std::vector<int>& platforms_in_force) {
  if (!platforms_in_force.empty()) {
    std::erase_if(rows, [&](const AvailabilityRow& row) {
      return std::find(platforms_in_force.begin(), platforms_in_force.end(), row.platform_id) ==
             platforms_in_force.end();
    });
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.platform_id < b.platform_id; });
  return rows;
}

}  // namespace myvod::domain
