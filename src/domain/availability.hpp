#pragma once
// What an availability sync changes on one platform, decided from what the database holds and what the
// provider listed, with no I/O: which titles stay, which arrive (and of those, which are news worth a
// notification), and which left. Only a complete pull of the provider's catalogue may be planned: a title
// missing from a partial listing has not left.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "common/clock.hpp"

namespace myvod::domain {

// A platform and how the providers name its catalogue.
struct PlatformSource {
  int id = 0;
  std::string slug;
  std::string name;
  std::optional<long long> watchmode_source_id;
  std::vector<long long> tmdb_provider_ids;
};

// The platforms 1-5 of the contract: the original web client knows them by id, slug and name.
inline constexpr int kFixedPlatforms = 5;

// Why an operator's platform cannot be stored as it is, or nothing: a slug of lower-case letters, digits
// and dashes (at most 40), a name of 1 to 100 characters, positive provider ids; a fixed platform keeps its
// slug and name (`stored` is the row as it is, for a change).
std::optional<std::string> platform_refusal(const PlatformSource& platform,
                                            const std::optional<PlatformSource>& stored = std::nullopt);

// One movie_availability row as stored. A row that is not available was last written when the title left
// (a sync writes only rows that are available or become so), so its last_checked says when that was.
struct StoredAvailability {
  std::string tconst;
  std::optional<bool> is_available;  // null: unknown
  Timestamp last_checked;
};

// A title the provider lists as streaming on the platform now, with the provider's own id for it.
struct ListedTitle {
  std::string tconst;
  long long provider_id = 0;
};

// A return within this long of leaving is not news: services rotate titles out and back in.
inline constexpr std::chrono::days kQuietReturn{14};

struct AvailabilityPlan {
  std::vector<std::string> kept;        // available before and still listed
  std::vector<ListedTitle> arriving;    // listed, and not available before (absent, unknown or left)
  std::vector<std::string> newsworthy;  // the arriving titles that notify watchlisting users
  std::vector<std::string> leaving;     // available before and no longer listed
};

// Whether a provider's name for a streaming service is the platform's ("Disney Plus" is "Disney+"): case,
// spaces and punctuation aside, with "+" read as "plus".
bool same_service_name(std::string_view provider_name, std::string_view platform_name);

// `listed` holds each title once (the provider's pages may repeat one; the caller folds them). The vectors
// of the plan are sorted by tconst.
AvailabilityPlan plan_availability(const std::vector<StoredAvailability>& stored,
                                   const std::vector<ListedTitle>& listed, Timestamp now);

}  // namespace myvod::domain
