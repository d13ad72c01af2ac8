#include "clients/call_metrics.hpp"

#include "common/metrics.hpp"

namespace myvod::clients {

void record_call(std::string_view provider, std::string_view outcome, std::chrono::nanoseconds took) {
  static auto& calls = metrics::registry().counter("myvod_integration_calls_total",
                                                   "Calls to external services, by provider and outcome.",
                                                   {"provider", "outcome"});
  static auto& durations = metrics::registry().histogram(
      "myvod_integration_call_duration_seconds", "Time a call to an external service took, retries included.",
      {"provider"});
  calls.at({provider, outcome}).add();
  durations.at({provider}).observe(took);
}

void record_retry(std::string_view provider) {
  static auto& retries = metrics::registry().counter(
      "myvod_integration_retries_total", "Attempts repeated after a 429, a 5xx or a failed connection.",
      {"provider"});
  retries.at({provider}).add();
}

}  // namespace myvod::clients
