// Writes synthetic title.basics.tsv.gz and title.ratings.tsv.gz in the exact IMDb format, at any scale
// (default: the full dataset's ~12 million titles, ~700,000 movies, ~1.5 million ratings), so that the
// import and the search can be measured at real size without the real files. Deterministic for a seed.
//
//   imdb-generator --out DIR [--titles N] [--seed S]

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace {

// Words of real titles, some accented: the head of the vocabulary, so the words titles share most often.
constexpr auto kWords = std::to_array<std::string_view>(
    {"the",        "a",       "of",        "love",       "night",      "day",          "dark",   "knight",
     "man",        "woman",   "star",      "war",        "wars",       "return",       "last",   "first",
     "city",       "dream",   "house",     "blood",      "king",       "queen",        "life",   "death",
     "story",      "secret",  "lost",      "world",      "time",       "black",        "white",  "red",
     "blue",       "summer",  "winter",    "road",       "river",      "sea",          "island", "ghost",
     "fire",       "ice",     "stone",     "shadow",     "girl",       "boy",          "father", "mother",
     "brother",    "sister",  "home",      "journey",    "empire",     "rising",       "fall",   "legend",
     "game",       "murder",  "mystery",   "train",      "paris",      "london",       "tokyo",  "café",
     "parís",      "amélie",  "señor",     "über",       "müller",     "łódź",         "noël",   "crème",
     "mañana",     "être",    "garçon",    "smørrebrød", "zürich",     "kraków",       "españa", "déjà",
     "vu",         "matrix",  "inception", "godfather",  "redemption", "interstellar", "alien",  "gladiator",
     "casablanca", "vertigo", "psycho",    "memento",    "heat",       "fargo",        "rocky"});

constexpr auto kGenres = std::to_array<std::string_view>(
    {"Action", "Adventure", "Animation", "Biography", "Comedy",   "Crime", "Documentary", "Drama",
     "Family", "Fantasy",   "Film-Noir", "History",   "Horror",   "Music", "Musical",     "Mystery",
     "News",   "Romance",   "Sci-Fi",    "Sport",     "Thriller", "War",   "Western",     "Adult"});

constexpr auto kOtherTypes = std::to_array<std::string_view>(
    {"tvEpisode", "tvEpisode", "tvEpisode", "short", "tvSeries", "video", "tvMovie", "videoGame"});

class GzipFile {
 public:
  explicit GzipFile(const std::string& path) : file_(gzopen(path.c_str(), "wb1")) {
    if (!file_) throw std::runtime_error("cannot write " + path);
    gzbuffer(file_, 1 << 20);
  }
  ~GzipFile() { gzclose(file_); }
  void write(const std::string& text) {
    if (gzwrite(file_, text.data(), static_cast<unsigned>(text.size())) != static_cast<int>(text.size()))
      throw std::runtime_error("gzip write failed");
  }

 private:
  gzFile file_;
};

// Title words follow Zipf's law over a vocabulary of the real words above and ~28,000 made-up ones
// (two or three syllables, some accented), as title words do in the real dataset: a few words are in
// many titles, most words in few. A vocabulary of only real words would make every word common.
class Vocabulary {
 public:
  explicit Vocabulary(std::mt19937_64& random) {
    static constexpr auto kSyllables = std::to_array<std::string_view>(
        {"ka",  "lo",  "ri", "men", "tor", "van", "el",  "sa",   "dor", "li",
         "ne",  "ra",  "to", "mi",  "ber", "gen", "wal", "ston", "ria", "ton",
         "mar", "cel", "vé", "pol", "dia", "sha", "kin", "rós",  "bel", "ñan"});
    for (auto word : kWords) words_.emplace_back(word);
    for (auto a : kSyllables)
      for (auto b : kSyllables) {
        words_.push_back(std::string(a).append(b));
        for (auto c : kSyllables) words_.push_back(std::string(a).append(b).append(c));
      }
    std::shuffle(words_.begin() + kWords.size(), words_.end(), random);
    double total = 0;
    for (size_t rank = 1; rank <= words_.size(); ++rank)
      cumulative_.push_back(total += 1.0 / static_cast<double>(rank));
  }

  const std::string& draw(std::mt19937_64& random) const {
    const double at = std::uniform_real_distribution<double>(0, cumulative_.back())(random);
    const auto rank = std::lower_bound(cumulative_.begin(), cumulative_.end(), at) - cumulative_.begin();
    return words_[static_cast<size_t>(rank)];
  }

 private:
  std::vector<std::string> words_;
  std::vector<double> cumulative_;
};

std::string capitalized(std::string_view word) {
  std::string out(word);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out = ".";
  long long titles = 12'000'000;
  unsigned seed = 42;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view flag = argv[i];
    if (flag == "--out")
      out = argv[i + 1];
    else if (flag == "--titles")
      titles = std::atoll(argv[i + 1]);
    else if (flag == "--seed")
      seed = static_cast<unsigned>(std::atoi(argv[i + 1]));
    else {
      std::fprintf(stderr, "usage: imdb-generator --out DIR [--titles N] [--seed S]\n");
      return 2;
    }
  }
  std::mt19937_64 random(seed);
  const auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
  const auto pick = [&](auto& list) { return list[random() % list.size()]; };
  const Vocabulary vocabulary(random);
  const auto word = [&] { return capitalized(vocabulary.draw(random)); };

  GzipFile basics(out + "/title.basics.tsv.gz");
  GzipFile ratings(out + "/title.ratings.tsv.gz");
  basics.write(
      "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres"
      "\n");
  ratings.write("tconst\taverageRating\tnumVotes\n");

  const double movie_share = 700'000.0 / 12'000'000.0;
  long long movies = 0, rated = 0;
  std::string basics_chunk, ratings_chunk;
  for (long long n = 1; n <= titles; ++n) {
    char tconst[16];
    std::snprintf(tconst, sizeof tconst, n > 9'999'999 ? "tt%08lld" : "tt%07lld", n);
    const bool movie = chance(movie_share);
    movies += movie;
    // Titles of 1-5 words, now and then with a subtitle or a sequel number.
    std::string title = word();
    for (int words = static_cast<int>(random() % 5); words > 0; --words) {
      title.push_back(' ');
      title.append(word());
    }
    if (chance(0.1)) {
      title.append(": ").append(word());
      title.push_back(' ');
      title.append(word());
    }
    if (chance(0.05)) title.append(" ").append(std::to_string(2 + random() % 4));
    std::string original = title;
    if (chance(0.1)) original.append(" (").append(word()).append(")");
    const std::string year = chance(0.05) ? "\\N" : std::to_string(1900 + random() % 126);
    const std::string runtime = chance(0.3) ? "\\N" : std::to_string(60 + random() % 120);
    std::string genres = "\\N";
    if (!chance(0.08)) {
      genres = std::string(pick(kGenres));
      for (int more = static_cast<int>(random() % 3); more > 0; --more) {
        const auto extra = pick(kGenres);
        if (genres.find(extra) == std::string::npos) genres.append(",").append(extra);
      }
    }
    for (std::string_view field :
         {std::string_view(tconst), movie ? std::string_view("movie") : pick(kOtherTypes),
          std::string_view(title), std::string_view(original), std::string_view("0"), std::string_view(year),
          std::string_view("\\N"), std::string_view(runtime)}) {
      basics_chunk.append(field);
      basics_chunk.push_back('\t');
    }
    basics_chunk.append(genres);
    basics_chunk.push_back('\n');
    if (chance(movie ? 0.45 : 0.1)) {
      ++rated;
      char line[64];
      std::snprintf(line, sizeof line, "%s\t%.1f\t%llu\n", tconst,
                    1.0 + static_cast<double>(random() % 91) / 10.0,
                    static_cast<unsigned long long>(5 + (random() % 1000) * (random() % 1000)));
      ratings_chunk += line;
    }
    if (basics_chunk.size() > (1 << 20)) {
      basics.write(basics_chunk);
      basics_chunk.clear();
      ratings.write(ratings_chunk);
      ratings_chunk.clear();
    }
  }
  basics.write(basics_chunk);
  ratings.write(ratings_chunk);
  std::fprintf(stderr, "%lld titles, %lld movies, %lld ratings written to %s\n", titles, movies, rated,
               out.c_str());
  return 0;
}
