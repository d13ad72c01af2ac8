#pragma once
// The watchlist and watched history: each write reads the caller's row under a lock, applies one of the
// pure rules of domain/user_movie and stores the result, in one transaction, then reads the entry back as
// the caller sees it. Every operation is scoped to the caller: another user's row is "not found".

#include <boost/asio/awaitable.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/expected.hpp"
#include "domain/user_movie.hpp"
#include "service/runtime.hpp"

namespace myvod::service {

// An entry after a write, with what its answer needs: the caller's platforms, to show availability on.
struct WrittenEntry {
  store::UserMovieItem item;
  std::vector<domain::Platform> user_platforms;
  bool created = false;
};

// Why a change was refused: the caller has no such entry, or the rule refused it (with the reason to show).
struct EntryRefusal {
  bool not_found = false;
  std::string reason;
};

class UserMovies {
 public:
  explicit UserMovies(Runtime& runtime) : runtime_(runtime) {}

  // Adds the movie (or applies the rating or the watched mark); throws a field error for an unknown movie
  // and a conflict when it is on the watchlist already. Two identical adds at once: one creates the row,
  // the other applies its rule to the winner's row.
  boost::asio::awaitable<WrittenEntry> add(const std::string& user_id, const std::string& tconst,
                                           const domain::AddRequest& request);

  // Applies a PATCH action to the caller's entry `id`.
  boost::asio::awaitable<Expected<WrittenEntry, EntryRefusal>> change(const std::string& user_id,
                                                                      long long id,
                                                                      domain::PatchAction action,
                                                                      std::optional<int> rating);

  // Removes the caller's entry `id` from the watchlist or the history; false when the caller has no such
  // entry (another user's, or one already removed).
  boost::asio::awaitable<bool> remove(const std::string& user_id, long long id);

 private:
  Runtime& runtime_;
};

}  // namespace myvod::service
