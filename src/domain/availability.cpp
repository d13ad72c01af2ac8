#include "domain/availability.hpp"

#include <algorithm>
#include <unordered_map>
#include <unordered_set>

namespace myvod::domain {

AvailabilityPlan plan_availability(const std::vector<StoredAvailability>& stored,
                                   const std::vector<ListedTitle>& listed, Timestamp now) {
  std::unordered_map<std::string_view, const StoredAvailability*> rows;
  rows.reserve(stored.size());
  for (const auto& row : stored) rows.emplace(row.tconst, &row);

  AvailabilityPlan plan;
  std::unordered_set<std::string_view> still_listed;
  still_listed.reserve(listed.size());
  for (const auto& title : listed) {
    still_listed.insert(title.tconst);
    const auto found = rows.find(title.tconst);
    const StoredAvailability* row = found == rows.end() ? nullptr : found->second;
    if (row && row->is_available == true) {
      plan.kept.push_back(title.tconst);
      continue;
    }
    plan.arriving.push_back(title);
    const bool left_lately = row && row->is_available == false && now - row->last_checked < kQuietReturn;
    if (!left_lately) plan.newsworthy.push_back(title.tconst);
  }
  for (const auto& row : stored) {
    if (row.is_available == true && !still_listed.contains(row.tconst)) plan.leaving.push_back(row.tconst);
  }
  std::sort(plan.kept.begin(), plan.kept.end());
  std::sort(plan.arriving.begin(), plan.arriving.end(),
            [](const ListedTitle& a, const ListedTitle& b) { return a.tconst < b.tconst; });
  std::sort(plan.newsworthy.begin(), plan.newsworthy.end());
  std::sort(plan.leaving.begin(), plan.leaving.end());
  return plan;
}

}  // namespace myvod::domain
