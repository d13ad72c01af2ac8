#pragma once
// A statement whose text grows with the filters a request brings, with its string values bound in order
// rather than spliced into the text. Integers that were validated upstream (platform ids, limits) are
// written into the text directly. On PostgreSQL it runs as the connection's prepared statement of its text
// (store/engine.hpp, PreparedStatements): one round trip and no planning once the text has run there; with
// preparing turned off (MYVOD_PG_PREPARE=off, for poolers that cannot keep them), and on SQLite, as a
// one-time statement, one round trip (PQexecParams) that plans every time.

#include <soci/soci.h>

#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "store/engine.hpp"
#include "store/store.hpp"

namespace myvod::store {

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
    soci::statement statement(store.sql());
    prepare(store, statement);
    // Executed with "exchange data": without it, SQLite only prepares a statement that returns no rows.
    run_prepared(store, statement, true);
    return statement.get_affected_rows();
  }

  // Prepares the statement with `intos` as its result columns and executes it; rows beyond the first are
  // read with fetch(). The query object must outlive the statement (the values are bound by reference).
  template <class... Intos>
  soci::statement run(Store& store, Intos&&... intos) {
    soci::statement statement(store.sql());
    (statement.exchange(std::forward<Intos>(intos)), ...);
    prepare(store, statement);
    run_prepared(store, statement, false);
    return statement;
  }

 private:
  // Binds the values after whatever the statement already exchanges, and prepares it: as a one-time query,
  // then as the connection's prepared statement where the store keeps them.
  void prepare(Store& store, soci::statement& statement) {
    for (auto& value : values_) statement.exchange(soci::use(value.text, value.indicator));
    statement.alloc();
    statement.prepare(text_, soci::details::st_one_time_query);
    if (auto* prepared = store.prepared_statements()) prepared->reuse(store.sql(), statement);
    statement.define_and_bind();
  }

  static void run_prepared(Store& store, soci::statement& statement, bool exchange_data) {
    if (!store.prepared_statements()) {
      statement.execute(exchange_data);
      return;
    }
    try {
      statement.execute(exchange_data);
    } catch (...) {
      postgres::PreparedStatements::keep(statement);
      throw;
    }
    postgres::PreparedStatements::keep(statement);
  }

  std::string text_;
  struct Value {
    std::string text;
    soci::indicator indicator;
  };
  std::deque<Value> values_;  // stable addresses for the bound references
};

}  // namespace myvod::store
