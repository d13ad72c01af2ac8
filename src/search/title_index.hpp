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
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/movie.hpp"
#include "search/trigram.hpp"

namespace myvod::search {

// An allocator that leaves the elements resize() adds as the memory had them, instead of zeroing them: a
// large array then becomes resident only as it is written (see TitleIndex::Builder::build).
template <class T>
struct UninitializedAllocator : std::allocator<T> {
  template <class U>
  void construct(U* at) noexcept {
    ::new (static_cast<void*>(at)) U;
  }
  template <class U, class... Args>
  void construct(U* at, Args&&... args) {
    ::new (static_cast<void*>(at)) U(std::forward<Args>(args)...);
  }
};

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
    // The term ids of every title, one title after the other, in blocks of a fixed size. One vector doubles
    // its capacity as it grows: for the full catalog's ~17 million ids it held room for 33.5 million
    // (134 MB), and both its old and new arrays while it moved, the largest part of a rebuild's memory
    // (bench/README.md). Blocks hold what they are given and at most one block more, never move, and are
    // let go one by one as the build has read them.
    class TermIds {
     public:
      void push_back(std::uint32_t id);
      size_t size() const { return size_; }
      std::uint32_t operator[](size_t i) const { return blocks_[i / kBlock][i % kBlock]; }
      // Frees the blocks that hold only ids before `end`: they are not read again.
      void release_before(size_t end);

     private:
      // Mapped from the system and given back to it, not through malloc, which keeps a freed block of this
      // size in its arena: the build writes the postings while it lets go of the blocks it has read, and its
      // memory stays level only if each block really leaves. 4 MB: one block of slack at most.
      struct Unmap {
        void operator()(std::uint32_t* block) const;
      };
      static constexpr size_t kBlock = size_t{1} << 20;
      std::vector<std::unique_ptr<std::uint32_t[], Unmap>> blocks_;
      size_t size_ = 0;
      size_t released_ = 0;  // blocks freed
    };

    // Puts each of the index's posting lists in ascending order (see build()).
    static void sort_by_length(TitleIndex& index);

    std::unordered_map<Trigram, std::uint32_t> term_ids_;
    TermIds title_terms_;
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
  std::vector<std::uint32_t, UninitializedAllocator<std::uint32_t>> postings_;  // titles, ascending per term
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
