#include "store/engine.hpp"

#include <soci/postgresql/soci-postgresql.h>

#include <memory>
#include <stdexcept>

namespace myvod::store::postgres {

namespace {
// libpq prints notices such as "table ... does not exist, skipping" to stderr, where they
// would mix with our JSON log lines; drop them.
void ignore_notice(void*, const char*) {}
}  // namespace

std::unique_ptr<soci::session> connect(const std::string& uri) {
  auto session = std::make_unique<soci::session>(soci::postgresql, uri);
  auto* backend = static_cast<soci::postgresql_session_backend*>(session->get_backend());
  PQsetNoticeProcessor(backend->conn_, ignore_notice, nullptr);
  // Timestamps travel as text; UTC makes their meaning independent of the server's zone (SOCI reads
  // timestamptz as text in the session's zone).
  *session << "SET TIME ZONE 'UTC'";
  *session << "SET client_min_messages = warning";
  return session;
}

void execute_script(soci::session& session, std::string_view script) {
  auto* backend = static_cast<soci::postgresql_session_backend*>(session.get_backend());
  const std::string text(script);
  std::unique_ptr<PGresult, decltype(&PQclear)> result(PQexec(backend->conn_, text.c_str()), &PQclear);
  const auto status = PQresultStatus(result.get());
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string("PostgreSQL script failed: ") + PQerrorMessage(backend->conn_));
  }
}

bool lost_a_race(const std::exception& error) {
  const auto* postgres_error = dynamic_cast<const soci::postgresql_soci_error*>(&error);
  if (!postgres_error) return false;
  const std::string state = postgres_error->sqlstate();
  return state == "40001" || state == "40P01";
}

void PreparedStatements::prepare(soci::session& session, soci::statement& statement,
                                 const std::string& text) {
  statement.prepare(text, soci::details::st_one_time_query);
  auto* backend = static_cast<soci::postgresql_statement_backend*>(statement.get_backend());
  auto known = names_.find(backend->query_);
  if (known == names_.end()) {
    if (names_.size() >= kMaxStatements) return;
    PGconn* connection = static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
    std::string name = "myvod_" + std::to_string(names_.size() + 1);
    std::unique_ptr<PGresult, decltype(&PQclear)> prepared(
        PQprepare(connection, name.c_str(), backend->query_.c_str(), static_cast<int>(backend->names_.size()),
                  nullptr),
        &PQclear);
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      throw std::runtime_error(std::string("PostgreSQL could not prepare a statement: ") +
                               PQerrorMessage(connection));
    }
    known = names_.emplace(backend->query_, std::move(name)).first;
  }
  // SOCI's backend runs a statement as a prepared one when it is marked so and names it.
  backend->stType_ = soci::details::st_repeatable_query;
  backend->statementName_ = known->second;
}

void PreparedStatements::executed(soci::statement& statement) {
  static_cast<soci::postgresql_statement_backend*>(statement.get_backend())->statementName_.clear();
}

void copy_in(soci::session& session, const std::string& copy_statement, std::string_view rows) {
  PGconn* connection = static_cast<soci::postgresql_session_backend*>(session.get_backend())->conn_;
  const auto fail = [&](const char* step) {
    throw std::runtime_error(std::string("PostgreSQL COPY failed at ") + step + ": " +
                             PQerrorMessage(connection));
  };
  {
    std::unique_ptr<PGresult, decltype(&PQclear)> start(PQexec(connection, copy_statement.c_str()), &PQclear);
    if (PQresultStatus(start.get()) != PGRES_COPY_IN) fail("start");
  }
  constexpr size_t kChunk = 1 << 20;
  for (size_t offset = 0; offset < rows.size(); offset += kChunk) {
    const auto chunk = rows.substr(offset, kChunk);
    if (PQputCopyData(connection, chunk.data(), static_cast<int>(chunk.size())) != 1) fail("data");
  }
  if (PQputCopyEnd(connection, nullptr) != 1) fail("end");
  bool failed = false;
  while (PGresult* result = PQgetResult(connection)) {
    failed = failed || PQresultStatus(result) != PGRES_COMMAND_OK;
    PQclear(result);
  }
  if (failed) fail("finish");
}

}  // namespace myvod::store::postgres
