#pragma once
// The watchlist and watched-history rules of a user_movie row, as pure functions: the
// handlers load a row, apply one of these and store the result.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/clock.hpp"
#include "common/expected.hpp"

namespace myvod::domain {

struct UserMovieState {
  std::optional<Timestamp> watchlisted_at;
  std::optional<Timestamp> watchlist_deleted_at;
  std::optional<Timestamp> watched_at;
  std::optional<int> user_rating;
  bool added_from_ai_suggestion = false;

  bool on_watchlist() const { return watchlisted_at && !watchlist_deleted_at && !watched_at; }
  // Put on the watchlist and not removed from it (watched or not): a plain add of such a row is a 409.
  bool actively_watchlisted() const { return watchlisted_at && !watchlist_deleted_at; }
  bool watched() const { return watched_at.has_value(); }
};

enum class WatchStatus { watchlist, watched };

// POST /api/user-movies/: a rating wins over the action; with neither it is a plain add to the watchlist.
struct AddRequest {
  std::optional<int> rating;
  bool mark_as_watched = false;
  bool added_from_ai_suggestion = false;
};

enum class AddRefusal { already_on_watchlist };

// The row after the request; a new row starts from the empty state.
Expected<UserMovieState, AddRefusal> apply_add(UserMovieState state, const AddRequest& request,
                                               Timestamp now);

enum class PatchAction { mark_as_watched, restore_to_watchlist, rate_movie };

std::optional<PatchAction> parse_patch_action(std::string_view text);

// Err carries the contract's message for a precondition that does not hold.
Expected<UserMovieState, std::string> apply_patch(UserMovieState state, PatchAction action,
                                                  std::optional<int> rating, Timestamp now);

// DELETE: forgets a watched entry, or soft-deletes a watchlist entry; nothing when neither applies (404).
std::optional<UserMovieState> apply_delete(UserMovieState state, Timestamp now);

struct AvailabilityRow {
  int platform_id = 0;
  std::optional<bool> is_available;
};

// The rows on the platforms in force, by platform id; all rows when none is in force.
std::vector<AvailabilityRow> availability_in_force(std::vector<AvailabilityRow> rows,
                                                   const std::vector<int>& platforms_in_force);

}  // namespace myvod::domain
