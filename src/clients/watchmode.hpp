#pragma once
// Watchmode, for availability: the titles a streaming source offers in a region, page by page
// (`/list-titles/`). `Watchmode` is the interface services use; `WatchmodeHttp` speaks the v1 REST API
// through HttpClient, with the key in the X-API-Key header (never in a URL), the largest page Watchmode
// allows, and a pause when the answer's quota headers say the per-minute budget is spent.

#include <optional>
#include <string>
#include <vector>

#include "clients/http_client.hpp"
#include "clients/rate_limiter.hpp"
#include "common/expected.hpp"

namespace myvod::clients {

struct WatchmodeTitle {
  long long id = 0;                    // Watchmode's own id
  std::optional<std::string> imdb_id;  // absent for titles Watchmode cannot map
  std::string type;                    // "movie", "tv_series", ...
};

struct WatchmodePage {
  std::vector<WatchmodeTitle> titles;
  int total_pages = 0;
};

class Watchmode {
 public:
  virtual ~Watchmode() = default;
  // One page (from 1) of the movies `source_id` streams in the configured region.
  virtual Expected<WatchmodePage, HttpFailure> list_titles(long long source_id, int page) = 0;
};

struct WatchmodeOptions {
  std::string api_key;
  std::string base_url = "https://api.watchmode.com/v1";
  std::string region = "PL";
  int page_size = 250;  // Watchmode's largest
  double requests_per_second = 5;
};

class WatchmodeHttp final : public Watchmode {
 public:
  WatchmodeHttp(WatchmodeOptions options, HttpClient http, Sleeper sleeper = {});

  Expected<WatchmodePage, HttpFailure> list_titles(long long source_id, int page) override;

 private:
  WatchmodeOptions options_;
  HttpClient http_;
  Sleeper sleeper_;
  RateLimiter limiter_;
};

}  // namespace myvod::clients
