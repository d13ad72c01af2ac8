#include "catalog/imdb_import.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <stdexcept>

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

// Calls `visit(line, line_number)` for every data line of a TSV file; a first line that starts with `header`
// is the header, not data.
template <class Visit>
void for_each_row(GzipLineReader& reader, std::string_view header, Visit visit) {
  std::string_view line;
  std::uint64_t line_number = 0;
  while (reader.next_line(line)) {
    ++line_number;
    if (line_number == 1 && line.starts_with(header)) continue;
    visit(line, line_number);
  }
}

// Counts a malformed line in `summary` and keeps the first few for the report.
template <class Summary>
void report_malformed(Summary& summary, const char* file, std::uint64_t line_number, const char* reason) {
  ++summary.malformed;
  if (summary.malformed_lines.size() < kMaxReportedMalformed) {
    summary.malformed_lines.push_back({file, line_number, reason});
  }
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
    std::array<std::string_view, 3> fields;
    for_each_row(reader, "tconst\t", [&](std::string_view line, std::uint64_t line_number) {
      ++summary_.ratings_rows;
      std::optional<double> average;
      std::optional<int> votes;
      const auto number = split_fields(line, fields) ? tconst_number(fields[0]) : std::nullopt;
      if (!number || !parse_optional_number(fields[1], average) || !parse_optional_number(fields[2], votes) ||
          (average && (*average < 0 || *average > 10))) {
        report_malformed(summary_, "ratings", line_number,
                         "expected tconst, averageRating (0-10) and numVotes");
        return;
      }
      if (average) ratings_.push_back({*number, *average, votes.value_or(0)});
    });
    std::sort(ratings_.begin(), ratings_.end(),
              [](const Rating& a, const Rating& b) { return a.tconst < b.tconst; });
  }

  void read_basics(GzipLineReader& reader) {
    std::array<std::string_view, 9> fields;
    const auto now = now_utc();
    for_each_row(reader, "tconst\t", [&](std::string_view line, std::uint64_t line_number) {
      ++summary_.basics_rows;
      if (summary_.basics_rows % kProgressEvery == 0 && on_progress_) {
        on_progress_({summary_.basics_rows, summary_.movies});
      }
      if (!split_fields(line, fields)) {
        report_malformed(summary_, "basics", line_number, "expected 9 tab-separated fields");
        return;
      }
      if (fields[1] != "movie") {
        ++summary_.skipped;
        return;
      }
      const auto number = tconst_number(fields[0]);
      std::optional<int> year;
      if (!number) {
        report_malformed(summary_, "basics", line_number, "tconst is not tt followed by digits");
        return;
      }
      if (!parse_optional_number(fields[5], year)) {
        report_malformed(summary_, "basics", line_number, "startYear is not a number");
        return;
      }
      if (fields[2].empty() || fields[2] == kNull) {
        report_malformed(summary_, "basics", line_number, "primaryTitle is empty");
        return;
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
    });
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

// Streams title.akas (titleId, ordering, title, region, language, types, attributes, isOriginalTitle): the
// lines of the regions asked for whose title is a movie of the catalog go to the store's staging a batch at
// a time. The movies' tconsts are held as numbers, sorted: ~700,000 of them take under 3 MB, where the file
// has ~50 million lines, most of them of episodes and other title types.
class AkaImporter {
 public:
  AkaImporter(store::Store& store, const std::vector<std::string>& regions,
              const std::function<void(const ImportProgress&)>& on_progress)
      : store_(store), regions_(regions), on_progress_(on_progress) {
    store_.catalog().for_each_tconst([&](const std::string& tconst) {
      if (const auto number = tconst_number(tconst)) movies_.push_back(*number);
    });
    std::sort(movies_.begin(), movies_.end());
  }

  AkaImportSummary run(GzipLineReader& reader) {
    std::array<std::string_view, 8> fields;
    for_each_row(reader, "titleId\t", [&](std::string_view line, std::uint64_t line_number) {
      ++summary_.rows;
      if (summary_.rows % kProgressEvery == 0 && on_progress_) on_progress_({summary_.rows, summary_.kept});
      const auto number = split_fields(line, fields) ? tconst_number(fields[0]) : std::nullopt;
      if (!number) {
        report_malformed(summary_, "akas", line_number,
                         "expected 8 tab-separated fields, the first a tconst");
        return;
      }
      if (std::find(regions_.begin(), regions_.end(), fields[3]) == regions_.end() || fields[2].empty() ||
          fields[2] == kNull || !std::binary_search(movies_.begin(), movies_.end(), *number)) {
        return;
      }
      ++summary_.kept;
      batch_.push_back({std::string(fields[0]), std::string(fields[3]), std::string(fields[2])});
      if (batch_.size() == kBatchSize) flush();
    });
    flush();
    const auto changes = store_.catalog().apply_staged_akas(regions_);
    summary_.added = changes.added;
    summary_.removed = changes.removed;
    return summary_;
  }

 private:
  void flush() {
    store_.catalog().stage_akas(batch_);
    batch_.clear();
  }

  store::Store& store_;
  const std::vector<std::string>& regions_;
  const std::function<void(const ImportProgress&)>& on_progress_;
  std::vector<std::uint32_t> movies_;
  std::vector<store::Aka> batch_;
  AkaImportSummary summary_;
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

bool is_region_code(std::string_view code) {
  return code.size() >= 2 && code.size() <= 4 && std::all_of(code.begin(), code.end(), [](char c) {
           return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
         });
}

AkaImportSummary import_akas(store::Store& store, GzipLineReader& akas,
                             const std::vector<std::string>& regions,
                             const std::function<void(const ImportProgress&)>& on_progress) {
  if (regions.empty() ||
      !std::all_of(regions.begin(), regions.end(), [](const auto& r) { return is_region_code(r); }))
    throw std::invalid_argument("regions must be codes such as PL or US");
  const auto started = std::chrono::steady_clock::now();
  AkaImportSummary summary =
      store.transaction([&] { return AkaImporter(store, regions, on_progress).run(akas); });
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
