#include "service/housekeeping.hpp"

namespace myvod::service {

boost::json::object clean_up(store::Store& store, Timestamp now, std::chrono::days retention) {
  auto retention_store = store.retention();
  boost::json::object counts;
  store.transaction([&] {
    counts["expired_tokens"] = retention_store.delete_expired_tokens(now);
    counts["error_logs"] = retention_store.delete_error_logs_before(now - retention);
    counts["job_runs"] = retention_store.delete_job_runs_before(now - retention);
    counts["suggestion_batches"] =
        retention_store.delete_suggestion_batches_before(now - kSuggestionBatchRetention);
    counts["expired_leases"] = retention_store.delete_expired_leases(now);
    counts["expired_attempts"] = retention_store.delete_expired_attempts(now);
  });
  retention_store.optimize();  // outside the transaction: SQLite's PRAGMA optimize wants none
  return counts;
}

}  // namespace myvod::service
