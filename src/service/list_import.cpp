#include "service/list_import.hpp"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "auth/jwt.hpp"
#include "common/error.hpp"
#include "common/zip_reader.hpp"
#include "domain/text.hpp"
#include "search/trigram.hpp"

namespace myvod::service {

namespace {

using domain::ImportRow;
using domain::ParsedFile;

constexpr size_t kMaxCandidates = 8;
constexpr size_t kLookupBatch = 500;
constexpr int kEarliestPossibleYear = 1870;
constexpr int kLatestPossibleYear = 2200;

void add_file(ParsedFile& all, Expected<ParsedFile, std::string> parsed, std::string_view name) {
  if (!parsed) {
    const std::string where = name.empty() ? std::string() : std::string(name) + ": ";
    throw Error::detail(ErrorCode::invalid_input, where + parsed.error());
  }
  std::move(parsed->rows.begin(), parsed->rows.end(), std::back_inserter(all.rows));
  std::move(parsed->problems.begin(), parsed->problems.end(), std::back_inserter(all.problems));
}

bool is_letterboxd_file(std::string_view name) {
  return std::find(std::begin(domain::kLetterboxdFiles), std::end(domain::kLetterboxdFiles), name) !=
         std::end(domain::kLetterboxdFiles);
}

// Every row of the upload; a ZIP's files are read in kLetterboxdFiles order, the order rows are merged in.
ParsedFile read_upload(const ImportRequest& request) {
  ParsedFile all;
  if (request.source == domain::ImportSource::imdb) {
    add_file(all, domain::parse_imdb_export(request.body), {});
    return all;
  }
  if (!looks_like_zip(request.body)) {
    add_file(all, domain::parse_letterboxd_file(request.file_name, request.body), request.file_name);
    return all;
  }
  // Only the files at the archive's root: Letterboxd keeps removed entries under deleted/ and orphaned/.
  auto entries = read_zip(request.body, kImportInflatedLimit, is_letterboxd_file);
  if (!entries && entries.error() == ZipFailure::too_large) {
    throw Error::detail(ErrorCode::payload_too_large, "The files in the ZIP come to more than " +
                                                          std::to_string(kImportInflatedLimit / 1000000) +
                                                          " MB unpacked.");
  }
  if (!entries)
    throw Error::detail(ErrorCode::invalid_input, "The file is not a ZIP archive that can be read.");
  if (entries->empty()) {
    throw Error::detail(
        ErrorCode::invalid_input,
        "The ZIP holds none of Letterboxd's watchlist.csv, watched.csv, diary.csv or ratings.csv.");
  }
  for (const std::string_view name : domain::kLetterboxdFiles) {
    for (const auto& entry : *entries) {
      if (entry.name == name) add_file(all, domain::parse_letterboxd_file(name, entry.content), name);
    }
  }
  return all;
}

// The movies of `tconsts` that exist, by id, a batch per statement.
std::map<std::string, domain::Movie> movies_by_id(store::Store& store, std::vector<std::string> tconsts) {
  std::sort(tconsts.begin(), tconsts.end());
  tconsts.erase(std::unique(tconsts.begin(), tconsts.end()), tconsts.end());
  std::map<std::string, domain::Movie> found;
  for (size_t first = 0; first < tconsts.size(); first += kLookupBatch) {
    const std::vector<std::string> batch(
        tconsts.begin() + static_cast<long>(first),
        tconsts.begin() + static_cast<long>(std::min(tconsts.size(), first + kLookupBatch)));
    for (auto& movie : store.catalog().movies(batch)) found.emplace(movie.tconst, std::move(movie));
  }
  return found;
}

// A row whose movie is known, in the order of the upload.
struct MatchedRow {
  std::string tconst;
  const ImportRow* row;
};

// Rows that name movies by id: those in the catalog are matched, the rest are skipped with the reason.
std::vector<MatchedRow> match_by_id(store::Store& store, const std::vector<ImportRow>& rows,
                                    std::map<std::string, domain::Movie>& movies, ImportSummary& summary) {
  std::vector<std::string> tconsts;
  for (const auto& row : rows) tconsts.push_back(*row.tconst);
  movies = movies_by_id(store, std::move(tconsts));
  std::vector<MatchedRow> matched;
  for (const auto& row : rows) {
    if (movies.contains(*row.tconst)) {
      matched.push_back({*row.tconst, &row});
      continue;
    }
    const bool movie = !row.title_type || domain::ascii_lower(*row.title_type) == "movie";
    summary.skipped.push_back({row, movie ? "not_in_catalog" : "not_a_movie"});
  }
  return matched;
}

// A film as a Letterboxd row names it.
struct FilmKey {
  std::u32string title;
  std::optional<int> year;
  auto operator<=>(const FilmKey&) const = default;
};

struct Candidate {
  MatchCandidate movie;
  int votes = 0;
};

// Rows that name movies by title and year: a film with exactly one movie of that title and year is matched;
// the others go to review with the movies of that title a year either side (Letterboxd and IMDb disagree
// on the year of some films), the closest year and then the most voted first.
std::vector<MatchedRow> match_by_title(store::Store& store, const std::vector<ImportRow>& rows,
                                       std::map<std::string, domain::Movie>& movies, ImportSummary& summary) {
  std::map<FilmKey, std::vector<const ImportRow*>> films;
  std::vector<FilmKey> film_order;
  std::set<std::optional<int>> years;
  for (const auto& row : rows) {
    FilmKey key{search::match_key(row.title), row.year};
    auto& film_rows = films[key];
    if (film_rows.empty()) film_order.push_back(key);
    film_rows.push_back(&row);
    if (!row.year) {
      years.insert(std::nullopt);
    } else if (*row.year >= kEarliestPossibleYear && *row.year <= kLatestPossibleYear) {
      // A year no film can have finds nothing, and a file full of them must not cost a statement each.
      for (int year = *row.year - 1; year <= *row.year + 1; ++year) years.insert(year);
    }
  }
  std::unordered_set<std::u32string> wanted;
  for (const auto& key : film_order) wanted.insert(key.title);

  std::unordered_map<std::u32string, std::vector<Candidate>> by_title;
  for (const auto& year : years) {
    store.catalog().for_each_title_of_year(year, [&](const domain::Movie& movie) {
      const auto primary = search::match_key(movie.primary_title);
      // Most rows carry the primary title again as the original one: folded once.
      const bool same = movie.original_title.empty() || movie.original_title == movie.primary_title;
      const auto original = same ? primary : search::match_key(movie.original_title);
      const Candidate candidate{{movie.tconst, movie.primary_title, movie.original_title, movie.start_year},
                                movie.num_votes.value_or(0)};
      if (wanted.contains(primary)) by_title[primary].push_back(candidate);
      if (original != primary && wanted.contains(original)) by_title[original].push_back(candidate);
    });
  }

  std::vector<MatchedRow> matched;
  for (const auto& key : film_order) {
    auto candidates = by_title[key.title];
    const auto distance = [&](const Candidate& candidate) {
      if (!key.year || !candidate.movie.start_year) return key.year == candidate.movie.start_year ? 0 : 2;
      return std::abs(*candidate.movie.start_year - *key.year);
    };
    std::erase_if(candidates, [&](const Candidate& candidate) { return distance(candidate) > 1; });
    const auto exact = std::count_if(candidates.begin(), candidates.end(),
                                     [&](const Candidate& candidate) { return distance(candidate) == 0; });
    const auto& film_rows = films[key];
    if (exact == 1) {
      const auto& movie = std::find_if(candidates.begin(), candidates.end(), [&](const Candidate& candidate) {
                            return distance(candidate) == 0;
                          })->movie;
      domain::Movie known;
      known.tconst = movie.tconst;
      known.primary_title = movie.primary_title;
      known.start_year = movie.start_year;
      movies.emplace(movie.tconst, std::move(known));
      for (const ImportRow* row : film_rows) matched.push_back({movie.tconst, row});
      continue;
    }
    std::stable_sort(candidates.begin(), candidates.end(), [&](const Candidate& a, const Candidate& b) {
      return std::pair(distance(a), -a.votes) < std::pair(distance(b), -b.votes);
    });
    if (exact > 1)
      std::erase_if(candidates, [&](const Candidate& candidate) { return distance(candidate) > 0; });
    if (candidates.size() > kMaxCandidates) candidates.resize(kMaxCandidates);
    ReviewItem item{film_rows.front()->title, key.year, {}, {}};
    for (const ImportRow* row : film_rows) item.rows.push_back(*row);
    for (auto& candidate : candidates) item.candidates.push_back(std::move(candidate.movie));
    summary.needs_review.push_back(std::move(item));
  }
  return matched;
}

size_t& counter(ImportSummary& summary, domain::EntryChange change) {
  switch (change) {
    case domain::EntryChange::added:
      return summary.added;
    case domain::EntryChange::updated:
      return summary.updated;
    case domain::EntryChange::unchanged:
      break;
  }
  return summary.unchanged;
}

// Merges the matched rows per movie and applies them: one transaction, or only the plan for a dry run.
void apply(store::Store& store, const std::string& user_id, const std::vector<MatchedRow>& matched,
           const std::map<std::string, domain::Movie>& movies, bool dry_run, ImportSummary& summary) {
  std::map<std::string, domain::ImportedEntry> entries;
  std::vector<std::string> order;
  for (const auto& [tconst, row] : matched) {
    auto [entry, inserted] = entries.try_emplace(tconst);
    if (inserted) {
      entry->second.tconst = tconst;
      order.push_back(tconst);
    }
    entry->second.merge(*row);
  }
  const auto report = [&](const std::string& tconst, const domain::EntryPlan& plan) {
    const auto& movie = movies.at(tconst);
    return EntryChangeReport{tconst, movie.primary_title, movie.start_year, plan.change, plan.state};
  };

  auto user_movies = store.user_movies();
  const auto plan_and_write = [&] {
    // One import at a time per user, so two at once end as one after the other.
    if (!dry_run && !store.users().lock(user_id)) {
      throw auth::account_gone();
    }
    const auto current = user_movies.lock_all(user_id);
    std::vector<std::pair<std::string, domain::UserMovieState>> inserts;
    std::vector<std::pair<long long, domain::UserMovieState>> updates;
    for (const auto& tconst : order) {
      const auto row = current.find(tconst);
      const auto plan = domain::plan_import(
          row == current.end() ? std::nullopt : std::optional(row->second.state), entries.at(tconst));
      ++counter(summary, plan.change);
      if (plan.change == domain::EntryChange::unchanged) continue;
      if (row == current.end()) {
        inserts.emplace_back(tconst, plan.state);
      } else {
        updates.emplace_back(row->second.id, plan.state);
      }
      summary.changes.push_back(report(tconst, plan));
    }
    if (dry_run) return;
    const auto inserted = user_movies.insert_many(user_id, inserts);
    for (const auto& insert : inserts) {
      const std::string& tconst = insert.first;
      if (inserted.contains(tconst)) continue;
      // A single add of the same movie committed between the read and the insert: the import applies to
      // that row instead, and the summary says what it did there.
      const auto row = user_movies.lock(user_id, tconst);
      if (!row) throw std::runtime_error("user_movie insert conflicted but no row is visible");
      const auto plan = domain::plan_import(row->state, entries.at(tconst));
      updates.emplace_back(row->id, plan.state);
      const auto reported =
          std::find_if(summary.changes.begin(), summary.changes.end(),
                       [&](const EntryChangeReport& change) { return change.tconst == tconst; });
      --counter(summary, reported->change);
      ++counter(summary, plan.change);
      if (plan.change == domain::EntryChange::unchanged) {
        summary.changes.erase(reported);
      } else {
        *reported = report(tconst, plan);
      }
    }
    for (const auto& [id, state] : updates) user_movies.update(user_id, id, state);
  };
  if (dry_run) {
    plan_and_write();
  } else {
    store.transaction(plan_and_write);
  }
}

}  // namespace

ImportSummary import_list(store::Store& store, const std::string& user_id, const ImportRequest& request) {
  const ParsedFile upload = read_upload(request);
  ImportSummary summary;
  summary.dry_run = request.dry_run;
  summary.rows = upload.rows.size() + upload.problems.size();
  summary.problems = upload.problems;
  std::map<std::string, domain::Movie> movies;
  const auto matched = request.source == domain::ImportSource::imdb
                           ? match_by_id(store, upload.rows, movies, summary)
                           : match_by_title(store, upload.rows, movies, summary);
  apply(store, user_id, matched, movies, request.dry_run, summary);
  return summary;
}

ImportSummary resolve_import(store::Store& store, const std::string& user_id,
                             const std::vector<domain::ImportRow>& rows, bool dry_run) {
  ImportSummary summary;
  summary.dry_run = dry_run;
  summary.rows = rows.size();
  std::map<std::string, domain::Movie> movies;
  const auto matched = match_by_id(store, rows, movies, summary);
  apply(store, user_id, matched, movies, dry_run, summary);
  return summary;
}

}  // namespace myvod::service
