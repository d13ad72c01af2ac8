#include "search/title_index.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <new>
#include <numeric>

namespace myvod::search {

namespace {

// Per-thread scratch space for counting shared trigrams, reused across queries.
struct Scratch {
  std::vector<std::uint16_t> shared;
  std::vector<std::uint32_t> touched;
};

Scratch& scratch_for(size_t titles) {
  thread_local Scratch scratch;
  if (scratch.shared.size() < titles) scratch.shared.assign(titles, 0);
  return scratch;
}

// A slice of one posting list.
struct Postings {
  const std::uint32_t* begin;
  const std::uint32_t* end;
  size_t size() const { return static_cast<size_t>(end - begin); }
};

// The first title in the ascending [begin, end) that is not below `key`, when it is expected near `begin`:
// steps of 1, 2, 4... then a binary search within the last step, so a short way costs a few reads close
// together instead of a binary search's jumps across the whole list.
const std::uint32_t* gallop_forward(const std::uint32_t* begin, const std::uint32_t* end, std::uint32_t key) {
  size_t step = 1;
  const std::uint32_t* low = begin;
  while (static_cast<size_t>(end - low) > step && low[step] < key) {
    low += step;
    step *= 2;
  }
  return std::lower_bound(low, low + std::min(step + 1, static_cast<size_t>(end - low)), key);
}

constexpr std::uint32_t kNoDirectory = UINT32_MAX;
// A list gets a length directory once it holds this many titles per entry the directory would take: the
// directories then add at most an eighth to the postings' memory, and a list too short for one is searched in
// a few steps that stay in cache.
constexpr size_t kPostingsPerDirectoryEntry = 8;

constexpr std::uint32_t kNoBitset = UINT32_MAX;
// A slice gets a bitset when at least one title in this many of its length has the term: the bitset then
// takes no more bytes than the slice's postings (a bit per title against 32 per posting). Those are the
// common slices, the ones a search checks candidates against rather than seeds from.
constexpr size_t kTitlesPerBitsetPosting = 32;

}  // namespace

// One query trigram's posting list, and its length directory when it has one.
struct TitleIndex::TermPostings {
  Postings list{nullptr, nullptr};
  const std::uint32_t* directory = nullptr;
  const std::uint32_t* bitset_starts = nullptr;  // with the directory, per length
};

// The best movies found so far. Once it holds `limit` of them, a title must be at least as similar as the
// last one to matter (at equal similarity, votes and the rest may still put it ahead), and that bar only
// rises.
class TitleIndex::Ranking {
 public:
  Ranking(const TitleIndex& index, size_t limit) : index_(index), limit_(limit) {}

  bool full() const { return kept_ == limit_; }
  // Whether a title of this similarity can still be among the results.
  bool may_rank(float similarity) const { return !full() || similarity >= bar_; }

  void offer(std::uint32_t movie, float similarity) { found_.push_back({similarity, movie}); }

  // Keeps each movie once, by its best title, and only the best `limit` movies.
  void settle() {
    if (found_.size() == kept_) return;  // nothing offered since the last time
    std::sort(found_.begin(), found_.end(), [](const Candidate& a, const Candidate& b) {
      return a.movie != b.movie ? a.movie < b.movie : a.similarity > b.similarity;
    });
    found_.erase(std::unique(found_.begin(), found_.end(),
                             [](const Candidate& a, const Candidate& b) { return a.movie == b.movie; }),
                 found_.end());
    kept_ = std::min(limit_, found_.size());
    const auto better = [this](const Candidate& a, const Candidate& b) { return ranks_before(a, b); };
    std::partial_sort(found_.begin(), found_.begin() + static_cast<std::ptrdiff_t>(kept_), found_.end(),
                      better);
    found_.resize(kept_);
    if (full()) bar_ = found_.back().similarity;
  }

  std::vector<std::uint32_t> movies() const {
    std::vector<std::uint32_t> result;
    result.reserve(found_.size());
    for (const Candidate& candidate : found_) result.push_back(candidate.movie);
    return result;
  }

 private:
  struct Candidate {
    float similarity;
    std::uint32_t movie;
  };

  bool ranks_before(const Candidate& a, const Candidate& b) const {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    const RankedMovie& x = index_.ranked_[a.movie];
    const RankedMovie& y = index_.ranked_[b.movie];
    if (x.votes != y.votes) return x.votes > y.votes;  // -1 (NULL) sorts last
    if (x.rating_x10 != y.rating_x10)
      return x.rating_x10 == -1 || (y.rating_x10 != -1 && x.rating_x10 > y.rating_x10);
    if (x.year != y.year) return x.year == -1 || (y.year != -1 && x.year > y.year);
    return index_.tconst_of(a.movie) < index_.tconst_of(b.movie);
  }

  const TitleIndex& index_;
  const size_t limit_;
  std::vector<Candidate> found_;
  size_t kept_ = 0;
  float bar_ = 0;
};

void TitleIndex::Builder::TermIds::Unmap::operator()(std::uint32_t* block) const {
  munmap(block, kBlock * sizeof(std::uint32_t));
}

void TitleIndex::Builder::TermIds::push_back(std::uint32_t id) {
  if (size_ % kBlock == 0) {
    void* block = mmap(nullptr, kBlock * sizeof(std::uint32_t), PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (block == MAP_FAILED) throw std::bad_alloc();
    blocks_.emplace_back(static_cast<std::uint32_t*>(block));
  }
  blocks_.back()[size_ % kBlock] = id;
  ++size_;
}

void TitleIndex::Builder::TermIds::release_before(size_t end) {
  for (; released_ < blocks_.size() && (released_ + 1) * kBlock <= end; ++released_)
    blocks_[released_].reset();
}

void TitleIndex::Builder::add(const domain::Movie& movie) {
  const auto movie_number = static_cast<std::uint32_t>(ranked_.size());
  // Each title the movie is known by, once: titles that fold alike ("Amélie", "Amelie") are one title.
  std::vector<std::u32string> folded_titles;
  const auto add_title = [&](std::string_view title) {
    auto folded = fold(title);
    if (std::find(folded_titles.begin(), folded_titles.end(), folded) != folded_titles.end()) return;
    const auto grams = trigrams(folded);
    folded_titles.push_back(std::move(folded));
    // A title without a word has no trigram and is similar to nothing: it needs no place in the index.
    if (grams.empty()) return;
    for (const Trigram gram : grams) {
      const auto [entry, inserted] =
          term_ids_.try_emplace(gram, static_cast<std::uint32_t>(term_ids_.size()));
      title_terms_.push_back(entry->second);
    }
    title_term_ends_.push_back(static_cast<std::uint32_t>(title_terms_.size()));
    title_movies_.push_back(movie_number);
  };
  add_title(movie.primary_title);
  add_title(movie.original_title);
  for (const auto& title : movie.other_titles) add_title(title);
  tconsts_ += movie.tconst;
  RankedMovie ranked{};
  ranked.votes = movie.num_votes ? *movie.num_votes : -1;
  ranked.rating_x10 = movie.avg_rating ? static_cast<std::int16_t>(std::lround(*movie.avg_rating * 10)) : -1;
  ranked.year = movie.start_year ? static_cast<std::int16_t>(*movie.start_year) : -1;
  ranked.tconst_end = static_cast<std::uint32_t>(tconsts_.size());
  ranked_.push_back(ranked);
}

// Each posting list holds its titles of one length in ascending order, but the lengths interleaved as the
// catalog had them: a stable counting sort by length puts a long list in order in one pass and a scatter
// (std::sort took four times as long over the full catalog).
void TitleIndex::Builder::sort_by_length(TitleIndex& index) {
  constexpr size_t kSortShorterLists = 256;  // std::sort does as well, without a counter per length
  const size_t lengths = index.length_starts_.size() - 1;
  std::vector<std::uint32_t> length_of(index.title_movies_.size());  // per title number
  for (std::uint32_t n = 0; n < lengths; ++n)
    std::fill(length_of.begin() + index.length_starts_[n], length_of.begin() + index.length_starts_[n + 1],
              n);
  std::vector<std::uint32_t> next(lengths);
  std::vector<std::uint32_t> sorted;
  for (size_t term = 0; term + 1 < index.posting_starts_.size(); ++term) {
    std::uint32_t* const begin = index.postings_.data() + index.posting_starts_[term];
    std::uint32_t* const end = index.postings_.data() + index.posting_starts_[term + 1];
    if (static_cast<size_t>(end - begin) < kSortShorterLists) {
      std::sort(begin, end);
      continue;
    }
    std::fill(next.begin(), next.end(), 0);
    for (const std::uint32_t* title = begin; title != end; ++title) ++next[length_of[*title]];
    std::exclusive_scan(next.begin(), next.end(), next.begin(), std::uint32_t{0});
    sorted.resize(static_cast<size_t>(end - begin));
    for (const std::uint32_t* title = begin; title != end; ++title)
      sorted[next[length_of[*title]]++] = *title;
    std::copy(sorted.begin(), sorted.end(), begin);
  }
}

TitleIndex TitleIndex::Builder::build() && {
  TitleIndex index;
  const auto title_count = static_cast<std::uint32_t>(title_term_ends_.size());
  const auto terms_begin = [&](std::uint32_t title) { return title == 0 ? 0 : title_term_ends_[title - 1]; };
  const auto trigram_count = [&](std::uint32_t title) {
    return title_term_ends_[title] - terms_begin(title);
  };

  // Number the titles by trigram count (a counting sort, stable, so equal lengths keep the catalog's order).
  std::uint32_t longest = 0;
  for (std::uint32_t title = 0; title < title_count; ++title)
    longest = std::max(longest, trigram_count(title));
  index.length_starts_.assign(longest + 2, 0);
  for (std::uint32_t title = 0; title < title_count; ++title)
    ++index.length_starts_[trigram_count(title) + 1];
  for (size_t n = 1; n < index.length_starts_.size(); ++n)
    index.length_starts_[n] += index.length_starts_[n - 1];
  std::vector<std::uint32_t> numbers(title_count);  // per title as added, its number
  std::vector<std::uint32_t> next(index.length_starts_.begin(), index.length_starts_.end() - 1);
  for (std::uint32_t title = 0; title < title_count; ++title) numbers[title] = next[trigram_count(title)]++;

  // Counting sort of (term, title number) pairs into one postings array. The titles are read in the order
  // they were added, so that each block of their terms is let go once read while the postings, left
  // unzeroed, become resident only as they are written: the two together stay near the size of one (the
  // build's peak was both at once). Each list then holds its titles of each length in ascending order, the
  // lengths interleaved, and is sorted by length.
  index.posting_starts_.assign(term_ids_.size() + 1, 0);
  for (size_t i = 0; i < title_terms_.size(); ++i) ++index.posting_starts_[title_terms_[i] + 1];
  for (size_t i = 1; i < index.posting_starts_.size(); ++i)
    index.posting_starts_[i] += index.posting_starts_[i - 1];
  index.postings_.resize(title_terms_.size());
  std::vector<std::uint32_t> fill(index.posting_starts_.begin(), index.posting_starts_.end() - 1);
  index.title_movies_.resize(title_count);
  for (std::uint32_t title = 0; title < title_count; ++title) {
    const std::uint32_t number = numbers[title];
    for (auto i = terms_begin(title); i < title_term_ends_[title]; ++i)
      index.postings_[fill[title_terms_[i]]++] = number;
    index.title_movies_[number] = title_movies_[title];
    title_terms_.release_before(title_term_ends_[title]);
  }
  sort_by_length(index);
  // The rest of what was added goes before the directories and the bitsets take their memory.
  title_terms_ = TermIds{};
  title_term_ends_ = {};
  title_movies_ = {};
  numbers = {};
  fill = {};
  // The length directories: one walk down each long list, noting where each length begins.
  const size_t directory_size = index.length_starts_.size();
  index.directory_starts_.assign(term_ids_.size(), kNoDirectory);
  for (std::uint32_t term = 0; term < term_ids_.size(); ++term) {
    const std::uint32_t begin = index.posting_starts_[term];
    const std::uint32_t end = index.posting_starts_[term + 1];
    if (end - begin < kPostingsPerDirectoryEntry * directory_size) continue;
    index.directory_starts_[term] = static_cast<std::uint32_t>(index.length_directories_.size());
    std::uint32_t at = begin;
    for (size_t n = 0; n < directory_size; ++n) {
      while (at != end && index.postings_[at] < index.length_starts_[n]) ++at;
      index.length_directories_.push_back(at);
    }
  }
  // The bitsets of the dense slices.
  index.slice_bitset_starts_.assign(index.length_directories_.size(), kNoBitset);
  for (std::uint32_t term = 0; term < term_ids_.size(); ++term) {
    const std::uint32_t directory = index.directory_starts_[term];
    if (directory == kNoDirectory) continue;
    for (size_t n = 0; n + 1 < directory_size; ++n) {
      const std::uint32_t first_title = index.length_starts_[n];
      const std::uint32_t titles = index.length_starts_[n + 1] - first_title;
      const std::uint32_t begin = index.length_directories_[directory + n];
      const std::uint32_t end = index.length_directories_[directory + n + 1];
      if (titles == 0 || (end - begin) * kTitlesPerBitsetPosting < titles) continue;
      const auto start = static_cast<std::uint32_t>(index.slice_bitsets_.size());
      index.slice_bitset_starts_[directory + n] = start;
      index.slice_bitsets_.resize(start + (titles + 63) / 64);
      for (std::uint32_t at = begin; at < end; ++at) {
        const std::uint32_t bit = index.postings_[at] - first_title;
        index.slice_bitsets_[start + bit / 64] |= std::uint64_t{1} << (bit % 64);
      }
    }
  }
  index.slice_bitsets_.shrink_to_fit();
  index.term_ids_ = std::move(term_ids_);
  index.ranked_ = std::move(ranked_);
  index.tconsts_ = std::move(tconsts_);
  index.ranked_.shrink_to_fit();
  index.tconsts_.shrink_to_fit();
  return index;
}

size_t TitleIndex::memory_bytes() const {
  const auto bytes = [](const auto& array) { return array.capacity() * sizeof(array[0]); };
  return term_ids_.size() * (sizeof(Trigram) + sizeof(std::uint32_t)) + bytes(posting_starts_) +
         bytes(postings_) + bytes(length_starts_) + bytes(directory_starts_) + bytes(length_directories_) +
         bytes(slice_bitset_starts_) + bytes(slice_bitsets_) + bytes(title_movies_) + bytes(ranked_) +
         tconsts_.capacity();
}

size_t TitleIndex::length_directories() const {
  return length_starts_.empty() ? 0 : length_directories_.size() / length_starts_.size();
}

size_t TitleIndex::slice_bitsets() const {
  return static_cast<size_t>(std::count_if(slice_bitset_starts_.begin(), slice_bitset_starts_.end(),
                                           [](std::uint32_t start) { return start != kNoBitset; }));
}

std::string_view TitleIndex::tconst_of(std::uint32_t movie) const {
  const std::uint32_t begin = movie == 0 ? 0 : ranked_[movie - 1].tconst_end;
  return std::string_view(tconsts_).substr(begin, ranked_[movie].tconst_end - begin);
}

TitleIndex::TermPostings TitleIndex::postings_of(Trigram gram) const {
  const auto term = term_ids_.find(gram);
  if (term == term_ids_.end()) return {};  // a trigram no title has: an empty list
  const std::uint32_t* postings = postings_.data();
  TermPostings found{
      {postings + posting_starts_[term->second], postings + posting_starts_[term->second + 1]}};
  if (const std::uint32_t start = directory_starts_[term->second]; start != kNoDirectory) {
    found.directory = length_directories_.data() + start;
    found.bitset_starts = slice_bitset_starts_.data() + start;
  }
  return found;
}

std::vector<std::uint32_t> TitleIndex::rank(std::string_view query, size_t limit) const {
  const std::u32string folded = fold(query);
  const auto grams = trigrams(folded);
  const float threshold = threshold_for(folded);
  const size_t q = grams.size();
  if (q == 0 || limit == 0) return {};
  Scratch& scratch = scratch_for(title_movies_.size());

  std::vector<TermPostings> lists;
  lists.reserve(q);
  for (const Trigram gram : grams) lists.push_back(postings_of(gram));

  // The title lengths that can pass the threshold, by the best similarity each allows, highest first.
  struct Length {
    float best;
    std::uint32_t trigrams;
  };
  std::vector<Length> lengths;
  for (std::uint32_t n = 1; n + 1 < length_starts_.size(); ++n) {
    const float best = similarity(std::min<size_t>(q, n), q, n);
    if (length_starts_[n] != length_starts_[n + 1] && best > threshold) lengths.push_back({best, n});
  }
  std::stable_sort(lengths.begin(), lengths.end(),
                   [](const Length& a, const Length& b) { return a.best > b.best; });

  // A list's titles of n trigrams: from its directory, or searched for in a short list; and their bitset
  // when the slice has one.
  struct Slice {
    Postings titles;
    const std::uint64_t* bits;
  };
  const auto slice_of_length = [this](const TermPostings& term, std::uint32_t n) -> Slice {
    const std::uint32_t* postings = postings_.data();
    if (!term.directory) {
      const auto* begin = std::lower_bound(term.list.begin, term.list.end, length_starts_[n]);
      return {{begin, std::lower_bound(begin, term.list.end, length_starts_[n + 1])}, nullptr};
    }
    const std::uint32_t bits = term.bitset_starts[n];
    return {{postings + term.directory[n], postings + term.directory[n + 1]},
            bits == kNoBitset ? nullptr : slice_bitsets_.data() + bits};
  };
  Ranking ranking(*this, limit);
  std::vector<Slice> slices(q);
  std::vector<const std::uint64_t*> bitsets;
  bitsets.reserve(q);
  for (const Length& length : lengths) {
    if (!ranking.may_rank(length.best)) break;  // nor can any length after it
    const size_t n = length.trigrams;
    // The fewest shared trigrams that give a similarity above the threshold and able to rank.
    size_t need = 0;
    for (size_t shared = 1; shared <= std::min(q, n) && need == 0; ++shared) {
      const float score = similarity(shared, q, n);
      if (score > threshold && ranking.may_rank(score)) need = shared;
    }
    if (need == 0) continue;

    // Each list's slice of titles of this length, rarest first.
    for (size_t i = 0; i < q; ++i) slices[i] = slice_of_length(lists[i], length.trigrams);
    std::sort(slices.begin(), slices.end(),
              [](const Slice& a, const Slice& b) { return a.titles.size() < b.titles.size(); });

    // A title sharing `need` trigrams is in at least one of the rarest q - need + 1 slices: only those can
    // bring new candidates, and the common slices are only looked up for the candidates.
    const size_t seeding = q - need + 1;
    // The common slices with a bitset go last: each candidate left after the others is checked against them
    // a bit at a time.
    const size_t with_bits = static_cast<size_t>(
        std::stable_partition(slices.begin() + static_cast<std::ptrdiff_t>(seeding), slices.end(),
                              [](const Slice& slice) { return slice.bits == nullptr; }) -
        slices.begin());
    // Branch-free: each title is written after the candidates, and the count only moves on for a first
    // sight (a branch would be mispredicted about as often as taken).
    size_t seeded = 0;
    for (size_t i = 0; i < seeding; ++i) seeded += slices[i].titles.size();
    if (scratch.touched.size() < seeded) scratch.touched.resize(seeded);
    std::uint32_t* const candidates = scratch.touched.data();
    size_t count = 0;
    for (size_t i = 0; i < seeding; ++i) {
      for (const auto* title = slices[i].titles.begin; title != slices[i].titles.end; ++title) {
        candidates[count] = *title;
        count += scratch.shared[*title]++ == 0;
      }
    }
    bool sorted = seeding == 1;
    for (size_t i = seeding; i < with_bits; ++i) {
      // A candidate that cannot reach `need` even if every slice left has it is dropped: the commonest slices
      // come last, and they are cheaper to search for a few candidates than to scan.
      const size_t left = q - i;
      count = static_cast<size_t>(std::remove_if(candidates, candidates + count,
                                                 [&](std::uint32_t title) {
                                                   if (scratch.shared[title] + left >= need) return false;
                                                   scratch.shared[title] = 0;
                                                   return true;
                                                 }) -
                                  candidates);
      const Postings& slice = slices[i].titles;
      if (count * 20 < slice.size()) {
        if (!sorted) std::sort(candidates, candidates + count);
        sorted = true;
        const std::uint32_t* at = slice.begin;
        for (size_t c = 0; c < count && at != slice.end; ++c) {
          at = gallop_forward(at, slice.end, candidates[c]);
          if (at != slice.end && *at == candidates[c]) ++scratch.shared[candidates[c]];
        }
      } else {
        for (const auto* title = slice.begin; title != slice.end; ++title) {
          scratch.shared[*title] += scratch.shared[*title] > 0;
        }
      }
    }
    bitsets.clear();
    for (size_t i = with_bits; i < q; ++i) bitsets.push_back(slices[i].bits);
    const std::uint32_t first_title = length_starts_[n];
    for (size_t c = 0; c < count; ++c) {
      const std::uint32_t title = candidates[c];
      size_t shared = scratch.shared[title];
      scratch.shared[title] = 0;
      // The bitset slices, rarest first, until the title has too few left to reach `need`.
      const std::uint32_t bit = title - first_title;
      for (size_t i = 0; i < bitsets.size() && shared + (bitsets.size() - i) >= need; ++i)
        shared += (bitsets[i][bit / 64] >> (bit % 64)) & 1;
      if (shared < need) continue;
      const float score = similarity(shared, q, n);
      if (score > threshold && ranking.may_rank(score)) ranking.offer(title_movies_[title], score);
    }
    ranking.settle();
  }
  return ranking.movies();
}

std::vector<std::string> TitleIndex::search(std::string_view query, size_t limit) const {
  std::vector<std::string> tconsts;
  for (const std::uint32_t movie : rank(query, limit)) tconsts.emplace_back(tconst_of(movie));
  return tconsts;
}

}  // namespace myvod::search
