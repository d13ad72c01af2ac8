// The title index alone, without HTTP or the database in the way: builds it from a catalog, makes 20,000
// queries as bench/search.lua makes them (1-3 words cut from titles of the file, one title per line, half
// with a letter dropped, doubled or swapped; the same ones for a seed), runs them all ROUNDS times and prints
// the CPU time per query of the fastest round, with the median and the 99th percentile of single queries in
// it. The server's figures (bench/catalog.sh) add the request around the ranking; these are the ranking
// alone.
//
//   search-index-bench --database-url URL --titles FILE [--rounds N] [--seed S]

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "search/title_index.hpp"
#include "store/store.hpp"

namespace {

double thread_cpu_microseconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

struct Options {
  std::string database_url;
  std::string titles;
  int rounds = 5;
  unsigned seed = 1;
};

Options parse(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    if (name == "--database-url") {
      options.database_url = argv[i + 1];
    } else if (name == "--titles") {
      options.titles = argv[i + 1];
    } else if (name == "--seed") {
      options.seed = static_cast<unsigned>(std::stoul(argv[i + 1]));
    } else if (name == "--rounds") {
      options.rounds = std::max(1, std::stoi(argv[i + 1]));
    } else {
      throw std::invalid_argument("unknown option " + name);
    }
  }
  if (options.database_url.empty() || options.titles.empty())
    throw std::invalid_argument(
        "usage: search-index-bench --database-url URL --titles FILE [--rounds N] [--seed S]");
  return options;
}

std::string with_typo(std::string word, std::mt19937& random) {
  if (word.size() < 4) return word;
  const size_t at = 1 + random() % (word.size() - 2);
  switch (random() % 3) {
    case 0:
      return word.erase(at, 1);
    case 1:
      return word.insert(at, 1, word[at]);
    default:
      std::swap(word[at], word[at + 1]);
      return word;
  }
}

std::vector<std::string> make_queries(const std::string& titles_file, unsigned seed) {
  std::vector<std::vector<std::string>> titles;
  std::ifstream file(titles_file);
  for (std::string line; std::getline(file, line);) {
    std::istringstream words(line);
    std::vector<std::string> title{std::istream_iterator<std::string>(words), {}};
    if (!title.empty()) titles.push_back(std::move(title));
  }
  if (titles.empty()) throw std::invalid_argument("no titles in " + titles_file);
  std::mt19937 random(seed);
  std::vector<std::string> queries;
  for (int i = 0; i < 20'000; ++i) {
    const auto& words = titles[random() % titles.size()];
    const size_t count = std::min<size_t>(words.size(), 1 + random() % 3);
    const size_t first = random() % (words.size() - count + 1);
    std::vector<std::string> picked(words.begin() + static_cast<std::ptrdiff_t>(first),
                                    words.begin() + static_cast<std::ptrdiff_t>(first + count));
    if (random() % 2) {
      const size_t which = random() % picked.size();
      picked[which] = with_typo(picked[which], random);
    }
    std::string query;
    for (const auto& word : picked) query += (query.empty() ? "" : " ") + word;
    queries.push_back(std::move(query));
  }
  return queries;
}

}  // namespace

int main(int argc, char** argv) try {
  using namespace myvod;
  const Options options = parse(argc, argv);
  const auto url = store::parse_database_url(options.database_url);
  if (!url) throw std::invalid_argument(url.error());
  search::TitleIndex::Builder builder;
  store::open_store(*url)->catalog().for_each_title([&](const domain::Movie& movie) { builder.add(movie); });
  const double build_started = thread_cpu_microseconds();
  const search::TitleIndex index = std::move(builder).build();
  const double build_took = thread_cpu_microseconds() - build_started;

  const std::vector<std::string> queries = make_queries(options.titles, options.seed);

  double best_round = 0;
  std::vector<double> best_times;
  for (int round = 0; round < options.rounds; ++round) {
    std::vector<double> times;
    const double started = thread_cpu_microseconds();
    for (const auto& query : queries) {
      const double before = thread_cpu_microseconds();
      index.search(query, 20);
      times.push_back(thread_cpu_microseconds() - before);
    }
    const double took = thread_cpu_microseconds() - started;
    if (round == 0 || took < best_round) {
      best_round = took;
      best_times = std::move(times);
    }
  }
  std::sort(best_times.begin(), best_times.end());
  std::printf(
      "%zu movies, %zu titles, %zu trigrams (%zu lists with a length directory), %.0f MB, postings sorted in "
      "%.0f ms; %zu queries, fastest of %d rounds: %.0f us per query (median %.0f us, p99 %.0f us)\n",
      index.size(), index.titles(), index.terms(), index.length_directories(),
      static_cast<double>(index.memory_bytes()) / 1048576, build_took / 1000, queries.size(), options.rounds,
      best_round / static_cast<double>(queries.size()), best_times[best_times.size() / 2],
      best_times[best_times.size() * 99 / 100]);
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "search-index-bench: %s\n", error.what());
  return 2;
}
