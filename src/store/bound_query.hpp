#pragma once
// A statement whose text grows with the filters a request brings, with its string values bound in order
// rather than spliced into the text. Integers that were validated upstream (platform ids, limits) are
// written into the text directly. It runs as a one-time statement: on PostgreSQL one round trip
// (PQexecParams), where SOCI's prepared statements cost three (PREPARE, EXECUTE, DEALLOCATE).

#include <soci/soci.h>

#include <deque>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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
    values_.push_back(std::move(value));
    text_ += ":v" + std::to_string(values_.size());
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
  long long execute(soci::session& sql) {
    soci::statement statement(sql);
    prepare(statement);
    // Executed with "exchange data": without it, SQLite only prepares a statement that returns no rows.
    statement.execute(true);
    return statement.get_affected_rows();
  }

  // Prepares the statement with `intos` as its result columns and executes it; rows beyond the first are
  // read with fetch(). The query object must outlive the statement (the values are bound by reference).
  template <class... Intos>
  soci::statement run(soci::session& sql, Intos&&... intos) {
    soci::statement statement(sql);
    (statement.exchange(std::forward<Intos>(intos)), ...);
    prepare(statement);
    statement.execute(false);
    return statement;
  }

 private:
  // Binds the values after whatever the statement already exchanges, and prepares it as a one-time query.
  void prepare(soci::statement& statement) {
    for (auto& value : values_) statement.exchange(soci::use(value));
    statement.alloc();
    statement.prepare(text_, soci::details::st_one_time_query);
    statement.define_and_bind();
  }

  std::string text_;
  std::deque<std::string> values_;  // stable addresses for the bound references
};

}  // namespace myvod::store
