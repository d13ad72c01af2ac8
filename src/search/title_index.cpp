#include "search/title_index.hpp"

#include <algorithm>
#include <cmath>

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
  scratch.touched.clear();
  return scratch;
}

struct Candidate {
  float similarity;
  std::uint32_t title;
};

}  // namespace

void TitleIndex::Builder::add(const domain::Movie& title) {
  const auto grams = trigrams(fold(title.primary_title));
  for (const Trigram gram : grams) {
    const auto [entry, inserted] = term_ids_.try_emplace(gram, static_cast<std::uint32_t>(term_ids_.size()));
    title_terms_.push_back(entry->second);
  }
  title_term_ends_.push_back(static_cast<std::uint32_t>(title_terms_.size()));
  tconsts_ += title.tconst;
  RankedTitle ranked{};
  ranked.votes = title.num_votes ? *title.num_votes : -1;
  ranked.rating_x10 = title.avg_rating ? static_cast<std::int16_t>(std::lround(*title.avg_rating * 10)) : -1;
  ranked.year = title.start_year ? static_cast<std::int16_t>(*title.start_year) : -1;
  ranked.tconst_end = static_cast<std::uint32_t>(tconsts_.size());
  ranked_.push_back(ranked);
  trigram_counts_.push_back(static_cast<std::uint16_t>(std::min<size_t>(grams.size(), UINT16_MAX)));
}

TitleIndex TitleIndex::Builder::build() && {
  TitleIndex index;
  // Counting sort of (term, title) pairs into one postings array.
  index.posting_starts_.assign(term_ids_.size() + 1, 0);
  for (const auto term : title_terms_) ++index.posting_starts_[term + 1];
  for (size_t i = 1; i < index.posting_starts_.size(); ++i)
    index.posting_starts_[i] += index.posting_starts_[i - 1];
  index.postings_.resize(title_terms_.size());
  std::vector<std::uint32_t> fill(index.posting_starts_.begin(), index.posting_starts_.end() - 1);
  std::uint32_t begin = 0;
  for (std::uint32_t title = 0; title < title_term_ends_.size(); ++title) {
    for (auto i = begin; i < title_term_ends_[title]; ++i) index.postings_[fill[title_terms_[i]]++] = title;
    begin = title_term_ends_[title];
  }
  index.term_ids_ = std::move(term_ids_);
  index.ranked_ = std::move(ranked_);
  index.trigram_counts_ = std::move(trigram_counts_);
  index.tconsts_ = std::move(tconsts_);
  index.ranked_.shrink_to_fit();
  index.trigram_counts_.shrink_to_fit();
  index.tconsts_.shrink_to_fit();
  return index;
}

std::string_view TitleIndex::tconst_of(std::uint32_t title) const {
  const std::uint32_t begin = title == 0 ? 0 : ranked_[title - 1].tconst_end;
  return std::string_view(tconsts_).substr(begin, ranked_[title].tconst_end - begin);
}

std::vector<std::string> TitleIndex::search(std::string_view query, size_t limit) const {
  const std::u32string folded = fold(query);
  const auto grams = trigrams(folded);
  const float threshold = threshold_for(folded);
  Scratch& scratch = scratch_for(ranked_.size());

  // The postings of the query's trigrams, rarest first; a trigram no title has is an empty list.
  struct Postings {
    const std::uint32_t* begin;
    const std::uint32_t* end;
    size_t size() const { return static_cast<size_t>(end - begin); }
  };
  std::vector<Postings> lists;
  for (const Trigram gram : grams) {
    const auto term = term_ids_.find(gram);
    if (term == term_ids_.end()) {
      lists.push_back({nullptr, nullptr});
    } else {
      lists.push_back({postings_.data() + posting_starts_[term->second],
                       postings_.data() + posting_starts_[term->second + 1]});
    }
  }
  std::sort(lists.begin(), lists.end(), [](const auto& a, const auto& b) { return a.size() < b.size(); });

  // A title above the threshold t shares more than t * |query trigrams| of them (|shared| / |union| > t
  // and |union| >= |query|), so it is in at least one of the rarest |query| - floor(t * |query|) + 1 lists:
  // only those can bring new candidates, and the common lists are only looked up for the candidates.
  const auto must_share =
      std::max<size_t>(1, static_cast<size_t>(std::floor(threshold * static_cast<float>(grams.size()))));
  const size_t seeding = grams.size() - must_share + 1;
  for (size_t i = 0; i < lists.size() && i < seeding; ++i) {
    for (const auto* title = lists[i].begin; title != lists[i].end; ++title) {
      if (scratch.shared[*title]++ == 0) scratch.touched.push_back(*title);
    }
  }
  for (size_t i = seeding; i < lists.size(); ++i) {
    const auto& list = lists[i];
    if (scratch.touched.size() * 20 < list.size()) {
      for (const std::uint32_t title : scratch.touched) {
        if (std::binary_search(list.begin, list.end, title)) ++scratch.shared[title];
      }
    } else {
      for (const auto* title = list.begin; title != list.end; ++title) {
        if (scratch.shared[*title] > 0) ++scratch.shared[*title];
      }
    }
  }
  std::vector<Candidate> candidates;
  for (const std::uint32_t title : scratch.touched) {
    const size_t shared = scratch.shared[title];
    scratch.shared[title] = 0;
    if (shared < must_share) continue;
    const float score = similarity(shared, grams.size(), trigram_counts_[title]);
    if (score > threshold) candidates.push_back({score, title});
  }
  const auto better = [this](const Candidate& a, const Candidate& b) {
    if (a.similarity != b.similarity) return a.similarity > b.similarity;
    const RankedTitle& x = ranked_[a.title];
    const RankedTitle& y = ranked_[b.title];
    if (x.votes != y.votes) return x.votes > y.votes;  // -1 (NULL) sorts last
    if (x.rating_x10 != y.rating_x10)
      return x.rating_x10 == -1 || (y.rating_x10 != -1 && x.rating_x10 > y.rating_x10);
    if (x.year != y.year) return x.year == -1 || (y.year != -1 && x.year > y.year);
    return tconst_of(a.title) < tconst_of(b.title);
  };
  const size_t kept = std::min(limit, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(kept),
                    candidates.end(), better);
  std::vector<std::string> tconsts;
  for (size_t i = 0; i < kept; ++i) tconsts.emplace_back(tconst_of(candidates[i].title));
  return tconsts;
}

}  // namespace myvod::search
