#include "service/availability_sync.hpp"

#include <algorithm>
#include <unordered_map>

#include "common/log.hpp"

namespace myvod::service {

namespace {

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

}  // namespace

std::vector<std::string> AvailabilitySync::run(const std::string& platform_slug, SyncProgress& progress,
                                               boost::json::object& counts) {
  std::vector<std::string> failures;
  auto sync_one = [&](const std::string& slug) {
    if (auto failure = sync_platform(slug, progress, counts)) failures.push_back(slug + ": " + *failure);
  };
  if (platform_slug != kAllPlatforms) {
    sync_one(platform_slug);
    return failures;
  }
  const auto platforms =
      database_.with_store([](store::Store& store) { return store.platforms().sources(); });
  progress.line("========== STARTING FULL SYNCHRONIZATION ==========");
  progress.line("");
  const std::string total = std::to_string(platforms.size());
  for (size_t i = 0; i < platforms.size(); ++i) {
    const std::string name = upper(platforms[i].slug);
    progress.line("--- (" + std::to_string(i + 1) + "/" + total + ") Starting sync for: " + name + " ---");
    sync_one(platforms[i].slug);
    progress.line("--- Finished sync for: " + name + " ---");
    progress.line("");
  }
  progress.line("========== FULL SYNCHRONIZATION COMPLETED ==========");
  return failures;
}

std::optional<std::string> AvailabilitySync::sync_platform(const std::string& slug, SyncProgress& progress,
                                                           boost::json::object& counts) {
  const auto say = progress.line;
  say("Starting synchronization for platform: " + slug);
  const auto platforms =
      database_.with_store([](store::Store& store) { return store.platforms().sources(); });
  const auto platform = std::find_if(platforms.begin(), platforms.end(),
                                     [&](const domain::PlatformSource& each) { return each.slug == slug; });
  if (platform == platforms.end()) {
    say("ERROR: Platform '" + slug + "' not found in the database.");
    return "not found in the database";
  }
  if (!watchmode_) {
    say("ERROR: Availability sync is not configured: set MYVOD_WATCHMODE_API_KEY. Nothing was changed.");
    return "availability sync is not configured";
  }
  if (!platform->watchmode_source_id) {
    say("ERROR: Watchmode source ID for '" + slug + "' is not defined.");
    return "no Watchmode source id";
  }
  say("Processing platform: " + slug + " (Source ID: " + std::to_string(*platform->watchmode_source_id) +
      ")");
  auto listed = pull(*platform, *platform->watchmode_source_id, progress);
  if (!listed) {
    counts[slug] = {{"outcome", "failed"}};
    say("Synchronization for " + slug + " aborted: nothing was changed.");
    return listed.error();
  }
  say("Found " + std::to_string(listed->size()) + " unique titles on Watchmode.");

  const Timestamp now = clock_.now();
  struct Written {
    size_t available_before;
    domain::AvailabilityPlan plan;
    store::AvailabilityWrite write;
  };
  const auto written = database_.with_store([&](store::Store& store) {
    return store.transaction([&] {
      auto availability = store.availability();
      const auto stored = availability.of_platform(platform->id);
      Written result{
          static_cast<size_t>(std::count_if(stored.begin(), stored.end(),
                                            [](const auto& row) { return row.is_available == true; })),
          domain::plan_availability(stored, *listed, now),
          {}};
      result.write = availability.apply(platform->id, result.plan, "watchmode", "watchmode_id", now);
      return result;
    });
  });
  const auto& [available_before, plan, write] = written;
  say("Found " + std::to_string(available_before) +
      " available titles in the local database for this platform.");
  if (plan.leaving.empty()) {
    say("No titles to mark as unavailable.");
  } else {
    say("Marking " + std::to_string(plan.leaving.size()) + " titles as unavailable...");
    say("Successfully marked " + std::to_string(write.marked_unavailable) + " titles as unavailable.");
  }
  say("Adding or updating " + std::to_string(plan.arriving.size()) + " titles...");
  say("Successfully added or updated " + std::to_string(write.added) + " titles.");
  say("Synchronization for " + slug + " completed successfully.");
  counts[slug] = {{"outcome", "succeeded"},       {"added", write.added},
                  {"kept", plan.kept.size()},     {"marked_unavailable", write.marked_unavailable},
                  {"unmatched", write.unmatched}, {"notifications", write.notifications}};
  log::info("availability synced", {{"platform", slug}, {"counts", counts[slug]}});
  return std::nullopt;
}

Expected<std::vector<domain::ListedTitle>, std::string> AvailabilitySync::pull(
    const domain::PlatformSource& platform, long long source_id, SyncProgress& progress) {
  const std::string& slug = platform.slug;
  std::unordered_map<std::string, long long> titles;  // IMDb id -> Watchmode id; pages may repeat a title
  for (int page = 1;; ++page) {
    if (progress.stop.stop_requested()) {
      progress.line("Synchronization for " + slug + " stopped: the server is shutting down.");
      return unexpected(std::string("stopped"));
    }
    progress.line("Fetching page " + std::to_string(page) + " for " + slug + "...");
    auto answer = watchmode_->list_titles(source_id, page);
    if (!answer) {
      database_.with_store([&](store::Store& store) {
        store.integration_log().record(
            {"watchmode", answer.error().message,
             boost::json::serialize(boost::json::object{
                 {"platform", slug},
                 {"page", page},
                 {"status", answer.error().status ? boost::json::value(*answer.error().status)
                                                  : boost::json::value(nullptr)}}),
             std::nullopt, clock_.now()});
      });
      log::warn("availability pull failed", {{"platform", slug}, {"error", answer.error().message}});
      progress.line("ERROR: Failed to fetch titles on page " + std::to_string(page) + ". Stopping.");
      return unexpected(answer.error().message);
    }
    if (answer->titles.empty()) {
      progress.line("No more titles found for this platform.");
      break;
    }
    for (const auto& title : answer->titles) {
      // Only movies with an IMDb id can be matched to our catalog; the rest are not ours to track.
      if (title.imdb_id && (title.type.empty() || title.type == "movie"))
        titles.emplace(*title.imdb_id, title.id);
    }
    if (progress.page) progress.page(slug, page, answer->total_pages);
    if (progress.heartbeat) progress.heartbeat();
    if (page >= answer->total_pages) break;
  }
  std::vector<domain::ListedTitle> listed;
  listed.reserve(titles.size());
  for (const auto& [tconst, id] : titles) listed.push_back({tconst, id});
  return listed;
}

}  // namespace myvod::service
