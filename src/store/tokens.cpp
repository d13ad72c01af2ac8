#include <soci/soci.h>

#include "store/bound_query.hpp"
#include "store/store.hpp"

namespace myvod::store {

void TokenStore::record_outstanding(const OutstandingToken& token) {
  BoundQuery insert;
  insert << "INSERT INTO token_blacklist_outstandingtoken (token, created_at, expires_at, user_id, jti) "
            "VALUES (";
  insert.bind(token.token) << ", ";
  insert.bind(to_db_string(token.created_at)) << ", ";
  insert.bind(to_db_string(token.expires_at)) << ", ";
  insert.bind(token.user_id) << ", ";
  insert.bind(token.jti) << ") ON CONFLICT (jti) DO NOTHING";
  insert.execute(store_);
}

bool TokenStore::is_blacklisted(const std::string& jti) {
  int found = 0;
  BoundQuery query;
  query << "SELECT 1 FROM token_blacklist_blacklistedtoken b "
           "JOIN token_blacklist_outstandingtoken o ON o.id = b.token_id WHERE o.jti = ";
  query.bind(jti);
  return query.run(store_, soci::into(found)).fetch();
}

bool TokenStore::blacklist(const OutstandingToken& old_token, Timestamp at) {
  record_outstanding(old_token);
  BoundQuery insert;
  insert << "INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id) SELECT ";
  insert.bind(to_db_string(at)) << ", id FROM token_blacklist_outstandingtoken WHERE jti = ";
  insert.bind(old_token.jti) << " ON CONFLICT (token_id) DO NOTHING";
  return insert.execute(store_) == 1;
}

long long TokenStore::blacklist_all_of_user(const std::string& user_id, Timestamp at) {
  const std::string blacklisted_at = to_db_string(at);
  BoundQuery insert;
  insert << "INSERT INTO token_blacklist_blacklistedtoken (blacklisted_at, token_id) SELECT ";
  insert.bind(blacklisted_at) << ", id FROM token_blacklist_outstandingtoken WHERE user_id = ";
  insert.bind(user_id) << " AND expires_at > ";
  insert.bind(blacklisted_at) << " ON CONFLICT (token_id) DO NOTHING";
  return insert.execute(store_);
}

}  // namespace myvod::store
