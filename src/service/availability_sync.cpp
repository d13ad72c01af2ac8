#include "service/availability_sync.hpp"

#include <algorithm>
#include <unordered_map>

#include "common/log.hpp"

namespace myvod::service {

namespace {

// TMDB's discover serves no page past this one.
constexpr int kTmdbMaxPages = 500;
// The first year a discover query by release year covers; films are not older.
constexpr int kEarliestDiscoverYear = 1874;

std::string joined(const std::vector<long long>& ids) {
  std::string text;
  for (const long long id : ids) text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

}  // namespace

std::vector<std::string> AvailabilitySync::run(const std::string& platform_slug, SyncProgress& progress,
                                               boost::json::object& counts) {
  tmdb_provider_list_.reset();  // providers come and go: asked again on each run
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
  if (!configured()) {
    say("ERROR: Availability sync is not configured: set MYVOD_WATCHMODE_API_KEY or MYVOD_TMDB_API_KEY. "
        "Nothing was changed.");
    return "availability sync is not configured";
  }
  const bool watchmode = source_.watchmode != nullptr;
  Listing listed = unexpected(std::string());
  if (watchmode) {
    if (!platform->watchmode_source_id) {
      say("ERROR: Watchmode source ID for '" + slug + "' is not defined.");
      return "no Watchmode source id";
    }
    say("Processing platform: " + slug + " (Source ID: " + std::to_string(*platform->watchmode_source_id) +
        ")");
    listed = pull_watchmode(slug, *platform->watchmode_source_id, progress);
  } else {
    const auto providers = tmdb_providers(*platform, progress);
    if (!providers) return providers.error();
    say("Processing platform: " + slug + " (TMDB provider IDs: " + joined(*providers) + ")");
    listed = pull_tmdb(slug, *providers, progress);
  }
  if (!listed) {
    counts[slug] = {{"outcome", "failed"}};
    say("Synchronization for " + slug + " aborted: nothing was changed.");
    return listed.error();
  }
  say("Found " + std::to_string(listed->size()) + " unique titles on " +
      (watchmode ? "Watchmode." : "TMDB."));

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
      // TMDB ids were remembered while they were resolved; Watchmode's are remembered here.
      result.write =
          availability.apply(platform->id, result.plan, watchmode ? "watchmode" : "tmdb",
                             watchmode ? std::optional<std::string>("watchmode_id") : std::nullopt, now);
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

std::string AvailabilitySync::failed_call(const std::string& slug, const clients::HttpFailure& failure,
                                          const std::string& line, boost::json::object details,
                                          SyncProgress& progress) {
  const std::string api_type = source_.watchmode ? "watchmode" : "tmdb";
  details["platform"] = slug;
  details["status"] = failure.status ? boost::json::value(*failure.status) : boost::json::value(nullptr);
  database_.with_store([&](store::Store& store) {
    store.integration_log().record(
        {api_type, failure.message, boost::json::serialize(details), std::nullopt, clock_.now()});
  });
  log::warn("availability pull failed", {{"platform", slug}, {"error", failure.message}});
  progress.line(line);
  return failure.message;
}

AvailabilitySync::Listing AvailabilitySync::pull_watchmode(const std::string& slug, long long source_id,
                                                           SyncProgress& progress) {
  std::unordered_map<std::string, long long> titles;  // IMDb id -> Watchmode id; pages may repeat a title
  for (int page = 1;; ++page) {
    if (progress.stop.stop_requested()) {
      progress.line("Synchronization for " + slug + " stopped: the server is shutting down.");
      return unexpected(std::string("stopped"));
    }
    progress.line("Fetching page " + std::to_string(page) + " for " + slug + "...");
    auto answer = source_.watchmode->list_titles(source_id, page);
    if (!answer) {
      return unexpected(
          failed_call(slug, answer.error(),
                      "ERROR: Failed to fetch titles on page " + std::to_string(page) + ". Stopping.",
                      {{"page", page}}, progress));
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

Expected<std::vector<long long>, std::string> AvailabilitySync::tmdb_providers(
    const domain::PlatformSource& platform, SyncProgress& progress) {
  const bool defaults_apply = source_.region == "PL" && !platform.tmdb_provider_ids.empty();
  if (defaults_apply) return platform.tmdb_provider_ids;
  if (!tmdb_provider_list_) {
    auto providers = source_.tmdb->watch_providers(source_.region);
    if (!providers) {
      return unexpected(
          failed_call(platform.slug, providers.error(),
                      "ERROR: Failed to fetch TMDB's providers for region " + source_.region + ".",
                      {{"region", source_.region}}, progress));
    }
    tmdb_provider_list_ = std::move(*providers);
  }
  std::vector<long long> named;
  for (const auto& provider : *tmdb_provider_list_) {
    if (domain::same_service_name(provider.name, platform.name)) named.push_back(provider.id);
  }
  if (!named.empty()) return named;
  if (!platform.tmdb_provider_ids.empty()) return platform.tmdb_provider_ids;
  progress.line("ERROR: TMDB provider IDs for '" + platform.slug + "' are not defined.");
  return unexpected(std::string("no TMDB provider ids"));
}

AvailabilitySync::Listing AvailabilitySync::pull_tmdb(const std::string& slug,
                                                      const std::vector<long long>& provider_ids,
                                                      SyncProgress& progress) {
  std::set<long long> found;
  // Queries still to page through. TMDB serves 500 pages of a query at most, so a catalogue larger than
  // that is asked for by release years, halving a span until each query fits (a span of one year that
  // does not is an incomplete pull). Movies without a release date are only in the undivided query.
  struct Span {
    std::optional<int> first, last;
  };
  std::vector<Span> spans{{std::nullopt, std::nullopt}};
  const int this_year = static_cast<int>(
      std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(clock_.now())).year());
  int pages_read = 0;
  while (!spans.empty()) {
    const Span span = spans.back();
    spans.pop_back();
    const std::string years =
        span.first ? " (" + std::to_string(*span.first) + "-" + std::to_string(*span.last) + ")" : "";
    const clients::TmdbDiscoverQuery query{provider_ids, source_.region, span.first, span.last};
    for (int page = 1, total = 1; page <= total; ++page) {
      if (progress.stop.stop_requested()) {
        progress.line("Synchronization for " + slug + " stopped: the server is shutting down.");
        return unexpected(std::string("stopped"));
      }
      progress.line("Fetching page " + std::to_string(page) + " for " + slug + years + "...");
      auto answer = source_.tmdb->discover(query, page);
      if (!answer) {
        return unexpected(
            failed_call(slug, answer.error(),
                        "ERROR: Failed to fetch titles on page " + std::to_string(page) + ". Stopping.",
                        {{"page", page}}, progress));
      }
      total = answer->total_pages;
      if (total > kTmdbMaxPages) {
        if (!span.first) {
          progress.line("More than " + std::to_string(kTmdbMaxPages) + " pages: asking by release year.");
          spans.push_back({kEarliestDiscoverYear, this_year + 1});
        } else if (*span.first < *span.last) {
          const int middle = *span.first + (*span.last - *span.first) / 2;
          spans.push_back({middle + 1, *span.last});
          spans.push_back({*span.first, middle});
        } else {
          progress.line("ERROR: More than " + std::to_string(kTmdbMaxPages) + " pages for " +
                        years.substr(2, 4) + " alone. Stopping.");
          return unexpected("more than " + std::to_string(kTmdbMaxPages) + " pages in one release year");
        }
        break;
      }
      found.insert(answer->movie_ids.begin(), answer->movie_ids.end());
      ++pages_read;
      if (progress.page) progress.page(slug, pages_read, pages_read + (total - page));
      if (progress.heartbeat) progress.heartbeat();
    }
  }
  return imdb_ids_of(slug, found, progress);
}

AvailabilitySync::Listing AvailabilitySync::imdb_ids_of(const std::string& slug,
                                                        const std::set<long long>& tmdb_ids,
                                                        SyncProgress& progress) {
  const std::vector<long long> ids(tmdb_ids.begin(), tmdb_ids.end());
  auto known = database_.with_store(
      [&](store::Store& store) { return store.availability().tconsts_of_tmdb_ids(ids); });
  std::vector<domain::ListedTitle> listed;
  std::vector<long long> unknown;
  for (const long long id : ids) {
    const auto found = known.find(id);
    if (found == known.end())
      unknown.push_back(id);
    else
      listed.push_back({found->second, id});
  }
  if (!unknown.empty())
    progress.line("Resolving " + std::to_string(unknown.size()) + " TMDB IDs to IMDb IDs...");
  // Remembered in batches as they come, so that a pull that fails later still spares the next one these
  // calls.
  std::vector<std::pair<std::string, long long>> resolved;
  const auto remember = [&] {
    database_.with_store([&](store::Store& store) { store.availability().remember_tmdb_ids(resolved); });
    resolved.clear();
  };
  for (const long long id : unknown) {
    if (progress.stop.stop_requested()) {
      remember();
      progress.line("Synchronization for " + slug + " stopped: the server is shutting down.");
      return unexpected(std::string("stopped"));
    }
    auto imdb = source_.tmdb->imdb_id(id);
    if (!imdb) {
      remember();
      return unexpected(failed_call(slug, imdb.error(),
                                    "ERROR: Failed to resolve TMDB ID " + std::to_string(id) + ". Stopping.",
                                    {{"tmdb_id", id}}, progress));
    }
    if (!*imdb) continue;  // TMDB knows no IMDb id: not a movie our catalog can hold
    listed.push_back({**imdb, id});
    resolved.emplace_back(**imdb, id);
    if (resolved.size() == 200) {
      remember();
      if (progress.heartbeat) progress.heartbeat();
    }
  }
  remember();
  // Two TMDB ids may name one IMDb id (a duplicate on TMDB's side): keep each title once.
  std::sort(listed.begin(), listed.end(), [](const auto& a, const auto& b) { return a.tconst < b.tconst; });
  listed.erase(std::unique(listed.begin(), listed.end(),
                           [](const auto& a, const auto& b) { return a.tconst == b.tconst; }),
               listed.end());
  return listed;
}

}  // namespace myvod::service
