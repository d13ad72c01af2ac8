// Writes synthetic title.basics.tsv.gz and title.ratings.tsv.gz in the exact IMDb format, at any scale
// (default: the full dataset's ~12 million titles, ~700,000 movies, ~1.5 million ratings), so that the
// import and the search can be measured at real size without the real files. Deterministic for a seed.
// With --akas, also title.akas.tsv.gz (~50 million lines at full size); the akas draw from a random stream
// of their own, so the other two files are the same with or without them.
//
//   imdb-generator --out DIR [--titles N] [--seed S] [--akas]

#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
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

// Regions of the other titles, weighted roughly as the real file spreads them: a few large markets, a long
// tail. PL has about one line in fifty, US about one in twelve.
constexpr auto kRegions = std::to_array<std::pair<std::string_view, int>>(
    {{"US", 8}, {"GB", 4}, {"DE", 7}, {"FR", 7}, {"ES", 7}, {"IT", 6},  {"JP", 7}, {"IN", 6},
     {"BR", 5}, {"PT", 4}, {"CA", 4}, {"MX", 3}, {"PL", 2}, {"RU", 3},  {"GR", 2}, {"HU", 2},
     {"TR", 2}, {"SE", 2}, {"FI", 2}, {"NL", 2}, {"AR", 2}, {"XWW", 3}, {"AU", 1}, {"KR", 1},
     {"CN", 1}, {"TW", 1}, {"UA", 1}, {"RO", 1}, {"CZ", 1}, {"DK", 1},  {"NO", 1}});

constexpr auto kAkaTypes = std::to_array<std::string_view>(
    {"imdbDisplay", "imdbDisplay", "imdbDisplay", "\\N", "\\N", "alternative", "working", "dvd", "festival"});

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
  bool with_akas = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--akas") {
      with_akas = true;
    } else if (flag == "--out" && has_value) {
      out = argv[++i];
    } else if (flag == "--titles" && has_value) {
      titles = std::atoll(argv[++i]);
    } else if (flag == "--seed" && has_value) {
      seed = static_cast<unsigned>(std::atoi(argv[++i]));
    } else {
      std::fprintf(stderr, "usage: imdb-generator --out DIR [--titles N] [--seed S] [--akas]\n");
      return 2;
    }
  }
  std::mt19937_64 random(seed);
  const auto chance = [&](double p) { return std::uniform_real_distribution<double>(0, 1)(random) < p; };
  const auto pick = [&](auto& list) { return list[random() % list.size()]; };
  const Vocabulary vocabulary(random);
  const auto word = [&] { return capitalized(vocabulary.draw(random)); };

  // The akas' own stream: the basics and ratings come out the same with or without them.
  std::mt19937_64 aka_random(seed + 1);
  const auto aka_chance = [&](double p) {
    return std::uniform_real_distribution<double>(0, 1)(aka_random) < p;
  };
  std::vector<int> region_weights;
  for (const auto& region : kRegions) region_weights.push_back(region.second);
  std::discrete_distribution<size_t> region_of(region_weights.begin(), region_weights.end());
  std::unique_ptr<GzipFile> akas;
  if (with_akas) {
    akas = std::make_unique<GzipFile>(out + "/title.akas.tsv.gz");
    akas->write("titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n");
  }
  long long aka_lines = 0;
  std::string akas_chunk;

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
    if (akas) {
      // The original title first, without a region, then the others: ~4 lines per title in all, as in the
      // real file, movies having about three times as many as episodes and the like, a few having dozens.
      const double mean_others = movie ? 11.5 : 3.0;
      const auto others =
          static_cast<int>(std::exponential_distribution<double>(1.0 / mean_others)(aka_random));
      const auto aka_line = [&](int ordering, const std::string& aka_title, std::string_view region,
                                std::string_view types, bool is_original) {
        akas_chunk.append(tconst).append("\t").append(std::to_string(ordering)).append("\t");
        akas_chunk.append(aka_title).append("\t").append(region).append("\t\\N\t").append(types);
        akas_chunk.append("\t\\N\t").append(is_original ? "1" : "0").append("\n");
        ++aka_lines;
      };
      aka_line(1, original, "\\N", "original", true);
      for (int ordering = 2; ordering < others + 2; ++ordering) {
        // A third keep the primary title (a region's display title is often the title itself), the rest are
        // translations: new words, as a Polish or Japanese title shares few trigrams with the English one.
        std::string aka_title = title;
        if (!aka_chance(1.0 / 3)) {
          aka_title = capitalized(vocabulary.draw(aka_random));
          for (int words = static_cast<int>(aka_random() % 4); words > 0; --words)
            aka_title.append(" ").append(capitalized(vocabulary.draw(aka_random)));
        }
        aka_line(ordering, aka_title, kRegions[region_of(aka_random)].first,
                 kAkaTypes[aka_random() % kAkaTypes.size()], false);
      }
    }
    if (basics_chunk.size() > (1 << 20)) {
      if (akas) {
        akas->write(akas_chunk);
        akas_chunk.clear();
      }
      basics.write(basics_chunk);
      basics_chunk.clear();
      ratings.write(ratings_chunk);
      ratings_chunk.clear();
    }
  }
  basics.write(basics_chunk);
  ratings.write(ratings_chunk);
  if (akas) akas->write(akas_chunk);
  std::fprintf(stderr, "%lld titles, %lld movies, %lld ratings, %lld aka lines written to %s\n", titles,
               movies, rated, aka_lines, out.c_str());
  return 0;
}
