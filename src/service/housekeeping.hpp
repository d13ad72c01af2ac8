#pragma once
// The daily clean-up: refresh-token records past their expiry, error-log rows and job runs older than the
// retention period, suggestion batches older than 30 days (a day's suggestions are worthless after that),
// and, on SQLite, a refresh of the planner's statistics. Returns what it deleted, by kind.

#include <boost/json.hpp>
#include <chrono>

#include "store/store.hpp"

namespace myvod::service {

inline constexpr auto kSuggestionBatchRetention = std::chrono::days(30);

boost::json::object clean_up(store::Store& store, Timestamp now, std::chrono::days retention);

}  // namespace myvod::service
