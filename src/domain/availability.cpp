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

std::optional<std::string> platform_refusal(const PlatformSource& platform,
                                            const std::optional<PlatformSource>& stored) {
  const auto& slug = platform.slug;
  const bool slug_ok = !slug.empty() && slug.size() <= 40 && slug.front() != '-' &&
                       std::all_of(slug.begin(), slug.end(), [](char c) {
                         return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
                       });
  if (!slug_ok)
    return "the slug must be 1 to 40 lower-case letters, digits or dashes, not starting with a dash";
  const bool blank = std::all_of(platform.name.begin(), platform.name.end(),
                                 [](unsigned char c) { return std::isspace(c); });
  if (blank || platform.name.size() > 100) return "the name must be 1 to 100 characters";
  if (platform.watchmode_source_id && *platform.watchmode_source_id <= 0)
    return "a Watchmode source id is a positive number";
  for (const long long id : platform.tmdb_provider_ids) {
    if (id <= 0) return "TMDB provider ids are positive numbers";
  }
  if (stored && stored->id <= kFixedPlatforms && platform.name != stored->name)
    return "the platforms 1-5 keep their names: the web clients know them by these";
  return std::nullopt;
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
