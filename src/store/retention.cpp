#include <soci/soci.h>

#include "store/store.hpp"

namespace myvod::store {

namespace {

long long delete_rows(soci::session& sql, const std::string& statement, const std::string& cutoff) {
  soci::statement remove = (sql.prepare << statement, soci::use(cutoff));
  remove.execute(true);
  return remove.get_affected_rows();
}

}  // namespace

long long RetentionStore::delete_expired_tokens(Timestamp now) {
  // Blacklist entries go with their token (ON DELETE CASCADE); an expired token is refused anyway.
  return delete_rows(sql(), "DELETE FROM token_blacklist_outstandingtoken WHERE expires_at < :cutoff",
                     to_db_string(now));
}

long long RetentionStore::delete_error_logs_before(Timestamp cutoff) {
  return delete_rows(sql(), "DELETE FROM integration_error_log WHERE occurred_at < :cutoff",
                     to_db_string(cutoff));
}

long long RetentionStore::delete_job_runs_before(Timestamp cutoff) {
  return delete_rows(sql(), "DELETE FROM job_run WHERE started_at < :cutoff AND outcome <> 'running'",
                     to_db_string(cutoff));
}

long long RetentionStore::delete_suggestion_batches_before(Timestamp cutoff) {
  return delete_rows(sql(), "DELETE FROM ai_suggestion_batch WHERE generated_at < :cutoff",
                     to_db_string(cutoff));
}

long long RetentionStore::delete_expired_leases(Timestamp now) {
  return delete_rows(sql(), "DELETE FROM job_lease WHERE expires_at < :cutoff", to_db_string(now));
}

long long RetentionStore::delete_expired_attempts(Timestamp now) {
  return delete_rows(sql(), "DELETE FROM attempt_window WHERE expires_at <= :cutoff", to_db_string(now));
}

void RetentionStore::optimize() {
  if (engine() == Engine::sqlite) sql() << "PRAGMA optimize";
}

}  // namespace myvod::store
