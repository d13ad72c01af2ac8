#include "domain/csv.hpp"

namespace myvod::domain {

void append_csv_row(std::string& out, std::initializer_list<std::string_view> fields) {
  bool first = true;
  for (const std::string_view field : fields) {
    if (!first) out += ',';
    first = false;
    if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
      out += field;
      continue;
    }
    out += '"';
    for (const char c : field) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

}  // namespace myvod::domain

namespace myvod::domain {

Expected<std::vector<CsvRecord>, size_t> parse_csv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  size_t line = 1;
  size_t i = 0;
  bool record_open = false;  // a field of the current record has been started
  const auto end_record = [&] {
    record.fields.push_back(std::move(field));
    field.clear();
    const bool blank = record.fields.size() == 1 && record.fields.front().empty();
    if (!blank) records.push_back(std::move(record));
    record = CsvRecord{};
    record_open = false;
  };
  while (i < text.size()) {
    if (!record_open) {
      record.line = line;
      record_open = true;
    }
    const char c = text[i];
    if (c == '"' && field.empty()) {
      const size_t opened_on = line;
      ++i;
      for (;;) {
        if (i >= text.size()) return unexpected(opened_on);
        if (text[i] == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field += '"';
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        if (text[i] == '\n') ++line;
        field += text[i++];
      }
      if (i < text.size() && text[i] != ',' && text[i] != '\r' && text[i] != '\n') return unexpected(line);
      continue;
    }
    if (c == ',') {
      record.fields.push_back(std::move(field));
      field.clear();
      ++i;
    } else if (c == '\r' || c == '\n') {
      end_record();
      i += (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
      ++line;
    } else {
      field += c;
      ++i;
    }
  }
  if (record_open) end_record();
  return records;
}

}  // namespace myvod::domain
