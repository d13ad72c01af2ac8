#include "domain/availability.hpp"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <unordered_set>

namespace myvod::domain {

namespace {

std::string folded_service_name(std::string_view name) {
  std::string folded;
  for (const char c : name) {
    if (c == '+')
      folded += "plus";
    else if (std::isalnum(static_cast<unsigned char>(c)))
      folded += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return folded;
}

}  // namespace

bool same_service_name(std::string_view provider_name, std::string_view platform_name) {
  return folded_service_name(provider_name) == folded_service_name(platform_name);
}

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
