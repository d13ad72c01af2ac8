#pragma once
// What differs between the two engines below the SQL: opening a session, running a multi-statement
// script, classifying errors. Each engine's code lives in its own folder, because the SOCI SQLite header
// cannot share a translation unit with the raw sqlite3 API.

#include <soci/soci.h>

#include <memory>
#include <string>
#include <string_view>

namespace myvod::store::sqlite {
std::unique_ptr<soci::session> connect(const std::string& path);
void execute_script(soci::session& session, std::string_view script);
void copy_database(soci::session& session, const std::string& path);
}  // namespace myvod::store::sqlite

namespace myvod::store::postgres {
std::unique_ptr<soci::session> connect(const std::string& uri);
void execute_script(soci::session& session, std::string_view script);
// Streams `rows` (COPY text format: tab-separated, "\N" for NULL, one row per line) through
// `copy_statement` ("COPY table (columns) FROM STDIN"); SOCI has no COPY, so this is raw libpq.
void copy_in(soci::session& session, const std::string& copy_statement, std::string_view rows);
// A serialization failure (40001) or a deadlock (40P01): the transaction lost a race and may simply run
// again.
bool lost_a_race(const std::exception& error);
}  // namespace myvod::store::postgres
