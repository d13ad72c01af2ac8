#pragma once
// An in-memory trigram index over every title of every movie (primary, original and the imported regions'
// other titles): postings per trigram, plus what the ranking needs (votes, rating, year). A movie ranks by
// its best-matching title and is found once. A query counts shared trigrams per title through the postings of
// its own trigrams, so its cost follows how common those trigrams are, not the size of the catalog.
//
// Titles are numbered by their trigram count, so each posting list is also sorted by title length. A title
// of n trigrams can only be as similar to a query of q trigrams as min(q, n) / max(q, n), so a search takes
// the lengths in the order of that bound, reads only the slice of each list that has the length at hand,
// and stops as soon as no remaining length can reach the results it already holds. A long list keeps where
// each length's slice begins (its length directory), so a slice costs two reads instead of searches in it.
// A slice dense enough also keeps its titles as a bitset over that length's titles: a candidate found in the
// rarer slices is then checked against the common ones one bit each, instead of every common slice being read
// whole or searched.

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/movie.hpp"
#include "search/trigram.hpp"

namespace myvod::search {

// What the ranking needs of one movie, packed small: the index holds ~700,000 of them.
struct RankedMovie {
  std::int32_t votes;        // -1: NULL
  std::int16_t rating_x10;   // -1: NULL
  std::int16_t year;         // -1: NULL
  std::uint32_t tconst_end;  // end of the tconst in the index's tconst buffer
};

class TitleIndex {
 public:
  class Builder {
   public:
    // A movie, its titles (primary, original, other_titles) and its ranking fields.
    void add(const domain::Movie& movie);
    TitleIndex build() &&;

   private:
    std::unordered_map<Trigram, std::uint32_t> term_ids_;
    std::vector<std::uint32_t> title_terms_;  // the term ids of every title, one title after the other
    std::vector<std::uint32_t> title_term_ends_;
    std::vector<std::uint32_t> title_movies_;
    std::vector<RankedMovie> ranked_;
    std::string tconsts_;
  };

  // The tconsts of the best `limit` movies for `query`, as the title search ranks them: similarity above the
  // query's threshold, then more votes, higher rating, later year (NULL votes last, NULL rating and year
  // first, as PostgreSQL sorts them), then tconst so that equal titles always come out in one order.
  std::vector<std::string> search(std::string_view query, size_t limit) const;
  // The same movies as numbers: the n-th movie given to the Builder is number n.
  std::vector<std::uint32_t> rank(std::string_view query, size_t limit) const;
  std::string_view tconst_of(std::uint32_t movie) const;
  const RankedMovie& ranked(std::uint32_t movie) const { return ranked_[movie]; }

  size_t size() const { return ranked_.size(); }  // movies
  size_t titles() const { return title_movies_.size(); }
  size_t terms() const { return term_ids_.size(); }  // distinct trigrams
  size_t length_directories() const;                 // lists long enough to have one
  size_t slice_bitsets() const;                      // (term, length) slices with a bitset
  // The bytes its arrays hold (the term table counted by its entries).
  size_t memory_bytes() const;

 private:
  class Ranking;
  struct TermPostings;

  TermPostings postings_of(Trigram gram) const;

  std::unordered_map<Trigram, std::uint32_t> term_ids_;
  std::vector<std::uint32_t> posting_starts_;  // per term id, into postings_ (one extra at the end)
  std::vector<std::uint32_t> postings_;        // title numbers, ascending per term
  // Titles are numbered by trigram count: those of n trigrams are [length_starts_[n], length_starts_[n + 1]).
  std::vector<std::uint32_t> length_starts_;
  // Length directories, for the terms whose lists are long enough to pay for one: per term id, where its
  // directory begins in length_directories_ (kNoDirectory for a short list); a directory holds, for every
  // n from 0 to the longest title's length + 1, where in postings_ the term's titles of n trigrams or more
  // begin.
  std::vector<std::uint32_t> directory_starts_;
  std::vector<std::uint32_t> length_directories_;
  // Parallel to length_directories_: where in slice_bitsets_ the bitset of the term's titles of n trigrams
  // begins (bit t for title length_starts_[n] + t), or kNoBitset for a slice too sparse to pay for one.
  std::vector<std::uint32_t> slice_bitset_starts_;
  std::vector<std::uint64_t> slice_bitsets_;
  std::vector<std::uint32_t> title_movies_;  // per title number, its movie
  std::vector<RankedMovie> ranked_;          // per movie
  std::string tconsts_;
};

}  // namespace myvod::search
