#include "common/metrics.hpp"

#include <fmt/format.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace myvod::metrics {

void Histogram::observe(std::chrono::nanoseconds duration) {
  const double seconds = std::chrono::duration<double>(duration).count();
  const auto bucket = std::lower_bound(kBounds.begin(), kBounds.end(), seconds) - kBounds.begin();
  buckets_[static_cast<size_t>(bucket)].fetch_add(1, std::memory_order_relaxed);
  sum_nanoseconds_.fetch_add(static_cast<std::uint64_t>(std::max<std::int64_t>(0, duration.count())),
                             std::memory_order_relaxed);
}

std::array<std::uint64_t, Histogram::kBounds.size() + 1> Histogram::buckets() const {
  std::array<std::uint64_t, kBounds.size() + 1> counts{};
  for (size_t i = 0; i < counts.size(); ++i) counts[i] = buckets_[i].load(std::memory_order_relaxed);
  return counts;
}

double Histogram::sum_seconds() const {
  return static_cast<double>(sum_nanoseconds_.load(std::memory_order_relaxed)) / 1e9;
}

namespace {

const auto kStarted = std::chrono::system_clock::now();

// The exposition format's escapes for a label value: backslash, double quote and line feed.
void append_escaped(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\' || c == '"') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
}

// A series' key (its label values, each ended by a NUL) back into the values.
std::vector<std::string_view> split_labels(std::string_view key) {
  std::vector<std::string_view> values;
  for (size_t end; (end = key.find('\0')) != std::string_view::npos; key.remove_prefix(end + 1))
    values.push_back(key.substr(0, end));
  return values;
}

// `{a="1",b="2"}`, with `extra` (a histogram's le) last; nothing when there are no labels at all.
std::string labels_text(const std::vector<std::string>& names, const std::vector<std::string_view>& values,
                        std::string_view extra = {}) {
  if (names.empty() && extra.empty()) return {};
  std::string out = "{";
  for (size_t i = 0; i < names.size() && i < values.size(); ++i) {
    if (i) out += ',';
    out += names[i];
    out += "=\"";
    append_escaped(out, values[i]);
    out += '"';
  }
  if (!extra.empty()) {
    if (!names.empty()) out += ',';
    out += extra;
  }
  return out + "}";
}

// The figures every Prometheus client library reports for its process, read from the kernel when scraped.
void append_process(std::string& out) {
  auto line = [&](std::string_view name, std::string_view type, std::string_view help, auto value) {
    fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type,
                   name, value);
  };
  long long resident_pages = 0;
  long long ignored = 0;
  if (std::ifstream statm("/proc/self/statm"); statm >> ignored >> resident_pages) {
    line("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.",
         resident_pages * sysconf(_SC_PAGESIZE));
  }
  std::error_code error;
  const auto descriptors = std::distance(std::filesystem::directory_iterator("/proc/self/fd", error),
                                         std::filesystem::directory_iterator());
  if (!error) line("process_open_fds", "gauge", "Number of open file descriptors.", descriptors);
  if (rlimit limit{}; getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    line("process_max_fds", "gauge", "Maximum number of open file descriptors.",
         static_cast<long long>(limit.rlim_cur));
  }
  if (rusage usage{}; getrusage(RUSAGE_SELF, &usage) == 0) {
    const auto seconds = [](const timeval& time) {
      return static_cast<double>(time.tv_sec) + static_cast<double>(time.tv_usec) / 1e6;
    };
    line("process_cpu_seconds_total", "counter", "Total user and system CPU time spent in seconds.",
         seconds(usage.ru_utime) + seconds(usage.ru_stime));
  }
  line("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.",
       std::chrono::duration_cast<std::chrono::seconds>(kStarted.time_since_epoch()).count());
}

}  // namespace

namespace {

void write_header(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

// A counter's or a gauge's lines: one value per series.
template <class Series>
void write_values(std::string& out, const std::string& name, const std::vector<std::string>& label_names,
                  const std::map<std::string, std::unique_ptr<Series>>& series) {
  for (const auto& [key, one] : series) {
    fmt::format_to(std::back_inserter(out), "{}{} {}\n", name, labels_text(label_names, split_labels(key)),
                   one->value());
  }
}

template <>
void Family<Counter>::write(std::string& out) const {
  write_header(out, name_, help_, "counter");
  std::shared_lock lock(mutex_);
  write_values(out, name_, label_names_, series_);
}

template <>
void Family<Gauge>::write(std::string& out) const {
  write_header(out, name_, help_, "gauge");
  std::shared_lock lock(mutex_);
  write_values(out, name_, label_names_, series_);
}

template <>
void Family<Histogram>::write(std::string& out) const {
  write_header(out, name_, help_, "histogram");
  std::shared_lock lock(mutex_);
  for (const auto& [key, histogram] : series_) {
    const auto values = split_labels(key);
    const auto counts = histogram->buckets();
    std::uint64_t cumulative = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
      cumulative += counts[i];
      const std::string bound =
          i < Histogram::kBounds.size() ? fmt::format("le=\"{}\"", Histogram::kBounds[i]) : "le=\"+Inf\"";
      fmt::format_to(std::back_inserter(out), "{}_bucket{} {}\n", name_,
                     labels_text(label_names_, values, bound), cumulative);
    }
    const std::string labels = labels_text(label_names_, values);
    fmt::format_to(std::back_inserter(out), "{}_sum{} {}\n{}_count{} {}\n", name_, labels,
                   histogram->sum_seconds(), name_, labels, cumulative);
  }
}

template <class Series>
Family<Series>& Registry::family(std::string_view name, std::string_view help,
                                 std::vector<std::string> labels) {
  std::lock_guard lock(mutex_);
  for (auto& existing : families_) {
    if (existing->name() != name) continue;
    // One name, one kind: asking for a counter under a gauge's name is a programming error.
    auto* same = dynamic_cast<Family<Series>*>(existing.get());
    if (!same) throw std::logic_error("metric " + std::string(name) + " exists with another type");
    return *same;
  }
  auto made = std::make_unique<Family<Series>>(std::string(name), std::string(help), std::move(labels));
  auto& result = *made;
  families_.push_back(std::move(made));
  return result;
}

Family<Counter>& Registry::counter(std::string_view name, std::string_view help,
                                   std::vector<std::string> labels) {
  return family<Counter>(name, help, std::move(labels));
}

Family<Gauge>& Registry::gauge(std::string_view name, std::string_view help,
                               std::vector<std::string> labels) {
  return family<Gauge>(name, help, std::move(labels));
}

Family<Histogram>& Registry::histogram(std::string_view name, std::string_view help,
                                       std::vector<std::string> labels) {
  return family<Histogram>(name, help, std::move(labels));
}

std::string Registry::exposition() const {
  std::string out;
  {
    std::lock_guard lock(mutex_);
    for (const auto& family : families_) family->write(out);
  }
  append_process(out);
  return out;
}

Registry& registry() {
  static Registry instance;
  return instance;
}

}  // namespace myvod::metrics
