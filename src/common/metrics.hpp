#pragma once
// The server's own figures for Prometheus: counters, gauges and latency histograms, labelled, written in the
// text exposition format at GET /metrics (api/metrics.cpp).
//
// One registry per process (registry()): the figures describe the process, whichever server, job or CLI
// command inside it did the work, and a component takes its family once, when it is built, without a
// registry threaded through every constructor. Tests that share a process read differences, never totals.
//
// Recording is lock-free once a label set has been seen (an atomic add); looking a label set up takes a
// shared lock. Label values must come from small fixed sets (route patterns, not paths; status codes; pool
// and provider names), or the exposition grows with every client's whim.

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <vector>

namespace myvod::metrics {

class Counter {
 public:
  void add(std::uint64_t amount = 1) { value_.fetch_add(amount, std::memory_order_relaxed); }
  std::uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> value_{0};
};

class Gauge {
 public:
  void set(std::int64_t value) { value_.store(value, std::memory_order_relaxed); }
  void add(std::int64_t amount) { value_.fetch_add(amount, std::memory_order_relaxed); }
  std::int64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::int64_t> value_{0};
};

// Durations, in seconds as Prometheus expects. The bounds reach below a millisecond, where most of our
// answers are, and up to ten seconds, where a slow upstream or a cost-12 password hash ends.
class Histogram {
 public:
  static constexpr std::array<double, 15> kBounds{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                  0.05,   0.1,     0.25,   0.5,   1,      2.5,   10};

  void observe(std::chrono::nanoseconds duration);
  // Counts per bucket, not cumulative; the last is above every bound.
  std::array<std::uint64_t, kBounds.size() + 1> buckets() const;
  double sum_seconds() const;

 private:
  std::array<std::atomic<std::uint64_t>, kBounds.size() + 1> buckets_{};
  std::atomic<std::uint64_t> sum_nanoseconds_{0};
};

class AnyFamily {
 public:
  virtual ~AnyFamily() = default;
  virtual const std::string& name() const = 0;
  // Appends the family in the text exposition format.
  virtual void write(std::string& out) const = 0;
};

// One metric name with its label names; one series (a Counter, Gauge or Histogram) per label set.
template <class Series>
class Family final : public AnyFamily {
 public:
  Family(std::string name, std::string help, std::vector<std::string> label_names)
      : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

  // The series of these label values (as many as the family has label names), made on first use. The
  // reference stays valid for the life of the process.
  Series& at(std::initializer_list<std::string_view> values) {
    std::string key;
    for (auto value : values) {
      key.append(value);
      key.push_back('\0');
    }
    {
      std::shared_lock lock(mutex_);
      if (auto found = series_.find(key); found != series_.end()) return *found->second;
    }
    std::unique_lock lock(mutex_);
    auto& slot = series_[key];
    if (!slot) slot = std::make_unique<Series>();
    return *slot;
  }

  const std::string& name() const override { return name_; }
  void write(std::string& out) const override;  // metrics.cpp, for each kind of series

 private:
  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
  mutable std::shared_mutex mutex_;
  std::map<std::string, std::unique_ptr<Series>> series_;
};

// The exposition of each kind of series (metrics.cpp).
template <>
void Family<Counter>::write(std::string& out) const;
template <>
void Family<Gauge>::write(std::string& out) const;
template <>
void Family<Histogram>::write(std::string& out) const;

class Registry {
 public:
  // The family of this name, made on first call; later calls get the same one (their help and labels are
  // not looked at again), so that every component may ask for what it records.
  Family<Counter>& counter(std::string_view name, std::string_view help,
                           std::vector<std::string> labels = {});
  Family<Gauge>& gauge(std::string_view name, std::string_view help, std::vector<std::string> labels = {});
  Family<Histogram>& histogram(std::string_view name, std::string_view help,
                               std::vector<std::string> labels = {});

  // Every family in the text exposition format (version 0.0.4), in the order they were made, followed by the
  // process's own figures (resident memory, open files, CPU time, start time).
  std::string exposition() const;

 private:
  template <class Series>
  Family<Series>& family(std::string_view name, std::string_view help, std::vector<std::string> labels);

  mutable std::mutex mutex_;
  std::vector<std::unique_ptr<AnyFamily>> families_;  // in the order they were made
};

// The process's registry.
Registry& registry();

// The Content-Type of exposition().
inline constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace myvod::metrics
