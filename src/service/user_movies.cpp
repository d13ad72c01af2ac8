#include "service/user_movies.hpp"

#include "auth/jwt.hpp"

namespace myvod::service {

namespace {

WrittenEntry read_back(store::Store& store, const std::string& user_id, long long id, bool created) {
  auto item = store.user_movies().find(user_id, id);
  // Rows go only with their account (or movie): the account was deleted right after this write committed.
  if (!item) throw auth::account_gone();
  return {std::move(*item), store.platforms().of_user(user_id), created};
}

}  // namespace

boost::asio::awaitable<WrittenEntry> UserMovies::add(const std::string& user_id, const std::string& tconst,
                                                     const domain::AddRequest& request) {
  co_return co_await runtime_.db([&](store::Store& store) {
    const Timestamp now = runtime_.clock().now();
    auto entries = store.user_movies();
    const auto [id, created] = store.transaction([&]() -> std::pair<long long, bool> {
      // An account deleted while this add was on its way is the contract's 401, not a foreign-key failure.
      if (!store.users().lock(user_id)) throw auth::account_gone();
      if (!store.catalog().movie_exists(tconst)) {
        FieldErrors errors;
        errors.add("tconst", "Movie with tconst '" + tconst + "' does not exist in database");
        errors.throw_if_any();
      }
      auto row = entries.lock(user_id, tconst);
      if (!row) {
        const auto state = domain::apply_add({}, request, now);
        if (const auto new_id = entries.insert(user_id, tconst, *state)) return {*new_id, true};
        // A concurrent add of the same movie committed first: its row is the one to update.
        row = entries.lock(user_id, tconst);
        if (!row) throw std::runtime_error("user_movie insert conflicted but no row is visible");
      }
      const auto state = domain::apply_add(row->state, request, now);
      if (!state) throw Error::detail(ErrorCode::conflict, "Movie is already on the watchlist");
      entries.update(user_id, row->id, *state);
      return {row->id, false};
    });
    return read_back(store, user_id, id, created);
  });
}

boost::asio::awaitable<Expected<WrittenEntry, EntryRefusal>> UserMovies::change(const std::string& user_id,
                                                                                long long id,
                                                                                domain::PatchAction action,
                                                                                std::optional<int> rating) {
  std::optional<EntryRefusal> refusal;
  auto entry = co_await runtime_.db([&](store::Store& store) -> std::optional<WrittenEntry> {
    auto entries = store.user_movies();
    refusal = store.transaction([&]() -> std::optional<EntryRefusal> {
      const auto row = entries.lock(user_id, id);
      if (!row) return EntryRefusal{true, {}};
      const auto state = domain::apply_patch(row->state, action, rating, runtime_.clock().now());
      if (!state) return EntryRefusal{false, state.error()};
      entries.update(user_id, row->id, *state);
      return std::nullopt;
    });
    if (refusal) return std::nullopt;
    return read_back(store, user_id, id, false);
  });
  if (refusal) co_return unexpected(std::move(*refusal));
  co_return std::move(*entry);
}

boost::asio::awaitable<bool> UserMovies::remove(const std::string& user_id, long long id) {
  co_return co_await runtime_.db([&](store::Store& store) {
    auto entries = store.user_movies();
    return store.transaction([&] {
      const auto row = entries.lock(user_id, id);
      if (!row) return false;
      const auto state = domain::apply_delete(row->state, runtime_.clock().now());
      if (!state) return false;
      entries.update(user_id, row->id, *state);
      return true;
    });
  });
}

}  // namespace myvod::service
