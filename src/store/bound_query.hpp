#pragma once
// A statement whose text grows with the filters a request brings, with its string values bound in order
// rather than spliced into the text. Integers that were validated upstream (platform ids, limits) are
// written into the text directly. Each text runs through the connection's statement cache
// (store/engine.hpp): on PostgreSQL as the connection's prepared statement of the text, one round trip and
// no planning once the text has run there; on SQLite as the connection's compiled statement of the text.
// With preparing turned off (MYVOD_PG_PREPARE=off, for poolers that cannot keep them), a PostgreSQL
// statement is a one-time statement, one round trip (PQexecParams) that plans every time.

#include <soci/soci.h>

#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "store/engine.hpp"
#include "store/store.hpp"

namespace myvod::store {

// A statement BoundQuery ran, its rows read with fetch(). When they are no longer read, the connection's
// statement cache gets back what it lent (on SQLite, the compiled statement).
class Rows {
 public:
  Rows(Rows&& other)
      : statement_(other.statement_), cache_(std::exchange(other.cache_, nullptr)), text_(other.text_) {}
  Rows& operator=(Rows&&) = delete;
  ~Rows() {
    if (cache_) cache_->finished(statement_, text_);
  }

  bool fetch() { return statement_.fetch(); }

 private:
  friend class BoundQuery;
  Rows(Store& store, const std::string& text)
      : statement_(store.sql()), cache_(store.statement_cache()), text_(text) {}

  void execute(bool exchange_data) {
    if (!cache_) {
      statement_.execute(exchange_data);
      return;
    }
    try {
      statement_.execute(exchange_data);
    } catch (...) {
      cache_->executed(statement_);
      throw;
    }
    cache_->executed(statement_);
  }

  soci::statement statement_;
  StatementCache* cache_;
  const std::string& text_;
};

class BoundQuery {
 public:
  BoundQuery& operator<<(std::string_view text) {
    text_ += text;
    return *this;
  }
  BoundQuery& operator<<(long long number) {
    text_ += std::to_string(number);
    return *this;
  }

  // Appends a placeholder for `value`.
  BoundQuery& bind(std::string value) {
    values_.push_back({std::move(value), soci::i_ok});
    text_ += ":v" + std::to_string(values_.size());
    return *this;
  }

  // Appends a placeholder for `value`, NULL when it has none.
  BoundQuery& bind(std::optional<std::string> value) {
    bind(value.value_or(std::string()));
    if (!value) values_.back().indicator = soci::i_null;
    return *this;
  }

  // Appends "(:v1, :v2, ...)"; the caller makes sure `values` is not empty.
  BoundQuery& bind_list(std::span<const std::string> values) {
    text_ += '(';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) text_ += ", ";
      bind(values[i]);
    }
    text_ += ')';
    return *this;
  }

  const std::string& text() const { return text_; }

  // Executes a statement that returns no rows (INSERT, UPDATE, DELETE); the rows it changed.
  long long execute(Store& store) {
    Rows rows(store, text_);
    prepare(store, rows.statement_);
    // Executed with "exchange data": without it, SQLite only prepares a statement that returns no rows.
    rows.execute(true);
    return rows.statement_.get_affected_rows();
  }

  // Prepares the statement with `intos` as its result columns and executes it; rows beyond the first are
  // read with fetch(). The query object must outlive the rows (the values are bound by reference).
  template <class... Intos>
  Rows run(Store& store, Intos&&... intos) {
    Rows rows(store, text_);
    (rows.statement_.exchange(std::forward<Intos>(intos)), ...);
    prepare(store, rows.statement_);
    rows.execute(false);
    return rows;
  }

 private:
  // Binds the values after whatever the statement already exchanges, and prepares it through the
  // connection's statement cache where it has one.
  void prepare(Store& store, soci::statement& statement) {
    for (auto& value : values_) statement.exchange(soci::use(value.text, value.indicator));
    statement.alloc();
    if (auto* cache = store.statement_cache())
      cache->prepare(store.sql(), statement, text_);
    else
      statement.prepare(text_, soci::details::st_one_time_query);
    statement.define_and_bind();
  }

  std::string text_;
  struct Value {
    std::string text;
    soci::indicator indicator;
  };
  std::deque<Value> values_;  // stable addresses for the bound references
};

}  // namespace myvod::store
