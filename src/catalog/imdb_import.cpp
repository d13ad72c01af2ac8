#include "catalog/imdb_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

#include "common/resources.hpp"

namespace myvod::catalog {

namespace {

constexpr size_t kBatchSize = 5000;
constexpr std::uint64_t kProgressEvery = 250'000;
constexpr std::string_view kNull = "\\N";

// Splits a TSV line into exactly N fields; false when the count differs.
template <size_t N>
bool split_fields(std::string_view line, std::array<std::string_view, N>& fields) {
  size_t index = 0;
  while (index < N) {
    const size_t tab = line.find('\t');
    fields[index++] = line.substr(0, tab);
    if (tab == std::string_view::npos) break;
    line.remove_prefix(tab + 1);
  }
  return index == N && fields[N - 1].data() + fields[N - 1].size() == line.data() + line.size();
}

// "tt0111161" -> 111161; nothing when the text is not tt followed by digits.
std::optional<std::uint32_t> tconst_number(std::string_view tconst) {
  if (tconst.size() < 3 || !tconst.starts_with("tt")) return std::nullopt;
  std::uint32_t number = 0;
  auto [end, error] = std::from_chars(tconst.data() + 2, tconst.data() + tconst.size(), number);
  if (error != std::errc{} || end != tconst.data() + tconst.size()) return std::nullopt;
  return number;
}

template <class Number>
bool parse_optional_number(std::string_view text, std::optional<Number>& out) {
  if (text == kNull) {
    out.reset();
    return true;
  }
  Number value{};
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size()) return false;
  out = value;
  return true;
}

struct Rating {
  std::uint32_t tconst;
  double average;
  int votes;
};

class Importer {
 public:
  Importer(store::Store& store, const std::function<void(const ImportProgress&)>& on_progress)
      : store_(store), on_progress_(on_progress) {}

  // Ratings are few and small (three fields), so they are held sorted in memory and joined by binary search;
  // the titles themselves stream through.
  void read_ratings(GzipLineReader& reader) {
    columns_ = store::MovieColumns::with_ratings;
    std::string_view line;
    std::uint64_t line_number = 0;
    std::array<std::string_view, 3> fields;
    while (reader.next_line(line)) {
      ++line_number;
      if (line_number == 1 && line.starts_with("tconst\t")) continue;
      ++summary_.ratings_rows;
      std::optional<double> average;
      std::optional<int> votes;
      const auto number = split_fields(line, fields) ? tconst_number(fields[0]) : std::nullopt;
      if (!number || !parse_optional_number(fields[1], average) || !parse_optional_number(fields[2], votes) ||
          (average && (*average < 0 || *average > 10))) {
        report("ratings", line_number, "expected tconst, averageRating (0-10) and numVotes");
        continue;
      }
      if (average) ratings_.push_back({*number, *average, votes.value_or(0)});
    }
    std::sort(ratings_.begin(), ratings_.end(),
              [](const Rating& a, const Rating& b) { return a.tconst < b.tconst; });
  }

  void read_basics(GzipLineReader& reader) {
    std::string_view line;
    std::uint64_t line_number = 0;
    std::array<std::string_view, 9> fields;
    const auto now = now_utc();
    while (reader.next_line(line)) {
      ++line_number;
      if (line_number == 1 && line.starts_with("tconst\t")) continue;
      ++summary_.basics_rows;
      if (summary_.basics_rows % kProgressEvery == 0 && on_progress_) {
        on_progress_({summary_.basics_rows, summary_.movies});
      }
      if (!split_fields(line, fields)) {
        report("basics", line_number, "expected 9 tab-separated fields");
        continue;
      }
      if (fields[1] != "movie") {
        ++summary_.skipped;
        continue;
      }
      const auto number = tconst_number(fields[0]);
      std::optional<int> year;
      if (!number) {
        report("basics", line_number, "tconst is not tt followed by digits");
        continue;
      }
      if (!parse_optional_number(fields[5], year)) {
        report("basics", line_number, "startYear is not a number");
        continue;
      }
      if (fields[2].empty() || fields[2] == kNull) {
        report("basics", line_number, "primaryTitle is empty");
        continue;
      }
      domain::Movie movie;
      movie.tconst = std::string(fields[0]);
      movie.primary_title = std::string(fields[2]);
      movie.original_title = fields[3] == kNull ? movie.primary_title : std::string(fields[3]);
      movie.start_year = year;
      if (fields[8] != kNull && !fields[8].empty()) {
        movie.genres = std::string(fields[8]);
        collect_genres(fields[8]);
      }
      auto rating = std::lower_bound(ratings_.begin(), ratings_.end(), *number,
                                     [](const Rating& r, std::uint32_t key) { return r.tconst < key; });
      if (rating != ratings_.end() && rating->tconst == *number) {
        movie.avg_rating = rating->average;
        movie.num_votes = rating->votes;
      }
      ++summary_.movies;
      batch_.push_back(std::move(movie));
      if (batch_.size() == kBatchSize) flush(now);
    }
    flush(now);
  }

  ImportSummary finish(long long movies_before) {
    store_.catalog().add_genres(genres_);
    summary_.genres = genres_.size();
    const long long movies_after = store_.catalog().count_movies();
    summary_.inserted = static_cast<std::uint64_t>(movies_after - movies_before);
    summary_.updated = changed_ - summary_.inserted;
    summary_.unchanged = summary_.movies - changed_;
    return summary_;
  }

 private:
  void report(const char* file, std::uint64_t line_number, const char* reason) {
    ++summary_.malformed;
    if (summary_.malformed_lines.size() < kMaxReportedMalformed) {
      summary_.malformed_lines.push_back({file, line_number, reason});
    }
  }

  void collect_genres(std::string_view list) {
    while (!list.empty()) {
      const size_t comma = std::min(list.find(','), list.size());
      if (comma > 0) genres_.emplace(list.substr(0, comma));
      list.remove_prefix(std::min(comma + 1, list.size()));
    }
  }

  void flush(Timestamp now) {
    changed_ += static_cast<std::uint64_t>(store_.catalog().upsert_movies(batch_, columns_, now));
    batch_.clear();
  }

  store::Store& store_;
  store::MovieColumns columns_ = store::MovieColumns::without_ratings;
  const std::function<void(const ImportProgress&)>& on_progress_;
  ImportSummary summary_;
  std::vector<Rating> ratings_;
  std::vector<domain::Movie> batch_;
  std::set<std::string> genres_;
  std::uint64_t changed_ = 0;
};

}  // namespace

ImportSummary import_imdb(store::Store& store, GzipLineReader& basics, GzipLineReader* ratings,
                          const std::function<void(const ImportProgress&)>& on_progress) {
  const auto started = std::chrono::steady_clock::now();
  Importer importer(store, on_progress);
  if (ratings) importer.read_ratings(*ratings);
  ImportSummary summary = store.transaction([&] {
    const long long before = store.catalog().count_movies();
    importer.read_basics(basics);
    return importer.finish(before);
  });
  summary.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return summary;
}

std::optional<ImportSummary> load_bundled_sample_if_empty(store::Store& store) {
  if (store.catalog().count_movies() > 0) return std::nullopt;
  GzipLineReader basics(
      GzipLineReader::from_memory(resources::get("data/imdb-sample/title.basics.tsv.gz").bytes));
  GzipLineReader ratings(
      GzipLineReader::from_memory(resources::get("data/imdb-sample/title.ratings.tsv.gz").bytes));
  return import_imdb(store, basics, &ratings);
}

}  // namespace myvod::catalog
