#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/columns.hpp"
#include "store/store.hpp"

namespace myvod::store {

bool JobStore::acquire_lease(const std::string& job, const std::string& owner, Timestamp now,
                             Timestamp until) {
  // One statement, so two servers racing for a free lease are decided by the primary key: the loser's
  // insert turns into an update whose condition no longer holds.
  BoundQuery take;
  take << "INSERT INTO job_lease (job, owner, expires_at) VALUES (";
  take.bind(job) << ", ";
  take.bind(owner) << ", ";
  take.bind(to_db_string(until))
      << ") ON CONFLICT (job) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at "
         "WHERE job_lease.expires_at <= ";
  take.bind(to_db_string(now)) << " OR job_lease.owner = excluded.owner";
  return take.execute(store_) == 1;
}

void JobStore::release_lease(const std::string& job, const std::string& owner) {
  sql() << "DELETE FROM job_lease WHERE job = :job AND owner = :owner", soci::use(job), soci::use(owner);
}

bool JobStore::lease_held(const std::string& job, Timestamp now) {
  const std::string now_text = to_db_string(now);
  int held = 0;
  sql() << "SELECT COUNT(*) FROM job_lease WHERE job = :job AND expires_at > :now", soci::use(job),
      soci::use(now_text), soci::into(held);
  return held > 0;
}

std::optional<long long> JobStore::start_run(const std::string& job, const std::string& trigger,
                                             const std::optional<Timestamp>& slot, Timestamp now) {
  const std::string started = to_db_string(now);
  const std::string slot_text = slot ? to_db_string(*slot) : std::string();
  soci::indicator slot_set = slot ? soci::i_ok : soci::i_null;
  long long id = 0;
  sql() << "INSERT INTO job_run (job, trigger, slot, started_at, outcome) VALUES (:job, :trigger, :slot, "
           ":started, 'running') ON CONFLICT (job, slot) DO NOTHING RETURNING id",
      soci::use(job), soci::use(trigger), soci::use(slot_text, slot_set), soci::use(started), soci::into(id);
  if (!sql().got_data()) return std::nullopt;
  return id;
}

void JobStore::finish_run(long long id, const std::string& outcome, const std::string& counts_json,
                          const std::optional<std::string>& error, Timestamp now) {
  const std::string finished = to_db_string(now);
  const std::string message = error.value_or("");
  soci::indicator error_set = error ? soci::i_ok : soci::i_null;
  const char* counts = engine() == Engine::postgres ? "CAST(:counts AS jsonb)" : ":counts";
  sql() << "UPDATE job_run SET finished_at = :finished, outcome = :outcome, counts = " << counts
        << ", error = :error WHERE id = :id",
      soci::use(finished), soci::use(outcome), soci::use(counts_json), soci::use(message, error_set),
      soci::use(id);
}

std::vector<JobRun> JobStore::recent_runs(const std::string& job, int limit) {
  BoundQuery query;
  query << "SELECT id, job, trigger, started_at, finished_at, outcome, CAST(counts AS TEXT), error FROM "
           "job_run";
  if (!job.empty()) {
    query << " WHERE job = ";
    query.bind(job);
  }
  query << " ORDER BY started_at DESC, id DESC LIMIT " << limit;
  JobRun run;
  std::string started, finished, error;
  soci::indicator finished_set, error_set;
  Rows rows = query.run(store_, soci::into(run.id), soci::into(run.job), soci::into(run.trigger),
                        soci::into(started), soci::into(finished, finished_set), soci::into(run.outcome),
                        soci::into(run.counts_json), soci::into(error, error_set));
  std::vector<JobRun> runs;
  while (rows.fetch()) {
    run.started_at = *timestamp_column(started, soci::i_ok);
    run.finished_at = timestamp_column(finished, finished_set);
    run.error = optional_column(error, error_set);
    runs.push_back(run);
  }
  return runs;
}

}  // namespace myvod::store
