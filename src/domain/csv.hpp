#pragma once
// CSV as RFC 4180 and Python's csv module write it: comma separated, CRLF line ends, a field quoted only
// when it holds a comma, a quote or a line break, quotes inside doubled.

#include <initializer_list>
#include <string>
#include <string_view>

namespace myvod::domain {

// Appends one record and its CRLF to `out`.
void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields);

}  // namespace myvod::domain
