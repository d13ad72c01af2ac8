#include <soci/soci.h>

#include "store/store.hpp"

namespace myvod::store {

void IntegrationLogStore::record(const IntegrationError& error) {
  const std::string at = to_db_string(error.occurred_at);
  const std::string user = error.user_id.value_or("");
  soci::indicator user_set = error.user_id ? soci::i_ok : soci::i_null;
  // The details are JSON; PostgreSQL stores them as jsonb, SQLite as text.
  const char* details = engine() == Engine::postgres ? "CAST(:details AS jsonb)" : ":details";
  sql() << "INSERT INTO integration_error_log (api_type, error_message, error_details, user_id, occurred_at) "
           "VALUES (:api_type, :message, "
        << details << ", :user_id, :occurred_at)",
      soci::use(error.api_type), soci::use(error.message), soci::use(error.details_json),
      soci::use(user, user_set), soci::use(at);
}

long long IntegrationLogStore::count(const std::string& api_type) {
  long long total = 0;
  sql() << "SELECT COUNT(*) FROM integration_error_log WHERE api_type = :api_type", soci::use(api_type),
      soci::into(total);
  return total;
}

}  // namespace myvod::store
