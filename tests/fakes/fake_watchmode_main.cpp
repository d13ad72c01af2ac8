// The fake Watchmode as a program, for the CLI test, the browser tests and the sync benchmark.
//   fake-watchmode KEY LATENCY_MS TITLES_PER_SOURCE [TCONST_FILE]
// Each of the five platforms' sources lists TITLES_PER_SOURCE movies: from TCONST_FILE (one tconst a line;
// source k starts k x TITLES_PER_SOURCE / 2 lines in, wrapping, so neighbours overlap), or else
// tt0000001... from k x TITLES_PER_SOURCE + 1. A line "SOURCE_ID TCONST" instead puts the movie on that
// source only (the browser tests say exactly what each platform streams). Prints
// "http://127.0.0.1:PORT/v1" and serves until SIGTERM.
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "fakes/fake_server.hpp"
#include "fakes/fake_watchmode.hpp"

int main(int argc, char** argv) {
  if (argc != 4 && argc != 5) {
    std::cerr << "usage: fake-watchmode KEY LATENCY_MS TITLES_PER_SOURCE [TCONST_FILE]\n";
    return 2;
  }
  using myvod::testing::FakeWatchmode;
  FakeWatchmode watchmode(argv[1], std::chrono::milliseconds(std::stoi(argv[2])));
  const long long per_source = std::stoll(argv[3]);
  const long long sources[] = {203, 387, 372, 26, 371};
  std::vector<std::string> tconsts;
  std::map<long long, std::vector<FakeWatchmode::Title>> placed;
  if (argc == 5) {
    std::ifstream file(argv[4]);
    for (std::string line; std::getline(file, line);) {
      std::istringstream fields(line);
      std::string first, second;
      fields >> first >> second;
      if (second.empty()) {
        if (!first.empty()) tconsts.push_back(first);
        continue;
      }
      auto& titles = placed[std::stoll(first)];
      titles.push_back({2'000'000 + (long long)titles.size(), second, "movie"});
    }
  }
  for (auto& [source, titles] : placed) watchmode.set_titles(source, std::move(titles));
  for (long long k = 0; k < 5 && placed.empty(); ++k) {
    if (tconsts.empty()) {
      watchmode.set_generated_titles(sources[k], k * per_source + 1, per_source, 1'000'000 * (k + 1));
      continue;
    }
    std::vector<FakeWatchmode::Title> titles;
    const size_t start = size_t(k * per_source / 2);
    for (long long i = 0; i < per_source && i < (long long)tconsts.size(); ++i)
      titles.push_back({1'000'000 * (k + 1) + i, tconsts[(start + size_t(i)) % tconsts.size()], "movie"});
    watchmode.set_titles(sources[k], std::move(titles));
  }
  std::cout << watchmode.base_url() << std::endl;
  myvod::testing::wait_for_stop_signal();
  std::cerr << "fake-watchmode: " << watchmode.calls() << " calls\n";
  return 0;
}
