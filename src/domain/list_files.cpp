#include "domain/list_files.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <charconv>

#include "common/utf8.hpp"
#include "domain/csv.hpp"
#include "domain/text.hpp"

namespace myvod::domain {

namespace {

// The columns of a file by their header, found case-insensitively, so a file saved by a spreadsheet that
// changed the case still reads.
class Columns {
 public:
  explicit Columns(const std::vector<std::string>& header) {
    for (const auto& name : header) names_.push_back(ascii_lower(strip(name)));
  }
  std::optional<size_t> find(std::string_view name) const {
    const auto found = std::find(names_.begin(), names_.end(), ascii_lower(name));
    if (found == names_.end()) return std::nullopt;
    return static_cast<size_t>(found - names_.begin());
  }
  size_t size() const { return names_.size(); }

 private:
  std::vector<std::string> names_;
};

std::optional<int> parse_int(std::string_view text) {
  text = strip(text);
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

std::string_view field_at(const CsvRecord& record, std::optional<size_t> column) {
  if (!column || *column >= record.fields.size()) return {};
  return strip(record.fields[*column]);
}

bool is_imdb_id(std::string_view text) {
  return text.size() >= 9 && text.size() <= 12 && text.starts_with("tt") &&
         std::all_of(text.begin() + 2, text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// A date column: "YYYY-MM-DD", or an ISO date-time whose day is taken.
std::optional<Timestamp> parse_date_column(std::string_view text) {
  text = strip(text);
  if (text.size() > 10 && (text[10] == 'T' || text[10] == ' ')) text = text.substr(0, 10);
  return parse_day(text);
}

std::string quoted(std::string_view text) {
  return "\"" + std::string(text.substr(0, 60)) + "\"";
}

// The header and the data records of a file; Err when it is not CSV or has no header.
Expected<std::vector<CsvRecord>, std::string> read_records(std::string_view text) {
  if (!is_utf8(text)) return unexpected(std::string("The file is not UTF-8 text."));
  auto records = parse_csv(text);
  if (!records) {
    return unexpected("The file is not CSV: a quoted field is not closed properly on line " +
                      std::to_string(records.error()) + ".");
  }
  if (records->empty()) return unexpected(std::string("The file is empty."));
  return std::move(*records);
}

// Checks the shape of a data record against the header; the problem when it does not fit.
std::optional<RowProblem> shape_problem(const std::string& file, const CsvRecord& record,
                                        const Columns& columns) {
  if (record.fields.size() == columns.size()) return std::nullopt;
  return RowProblem{file, record.line,
                    "Expected " + std::to_string(columns.size()) + " fields, found " +
                        std::to_string(record.fields.size()) + "."};
}

}  // namespace

std::optional<ImportSource> parse_import_source(std::string_view text) {
  if (text == "imdb") return ImportSource::imdb;
  if (text == "letterboxd") return ImportSource::letterboxd;
  return std::nullopt;
}

std::optional<ImportList> parse_import_list(std::string_view text) {
  if (text == "watchlist") return ImportList::watchlist;
  if (text == "watched") return ImportList::watched;
  return std::nullopt;
}

const char* import_list_name(ImportList list) {
  return list == ImportList::watchlist ? "watchlist" : "watched";
}

std::optional<Timestamp> parse_day(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = parse_int(text.substr(0, 4));
  const auto month = parse_int(text.substr(5, 2));
  const auto day = parse_int(text.substr(8, 2));
  if (!year || !month || !day || *year < 1800) return std::nullopt;
  const std::chrono::year_month_day date{std::chrono::year(*year), std::chrono::month(*month),
                                         std::chrono::day(*day)};
  if (!date.ok()) return std::nullopt;
  return Timestamp(std::chrono::sys_days(date).time_since_epoch());
}

Expected<ParsedFile, std::string> parse_imdb_export(std::string_view text) {
  auto records = read_records(text);
  if (!records) return unexpected(records.error());
  const Columns columns(records->front().fields);
  const auto tconst_column = columns.find("Const");
  if (!tconst_column) {
    return unexpected(
        std::string("This is not an IMDb ratings or watchlist export: it has no \"Const\" column."));
  }
  const auto created = columns.find("Created");
  const auto your_rating = columns.find("Your Rating");
  const auto date_rated = columns.find("Date Rated");
  const bool watchlist = created.has_value();
  if (!watchlist && (!your_rating || !date_rated)) {
    return unexpected(
        std::string("This is not an IMDb ratings or watchlist export: a ratings file has \"Your Rating\" and "
                    "\"Date Rated\" "
                    "columns, a watchlist file a \"Created\" column."));
  }
  const std::string file = watchlist ? "watchlist" : "ratings";
  const auto title = columns.find("Title");
  const auto year = columns.find("Year");
  const auto title_type = columns.find("Title Type");

  ParsedFile parsed;
  for (auto record = records->begin() + 1; record != records->end(); ++record) {
    if (auto problem = shape_problem(file, *record, columns)) {
      parsed.problems.push_back(std::move(*problem));
      continue;
    }
    ImportRow row{.file = file, .line = record->line};
    const auto tconst = field_at(*record, tconst_column);
    if (!is_imdb_id(tconst)) {
      parsed.problems.push_back(
          {file, record->line, "Const " + quoted(tconst) + " is not an IMDb title id."});
      continue;
    }
    row.tconst = std::string(tconst);
    row.title = std::string(field_at(*record, title));
    row.year = parse_int(field_at(*record, year));
    if (const auto type = field_at(*record, title_type); !type.empty()) row.title_type = std::string(type);
    const auto date_text = field_at(*record, watchlist ? created : date_rated);
    const auto date = parse_date_column(date_text);
    if (!date) {
      parsed.problems.push_back(
          {file, record->line,
           (watchlist ? "Created " : "Date Rated ") + quoted(date_text) + " is not a date."});
      continue;
    }
    row.date = *date;
    row.list = watchlist ? ImportList::watchlist : ImportList::watched;
    if (!watchlist) {
      // An empty rating is a watched title without a rating, as our own export writes it.
      const auto rating_text = field_at(*record, your_rating);
      if (!rating_text.empty()) {
        row.rating = parse_int(rating_text);
        if (!row.rating || *row.rating < 1 || *row.rating > 10) {
          parsed.problems.push_back(
              {file, record->line,
               "Your Rating " + quoted(rating_text) + " is not a whole number from 1 to 10."});
          continue;
        }
      }
    }
    parsed.rows.push_back(std::move(row));
  }
  return parsed;
}

std::optional<int> letterboxd_rating(std::string_view stars) {
  stars = strip(stars);
  // Half stars only: "3", "3.0" and "3.5" are fine, "3.25" is not.
  const size_t dot = stars.find('.');
  const auto whole = parse_int(stars.substr(0, dot));
  if (!whole) return std::nullopt;
  int halves = *whole * 2;
  if (dot != std::string_view::npos) {
    const auto fraction = stars.substr(dot + 1);
    if (fraction == "5") {
      ++halves;
    } else if (fraction != "0") {
      return std::nullopt;
    }
  }
  if (halves < 1 || halves > 10) return std::nullopt;
  return halves;
}

Expected<ParsedFile, std::string> parse_letterboxd_file(std::string_view name, std::string_view text) {
  auto records = read_records(text);
  if (!records) return unexpected(records.error());
  const Columns columns(records->front().fields);
  const auto date_column = columns.find("Date");
  const auto name_column = columns.find("Name");
  if (!date_column || !name_column) {
    return unexpected(
        std::string("This is not a Letterboxd export file: it has no \"Date\" and \"Name\" columns."));
  }
  const auto rating_column = columns.find("Rating");
  const auto watched_date_column = columns.find("Watched Date");
  std::string file(name);
  if (file.empty()) {
    if (watched_date_column) {
      file = "diary.csv";
    } else if (rating_column) {
      file = "ratings.csv";
    } else {
      return unexpected(std::string(
          "Letterboxd's watched.csv and watchlist.csv have the same columns: say which of the two this is."));
    }
  }
  const bool ratings = file == "ratings.csv";
  if (ratings && !rating_column) {
    return unexpected(std::string("This is not Letterboxd's ratings.csv: it has no \"Rating\" column."));
  }
  const auto year_column = columns.find("Year");

  ParsedFile parsed;
  for (auto record = records->begin() + 1; record != records->end(); ++record) {
    if (auto problem = shape_problem(file, *record, columns)) {
      parsed.problems.push_back(std::move(*problem));
      continue;
    }
    ImportRow row{.file = file, .line = record->line};
    row.title = std::string(field_at(*record, name_column));
    if (row.title.empty()) {
      parsed.problems.push_back({file, record->line, "The film has no name."});
      continue;
    }
    const auto year_text = field_at(*record, year_column);
    row.year = parse_int(year_text);
    if (!year_text.empty() && !row.year) {
      parsed.problems.push_back({file, record->line, "Year " + quoted(year_text) + " is not a year."});
      continue;
    }
    // The diary's "Date" is when the entry was logged; the film was watched on "Watched Date".
    auto date_text = field_at(*record, watched_date_column);
    if (date_text.empty()) date_text = field_at(*record, date_column);
    const auto date = parse_date_column(date_text);
    if (!date) {
      parsed.problems.push_back({file, record->line, "Date " + quoted(date_text) + " is not a date."});
      continue;
    }
    row.date = *date;
    row.list = file == "watchlist.csv" ? ImportList::watchlist : ImportList::watched;
    if (row.list == ImportList::watched) {
      const auto stars = field_at(*record, rating_column);
      if (!stars.empty() || ratings) {
        row.rating = letterboxd_rating(stars);
        if (!row.rating) {
          parsed.problems.push_back(
              {file, record->line, "Rating " + quoted(stars) + " is not 0.5 to 5 stars in half stars."});
          continue;
        }
      }
    }
    parsed.rows.push_back(std::move(row));
  }
  return parsed;
}

void ImportedEntry::merge(const ImportRow& row) {
  if (row.list == ImportList::watchlist) {
    watchlisted_on = std::max(watchlisted_on.value_or(row.date), row.date);
    return;
  }
  watched_on = std::max(watched_on.value_or(row.date), row.date);
  if (row.rating && (!rated_on || row.date >= *rated_on)) {
    rating = row.rating;
    rated_on = row.date;
  }
}

const char* entry_change_name(EntryChange change) {
  switch (change) {
    case EntryChange::added:
      return "added";
    case EntryChange::updated:
      return "updated";
    case EntryChange::unchanged:
      break;
  }
  return "unchanged";
}

namespace {

bool same_state(const UserMovieState& a, const UserMovieState& b) {
  return a.watchlisted_at == b.watchlisted_at && a.watchlist_deleted_at == b.watchlist_deleted_at &&
         a.watched_at == b.watched_at && a.user_rating == b.user_rating &&
         a.added_from_ai_suggestion == b.added_from_ai_suggestion;
}

// The list a user sees the row on.
enum class ShownOn { nothing, watchlist, watched };
ShownOn shown_on(const UserMovieState& state) {
  if (state.watched()) return ShownOn::watched;
  return state.on_watchlist() ? ShownOn::watchlist : ShownOn::nothing;
}

}  // namespace

EntryPlan plan_import(const std::optional<UserMovieState>& current, const ImportedEntry& entry) {
  UserMovieState state = current.value_or(UserMovieState{});
  if (entry.watchlisted_on && !state.watched()) {
    const Timestamp added = *entry.watchlisted_on;
    const bool never_listed = !state.watchlisted_at;
    const bool removed_before = state.watchlist_deleted_at && *state.watchlist_deleted_at < added;
    if (never_listed || removed_before) {
      state.watchlisted_at = added;
      state.watchlist_deleted_at.reset();
    }
  }
  if (entry.watched_on) {
    const Timestamp watched = *entry.watched_on;
    if (!state.watched()) {
      const bool listed_after = state.actively_watchlisted() && *state.watchlisted_at > watched;
      if (!listed_after) {
        if (state.actively_watchlisted()) state.watchlist_deleted_at = watched;
        state.watched_at = watched;
        state.user_rating = entry.rating;
      }
    } else if (watched > *state.watched_at) {
      state.watched_at = watched;
      if (entry.rating) state.user_rating = entry.rating;
    }
  }
  const ShownOn before = current ? shown_on(*current) : ShownOn::nothing;
  if (current ? same_state(*current, state) : shown_on(state) == ShownOn::nothing) {
    return {EntryChange::unchanged, state};
  }
  // Added: it lands on a list it was not on (the watchlist, or the history from the watchlist).
  return {shown_on(state) != before ? EntryChange::added : EntryChange::updated, state};
}

}  // namespace myvod::domain

namespace myvod::domain {

namespace {

// The columns both of IMDb's exports describe a title with, after the list's own columns.
struct TitleColumns {
  std::string year, rating, votes, url, genres;
  explicit TitleColumns(const Movie& movie)
      : year(movie.start_year ? std::to_string(*movie.start_year) : ""),
        rating(movie.avg_rating ? fmt::format("{:.1f}", *movie.avg_rating) : ""),
        votes(movie.num_votes ? std::to_string(*movie.num_votes) : ""),
        url("https://www.imdb.com/title/" + movie.tconst + "/"),
        genres(fmt::format("{}", fmt::join(split_commas(movie.genres.value_or("")), ", "))) {}
};

std::string day_or_empty(const std::optional<Timestamp>& time) {
  return time ? utc_date(*time) : "";
}

std::vector<const OwnedMovie*> sorted_by(const std::vector<OwnedMovie>& movies,
                                         bool (*keep)(const OwnedMovie&),
                                         std::optional<Timestamp> UserMovieState::*date) {
  std::vector<const OwnedMovie*> kept;
  for (const auto& movie : movies) {
    if (keep(movie)) kept.push_back(&movie);
  }
  std::stable_sort(kept.begin(), kept.end(), [&](const OwnedMovie* a, const OwnedMovie* b) {
    return std::pair(a->state.*date, a->id) < std::pair(b->state.*date, b->id);
  });
  return kept;
}

}  // namespace

std::string imdb_ratings_csv(const std::vector<OwnedMovie>& movies) {
  std::string csv;
  append_csv_row(
      csv, {"Const", "Your Rating", "Date Rated", "Title", "Original Title", "URL", "Title Type",
            "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes", "Release Date", "Directors"});
  const auto watched = sorted_by(
      movies, [](const OwnedMovie& movie) { return movie.state.watched(); }, &UserMovieState::watched_at);
  for (const OwnedMovie* entry : watched) {
    const auto& movie = entry->movie;
    const TitleColumns title(movie);
    const auto rating = entry->state.user_rating ? std::to_string(*entry->state.user_rating) : "";
    append_csv_row(csv, {movie.tconst, rating, day_or_empty(entry->state.watched_at), movie.primary_title,
                         movie.original_title, title.url, "Movie", title.rating, "", title.year, title.genres,
                         title.votes, "", ""});
  }
  return csv;
}

std::string imdb_watchlist_csv(const std::vector<OwnedMovie>& movies) {
  std::string csv;
  append_csv_row(csv, {"Position", "Const", "Created", "Modified", "Description", "Title", "Original Title",
                       "URL", "Title Type", "IMDb Rating", "Runtime (mins)", "Year", "Genres", "Num Votes",
                       "Release Date", "Directors", "Your Rating", "Date Rated"});
  const auto listed = sorted_by(
      movies, [](const OwnedMovie& movie) { return movie.state.on_watchlist(); },
      &UserMovieState::watchlisted_at);
  int position = 0;
  for (const OwnedMovie* entry : listed) {
    const auto& movie = entry->movie;
    const TitleColumns title(movie);
    const auto added = day_or_empty(entry->state.watchlisted_at);
    append_csv_row(csv, {std::to_string(++position), movie.tconst, added, added, "", movie.primary_title,
                         movie.original_title, title.url, "Movie", title.rating, "", title.year, title.genres,
                         title.votes, "", "", "", ""});
  }
  return csv;
}

}  // namespace myvod::domain
