#pragma once
// The integrations' calls in /metrics: by provider ("tmdb", "watchmode", "gemini", "openai", "smtp") and
// outcome ("ok"; "refused" for a 4xx answer, which is final; "failed" when the retries or the connection ran
// out), with their durations and the retries they took.

#include <chrono>
#include <string_view>

namespace myvod::clients {

void record_call(std::string_view provider, std::string_view outcome, std::chrono::nanoseconds took);
void record_retry(std::string_view provider);

}  // namespace myvod::clients
