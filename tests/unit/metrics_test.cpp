#include "common/metrics.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace myvod::metrics {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

// The lines of `text` that begin with `prefix`, joined by new lines.
std::string lines_starting(const std::string& text, const std::string& prefix) {
  std::string found;
  size_t start = 0;
  while (start < text.size()) {
    const size_t end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    if (line.starts_with(prefix)) found += line + "\n";
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return found;
}

TEST(MetricsTest, CountersAndGaugesAreWrittenWithTheirHelpTypeAndLabels) {
  Registry registry;
  auto& requests = registry.counter("test_requests_total", "Requests.", {"route", "status"});
  requests.at({"/api/movies/", "200"}).add();
  requests.at({"/api/movies/", "200"}).add(2);
  requests.at({"/api/me/", "401"}).add();
  registry.gauge("test_jobs", "Jobs.").at({}).set(7);
  const std::string text = registry.exposition();
  EXPECT_EQ(lines_starting(text, "# HELP test_"),
            "# HELP test_requests_total Requests.\n# HELP test_jobs Jobs.\n");
  EXPECT_EQ(lines_starting(text, "# TYPE test_"),
            "# TYPE test_requests_total counter\n# TYPE test_jobs gauge\n");
  EXPECT_EQ(lines_starting(text, "test_"),
            "test_requests_total{route=\"/api/me/\",status=\"401\"} 1\n"
            "test_requests_total{route=\"/api/movies/\",status=\"200\"} 3\n"
            "test_jobs 7\n");
}

TEST(MetricsTest, LabelValuesAreEscaped) {
  Registry registry;
  registry.counter("test_total", "Escapes.", {"value"}).at({"a\\b\"c\nd"}).add();
  EXPECT_EQ(lines_starting(registry.exposition(), "test_total{"),
            "test_total{value=\"a\\\\b\\\"c\\nd\"} 1\n");
}

TEST(MetricsTest, HistogramBucketsAreCumulativeAndEndWithInfinity) {
  Registry registry;
  auto& durations = registry.histogram("test_seconds", "Durations.", {"route"}).at({"/x"});
  durations.observe(microseconds(50));   // under the first bound
  durations.observe(microseconds(100));  // on the first bound: le is inclusive
  durations.observe(milliseconds(3));
  durations.observe(std::chrono::seconds(60));  // beyond the last bound
  const std::string text = registry.exposition();
  EXPECT_EQ(lines_starting(text, "test_seconds_bucket{route=\"/x\",le=\"0.0001\"}"),
            "test_seconds_bucket{route=\"/x\",le=\"0.0001\"} 2\n");
  EXPECT_EQ(lines_starting(text, "test_seconds_bucket{route=\"/x\",le=\"0.0025\"}"),
            "test_seconds_bucket{route=\"/x\",le=\"0.0025\"} 2\n");
  EXPECT_EQ(lines_starting(text, "test_seconds_bucket{route=\"/x\",le=\"0.005\"}"),
            "test_seconds_bucket{route=\"/x\",le=\"0.005\"} 3\n");
  EXPECT_EQ(lines_starting(text, "test_seconds_bucket{route=\"/x\",le=\"10\"}"),
            "test_seconds_bucket{route=\"/x\",le=\"10\"} 3\n");
  EXPECT_EQ(lines_starting(text, "test_seconds_bucket{route=\"/x\",le=\"+Inf\"}"),
            "test_seconds_bucket{route=\"/x\",le=\"+Inf\"} 4\n");
  EXPECT_EQ(lines_starting(text, "test_seconds_count"), "test_seconds_count{route=\"/x\"} 4\n");
  EXPECT_EQ(lines_starting(text, "test_seconds_sum"), "test_seconds_sum{route=\"/x\"} 60.00315\n");
}

TEST(MetricsTest, AskingAgainGivesTheSameFamilyAndAnotherKindIsRefused) {
  Registry registry;
  auto& first = registry.counter("test_total", "First.", {"a"});
  auto& again = registry.counter("test_total", "Ignored.", {"ignored"});
  EXPECT_EQ(&first, &again);
  EXPECT_EQ(&first.at({"x"}), &again.at({"x"}));
  EXPECT_THROW(registry.gauge("test_total", "A gauge."), std::logic_error);
}

TEST(MetricsTest, TheProcessFiguresFollowTheFamilies) {
  Registry registry;
  const std::string text = registry.exposition();
  EXPECT_NE(lines_starting(text, "process_resident_memory_bytes ").size(), 0u) << text;
  EXPECT_NE(lines_starting(text, "process_open_fds ").size(), 0u) << text;
  EXPECT_NE(lines_starting(text, "process_cpu_seconds_total ").size(), 0u) << text;
}

}  // namespace
}  // namespace myvod::metrics
