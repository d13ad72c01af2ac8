#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/store.hpp"

namespace myvod::store {

namespace {

// `statement` ends with the comparison the cutoff completes; `rest` follows it.
long long delete_rows(Store& store, const char* statement, Timestamp cutoff, const char* rest = "") {
  BoundQuery remove;
  remove << statement;
  remove.bind(to_db_string(cutoff)) << rest;
  return remove.execute(store);
}

}  // namespace

long long RetentionStore::delete_expired_tokens(Timestamp now) {
  // Blacklist entries go with their token (ON DELETE CASCADE); an expired token is refused anyway.
  return delete_rows(store_, "DELETE FROM token_blacklist_outstandingtoken WHERE expires_at < ", now);
}

long long RetentionStore::delete_error_logs_before(Timestamp cutoff) {
  return delete_rows(store_, "DELETE FROM integration_error_log WHERE occurred_at < ", cutoff);
}

long long RetentionStore::delete_job_runs_before(Timestamp cutoff) {
  return delete_rows(store_, "DELETE FROM job_run WHERE started_at < ", cutoff, " AND outcome <> 'running'");
}

long long RetentionStore::delete_suggestion_batches_before(Timestamp cutoff) {
  return delete_rows(store_, "DELETE FROM ai_suggestion_batch WHERE generated_at < ", cutoff);
}

long long RetentionStore::delete_expired_leases(Timestamp now) {
  return delete_rows(store_, "DELETE FROM job_lease WHERE expires_at < ", now);
}

long long RetentionStore::delete_expired_attempts(Timestamp now) {
  return delete_rows(store_, "DELETE FROM attempt_window WHERE expires_at <= ", now);
}

void RetentionStore::optimize() {
  if (engine() == Engine::sqlite) sql() << "PRAGMA optimize";
}

}  // namespace myvod::store
