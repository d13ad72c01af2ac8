#pragma once
// CSV as RFC 4180 and Python's csv module write it: comma separated, CRLF line ends, a field quoted only
// when it holds a comma, a quote or a line break, quotes inside doubled. Reading is as lenient as the files
// users bring: a UTF-8 byte order mark, LF or CRLF line ends, and blank lines are accepted.

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "common/expected.hpp"

namespace myvod::domain {

// Appends one record and its CRLF to `out`.
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

struct CsvRecord {
  size_t line = 0;  // where the record starts, counting from 1, so reports can point into the file
  std::vector<std::string> fields;
};

// Every non-blank record of `text`. Err: the line where a quoted field opens and never closes, or where
// text follows a closing quote (the file is not CSV from there on, so nothing after it can be trusted).
Expected<std::vector<CsvRecord>, size_t> parse_csv(std::string_view text);

}  // namespace myvod::domain
